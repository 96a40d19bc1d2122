import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Variant } from './variants.js';

/** The modules' sources: everything in kernel/ but build output. */
function sources(kernelDir: string): string[] {
  return readdirSync(kernelDir).filter((f) => /\.(c|h)$/.test(f) || f === 'Kbuild' || f === 'Makefile').sort();
}

/** A key of the sources, the kernel and the variant: a build is redone only when one changes. */
function buildKey(kernelDir: string, kver: string, v: Variant): string {
  const h = createHash('sha256').update(`${kver}\0${v.name}\0${v.version}\0${v.mut ?? ''}\0`);
  for (const f of sources(kernelDir)) h.update(f).update('\0').update(readFileSync(join(kernelDir, f))).update('\0');
  return h.digest('hex').slice(0, 16);
}

/**
 * Builds one variant of kernel/ against /lib/modules/KVER/build into
 * CACHE/NAME-KEY (cached), and returns that directory with its three .ko files.
 */
export function buildVariant(kernelDir: string, cache: string, kver: string, v: Variant): string {
  const out = join(cache, `${v.name}-${buildKey(kernelDir, kver, v)}`);
  if (existsSync(join(out, 'hotup_parent.ko'))) return out;
  const kdir = `/lib/modules/${kver}/build`;
  if (!existsSync(kdir)) throw new Error(`no headers for ${kver} at ${kdir}: run scripts/kernel-vm/setup.sh`);
  const tmp = `${out}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (const f of sources(kernelDir)) cpSync(join(kernelDir, f), join(tmp, f));
  const args = ['-C', kdir, `M=${tmp}`, `HOTUP_VERSION=${v.version}`, 'modules'];
  if (v.mut) args.push(`HOTUP_MUT=${v.mut}`);
  const r = spawnSync('make', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building ${v.name} failed:\n${r.stdout}\n${r.stderr}`);
  const warnings = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => /warning:/.test(l));
  if (warnings.length) throw new Error(`building ${v.name}: the modules must build without warnings:\n${warnings.join('\n')}`);
  for (const f of readdirSync(cache)) if (f.startsWith(`${v.name}-`) && !f.includes('.tmp-')) rmSync(join(cache, f), { recursive: true, force: true });
  renameSync(tmp, out);
  return out;
}
