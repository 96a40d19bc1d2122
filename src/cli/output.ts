import { accessSync, constants, mkdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { quotePath } from '../topology/quote.js';

/** An output path that cannot be written: the flag, the path, what is wrong and the fix (exit 2). */
export class OutputError extends Error {
  constructor(
    readonly flag: string,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${flag}: ${problem}; ${fix}`);
    this.name = 'OutputError';
  }
}

/** One file a command writes: the flag that named it, its path and its text. */
export interface OutputFile {
  readonly flag: string;
  readonly path: string;
  readonly text: string;
}

const statOf = (p: string): Stats | null => {
  try {
    return statSync(p);
  } catch {
    return null;
  }
};

/** The nearest folder above `path` that exists (the path itself when it does). */
function nearestExisting(path: string): { dir: string; stat: Stats | null } {
  let dir = resolve(path);
  for (;;) {
    const st = statOf(dir);
    if (st || dirname(dir) === dir) return { dir, stat: st };
    dir = dirname(dir);
  }
}

function checkAncestor(flag: string, path: string, start: string): void {
  const { dir, stat } = nearestExisting(start);
  if (!stat?.isDirectory()) throw new OutputError(flag, `${quotePath(dir)} is not a folder, so ${quotePath(path)} cannot be made`, 'choose a path under a folder');
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new OutputError(flag, `the folder ${quotePath(dir)} is not writable`, 'choose a path you may write');
  }
}

/** Checks, before any work, that `path` can be written as a file: a path, not a folder, under a folder that exists or can be made. */
export function checkOutputFile(flag: string, path: string): void {
  if (path === '') throw new OutputError(flag, 'the path is empty', `give a file name, e.g. ${flag} out.json`);
  const st = statOf(path);
  if (st?.isDirectory()) throw new OutputError(flag, `${quotePath(path)} is a folder`, `give a file path, e.g. ${join(path, 'out')}`);
  if (!st) checkAncestor(flag, path, dirname(resolve(path)));
}

/** Checks, before any work, that `path` is a folder or can be made one. */
export function checkOutputDir(flag: string, path: string): void {
  if (path === '') throw new OutputError(flag, 'the path is empty', `give a folder, e.g. ${flag} out`);
  const st = statOf(path);
  if (st && !st.isDirectory()) throw new OutputError(flag, `${quotePath(path)} exists and is not a folder`, 'give a folder (it is made when missing)');
  if (!st) checkAncestor(flag, path, path);
}

/** Makes the missing folders above `file`, one at a time (recursive mkdir loops on some pseudo file systems); returns those made. */
function makeFolders(flag: string, folder: string): string[] {
  const missing: string[] = [];
  for (let d = resolve(folder); !statOf(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  const made: string[] = [];
  try {
    for (const d of missing) {
      mkdirSync(d);
      made.push(d);
    }
  } catch (e) {
    for (const d of made.reverse()) rmdirSync(d);
    throw new OutputError(flag, `cannot make the folder ${quotePath(folder)} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, 'choose a path under a folder you may write');
  }
  return made;
}

/**
 * Writes files whole or not at all: each goes to a temporary name beside it,
 * and only when every one is written are they renamed into place. On any
 * failure the temporaries and the folders made for them are removed and an
 * OutputError names the flag. A path that exists and is not a regular file
 * (/dev/null, a FIFO) is written in place: renaming over it would replace it.
 */
export function writeOutputs(files: readonly OutputFile[]): void {
  const tmps: string[] = [];
  const made: string[] = [];
  let current: OutputFile | null = null;
  try {
    const plan: { file: OutputFile; tmp: string | null }[] = [];
    for (const f of files) {
      current = f;
      checkOutputFile(f.flag, f.path);
      made.push(...makeFolders(f.flag, dirname(resolve(f.path))));
      const st = statOf(f.path);
      if (st && !st.isFile()) {
        plan.push({ file: f, tmp: null });
        continue;
      }
      const tmp = `${f.path}.${process.pid}.tmp`;
      tmps.push(tmp);
      writeFileSync(tmp, f.text);
      plan.push({ file: f, tmp });
    }
    for (const { file, tmp } of plan) {
      current = file;
      if (tmp === null) writeFileSync(file.path, file.text);
      else renameSync(tmp, file.path);
    }
  } catch (e) {
    for (const t of tmps) rmSync(t, { force: true });
    for (const d of made.reverse()) {
      try {
        rmdirSync(d);
      } catch {
        // a folder that now holds something else stays
      }
    }
    if (e instanceof OutputError) throw e;
    const f = current!;
    throw new OutputError(f.flag, `cannot write ${quotePath(f.path)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'choose a path you may write');
  }
}
