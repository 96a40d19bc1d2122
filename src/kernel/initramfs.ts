import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { cpioArchive, type CpioEntry } from './cpio.js';

/** Stock modules the guest loads, with their dependencies from modules.dep (bonding needs tls). */
const STOCK = ['tls', 'bonding', 'bridge'];
const STOCK_ARGS: Readonly<Record<string, string>> = { bonding: 'max_bonds=0' };

function run(cmd: string, args: readonly string[], input?: Buffer): Buffer {
  const r = spawnSync(cmd, args, { input, maxBuffer: 1 << 30 });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${String(r.stderr).trim()}`);
  return r.stdout;
}

function which(name: string): string {
  for (const d of ['/usr/sbin', '/usr/bin', '/sbin', '/bin']) if (existsSync(join(d, name))) return realpathSync(join(d, name));
  throw new Error(`${name} not found: run scripts/kernel-vm/setup.sh`);
}

function sharedLibs(bin: string): string[] {
  return String(run('ldd', [bin])).split('\n').flatMap((l) => {
    const m = /=>\s+(\/\S+)/.exec(l) ?? /^\s*(\/\S+)\s+\(/.exec(l);
    return m ? [m[1]!] : [];
  });
}

/** The stock modules in load order, decompressed. */
function stockModules(kver: string): { base: string; name: string; data: Buffer }[] {
  const dir = `/lib/modules/${kver}`;
  const dep = new Map<string, string[]>();
  const byName = new Map<string, string>();
  for (const line of readFileSync(`${dir}/modules.dep`, 'utf8').split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (!m) continue;
    dep.set(m[1]!, m[2]!.split(/\s+/).filter(Boolean));
    byName.set(basename(m[1]!).replace(/\.ko(\.(xz|zst|gz))?$/, '').replace(/-/g, '_'), m[1]!);
  }
  const order: string[] = [];
  const visit = (rel: string): void => {
    if (order.includes(rel)) return;
    for (const d of dep.get(rel) ?? []) visit(d);
    order.push(rel);
  };
  for (const n of STOCK) {
    const rel = byName.get(n);
    if (!rel) throw new Error(`module ${n} not found for kernel ${kver}`);
    visit(rel);
  }
  return order.map((rel) => {
    let data: Buffer = readFileSync(join(dir, rel));
    if (rel.endsWith('.xz')) data = run('xz', ['-dc'], data);
    else if (rel.endsWith('.zst')) data = run('zstd', ['-dc'], data);
    else if (rel.endsWith('.gz')) data = gunzipSync(data);
    const base = basename(rel).replace(/\.(xz|zst|gz)$/, '');
    return { base, name: base.replace(/\.ko$/, '').replace(/-/g, '_'), data };
  });
}

/**
 * The guest's initramfs: static busybox, iproute2's ip and ethtool with their libraries, the
 * stock modules, every module build under /ko/NAME, the upgrade tool, /init
 * and the plan of scenarios.
 */
export function buildInitramfs(kver: string, vmDir: string, builds: ReadonlyMap<string, string>, plan: string): Buffer {
  const busybox = which('busybox');
  if (spawnSync('ldd', [busybox]).status === 0) throw new Error(`${busybox} is dynamically linked: need busybox-static`);
  const ip = which('ip');
  const ethtool = which('ethtool');
  const applets = String(run(busybox, ['--list'])).split('\n').filter((a) => a && a !== 'ip' && a !== 'ethtool' && a !== 'busybox' && !a.includes('/'));
  const mods = stockModules(kver);
  const files: { path: string; data: Buffer; mode: number }[] = [
    { path: 'bin/busybox', data: readFileSync(busybox), mode: 0o755 },
    { path: 'bin/iproute-ip', data: readFileSync(ip), mode: 0o755 },
    { path: 'bin/ethtool', data: readFileSync(ethtool), mode: 0o755 },
    ...[...new Set([...sharedLibs(ip), ...sharedLibs(ethtool)])].map((l) => ({ path: l.slice(1), data: readFileSync(l), mode: 0o755 })),
    ...mods.map((m) => ({ path: `modules/${m.base}`, data: m.data, mode: 0o644 })),
    { path: 'modules/order', data: Buffer.from(`${mods.map((m) => `${m.base}${STOCK_ARGS[m.name] ? ` ${STOCK_ARGS[m.name]}` : ''}`).join('\n')}\n`), mode: 0o644 },
    ...[...builds].flatMap(([name, dir]) => readdirSync(dir).filter((f) => f.endsWith('.ko')).map((f) => ({ path: `ko/${name}/${f}`, data: readFileSync(join(dir, f)), mode: 0o644 }))),
    { path: 'bin/hotup-upgrade.sh', data: readFileSync(join(vmDir, 'hotup-upgrade.sh')), mode: 0o755 },
    { path: 'init', data: readFileSync(join(vmDir, 'guest-init.sh')), mode: 0o755 },
    { path: 'plan.sh', data: Buffer.from(plan), mode: 0o644 },
  ];
  const dirs = new Set(['bin', 'sbin', 'usr', 'usr/bin', 'usr/sbin', 'dev', 'proc', 'sys', 'run', 'tmp', 'etc', 'var', 'root']);
  for (const f of files) {
    const parts = f.path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  const entries: CpioEntry[] = [...dirs].sort().map((d) => ({ type: 'dir', path: d }));
  entries.push({ type: 'chr', path: 'dev/console', rdev: [5, 1] }, { type: 'chr', path: 'dev/null', rdev: [1, 3], mode: 0o666 });
  entries.push({ type: 'link', path: 'var/run', target: '../run' });
  for (const f of files) entries.push({ type: 'file', ...f });
  for (const a of applets) entries.push({ type: 'link', path: `bin/${a}`, target: 'busybox' });
  return cpioArchive(entries);
}
