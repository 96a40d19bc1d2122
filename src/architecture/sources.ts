import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';

/** One TypeScript source file of the project and the project files it imports. */
export interface SourceFile {
  /** Path relative to the repository root, with `/` separators. */
  readonly path: string;
  /** Number of lines. */
  readonly lines: number;
  /** Repository-relative paths of the files its relative imports name (`.js` read as `.ts`), each once. */
  readonly imports: readonly string[];
}

/** Folders never read: dependencies, tests and their helpers, version control. */
const SKIPPED_DIRS = new Set(['node_modules', 'test', '.git']);

/** Whether `name` is TypeScript source: not a test, not a declaration file. */
const isSource = (name: string): boolean => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts');

/**
 * Repository-relative paths of every TypeScript source file under `root`,
 * sorted. Files directly in the root (tool configuration) are left out, and so
 * are node_modules, test/, hidden folders, `*.test.ts` and `*.d.ts`.
 */
export function sourcePaths(root: string): string[] {
  const found: string[] = [];
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory() && !SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.')) walk(path);
      else if (e.isFile() && rel !== '' && isSource(e.name)) found.push(path);
    }
  };
  walk('');
  return found.sort();
}

/**
 * The repository-relative files that the relative imports in `text` name,
 * `text` being the source of the file at `path`. Static, type-only, re-export
 * and dynamic imports all count; package imports do not. `./x.js` names `x.ts`.
 */
export function relativeImports(path: string, text: string): string[] {
  const named = ts
    .preProcessFile(text, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((s) => s.startsWith('./') || s.startsWith('../'))
    .map((s) => posix.normalize(posix.join(posix.dirname(path), s)).replace(/\.js$/, '.ts'));
  return [...new Set(named)].sort();
}

/** Every source file under `root` with its line count and relative imports. */
export function readSources(root: string): SourceFile[] {
  return sourcePaths(root).map((path) => {
    const text = readFileSync(join(root, path), 'utf8');
    return { path, lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0), imports: relativeImports(path, text) };
  });
}

