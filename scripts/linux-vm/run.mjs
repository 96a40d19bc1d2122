#!/usr/bin/env node
// Long on purpose: one plain Node script with no project imports, so the VM harness runs before and apart from the TypeScript build.
// Runs Linux bonding scenarios inside a QEMU guest (TCG, no NIC) and writes
// the observations as JSON.
//
//   node scripts/linux-vm/run.mjs SCENARIOS.json OUT.json [options]
//
// Options:
//   --timeout SECONDS   hard limit for the whole QEMU run (default: 300, raised
//                       automatically for long scenario files)
//   --boot vmlinux|bzimage   kernel image to boot (default: vmlinux via PVH when
//                       the kernel supports it, else the bzImage)
//   --kernel VERSION    kernel under /boot + /lib/modules (default: newest one
//                       that ships bonding.ko)
//   --tick-mode stepped|realtime   default tick scheme for scenarios that do
//                       not set "tick_mode" (default: stepped)
//   --jobs N            boot N guests at once, each running a share of the
//                       scenarios (default 1; more than the host's cores is no use)
//   --verbose           echo the guest console to stderr
//
// See README.md next to this file for the formats and the tick scheme.
// Plain JavaScript (no build step); Node >= 18.

import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CACHE = path.join(HERE, '.cache');
const GUEST_INIT = path.join(HERE, 'guest-init.sh');
const MODULES = ['tls', 'bonding', 'veth', 'bridge'];
const MODULE_ARGS = { bonding: 'max_bonds=0' };
const MODES = ['balance-rr', 'active-backup', 'balance-xor', 'broadcast', '802.3ad', 'balance-tlb', 'balance-alb'];
const RESELECT = ['always', 'better', 'failure'];
const OPS = ['carrier_off', 'carrier_on', 'admin_down', 'admin_up', 'del_slave', 'add_slave', 'tick'];
const MAX_SLAVES = 8;
const BOOT_TIMEOUT_S = 90;

class Fail extends Error {}
const log = (...a) => process.stderr.write(`[linux-vm] ${a.join(' ')}\n`);
const sha = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(typeof p === 'string' ? p : p), h.update('\0');
  return h.digest('hex');
};

function writeAtomic(file, data) {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const opts = { timeout: null, boot: null, kernel: null, tickMode: 'stepped', verbose: false, jobs: 1, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Fail(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--timeout') opts.timeout = Number(val());
    else if (a === '--boot') opts.boot = val();
    else if (a === '--kernel') opts.kernel = val();
    else if (a === '--tick-mode') opts.tickMode = val();
    else if (a === '--jobs') opts.jobs = Number(val());
    else if (a === '--verbose' || a === '-v') opts.verbose = true;
    else if (a === '-h' || a === '--help') opts.help = true;
    else if (a.startsWith('--')) throw new Fail(`unknown option ${a}`);
    else opts.files.push(a);
  }
  if (opts.help) return opts;
  if (opts.files.length !== 2) throw new Fail('usage: node scripts/linux-vm/run.mjs SCENARIOS.json OUT.json [--timeout S] [--boot vmlinux|bzimage] [--kernel VER] [--tick-mode stepped|realtime] [--jobs N] [--verbose]');
  if (opts.timeout !== null && !(opts.timeout > 0)) throw new Fail('--timeout must be a positive number of seconds');
  if (opts.boot && !['vmlinux', 'bzimage'].includes(opts.boot)) throw new Fail('--boot must be vmlinux or bzimage');
  if (!['stepped', 'realtime'].includes(opts.tickMode)) throw new Fail('--tick-mode must be stepped or realtime');
  if (!Number.isInteger(opts.jobs) || opts.jobs < 1 || opts.jobs > 16) throw new Fail('--jobs must be an integer 1..16 (guests booted at once)');
  return opts;
}

// ---------------------------------------------------------------- scenarios
function isInt(x) { return Number.isInteger(x); }

function validateScenarios(doc, defaults) {
  if (!doc || !Array.isArray(doc.scenarios)) throw new Fail('scenario file: top level must be {"scenarios": [...]}');
  const names = new Set();
  return doc.scenarios.map((s, si) => {
    const where = `scenario #${si}${s && typeof s.name === 'string' ? ` (${s.name})` : ''}`;
    const bad = (msg) => { throw new Fail(`scenario file: ${where}: ${msg}`); };
    if (!s || typeof s !== 'object') bad('not an object');
    if (typeof s.name !== 'string' || !s.name) bad('"name" must be a non-empty string');
    if (names.has(s.name)) bad('duplicate name');
    names.add(s.name);
    const b = s.bond;
    if (!b || typeof b !== 'object') bad('"bond" missing');
    if (!MODES.includes(b.mode)) bad(`bond.mode must be one of ${MODES.join(', ')}`);
    const miimon = b.miimon ?? 100;
    if (!isInt(miimon) || miimon <= 0) bad('bond.miimon must be a positive integer (ms)');
    if (!isInt(b.slaves) || b.slaves < 1 || b.slaves > MAX_SLAVES) bad(`bond.slaves must be 1..${MAX_SLAVES}`);
    const primary = b.primary ?? null;
    if (primary !== null && (!isInt(primary) || primary < 0 || primary >= b.slaves)) bad('bond.primary must be null or a slave index');
    const reselect = b.primary_reselect ?? 'always';
    if (!RESELECT.includes(reselect)) bad(`bond.primary_reselect must be one of ${RESELECT.join(', ')}`);
    const dd = b.downdelay ?? 0, ud = b.updelay ?? 0;
    for (const [k, v] of [['downdelay', dd], ['updelay', ud]]) {
      if (!isInt(v) || v < 0) bad(`bond.${k} must be a non-negative integer (ms)`);
      if (v % miimon !== 0) bad(`bond.${k} (${v}) must be a multiple of miimon (${miimon}); the kernel would round it down`);
    }
    const ping = s.ping ?? true;
    if (typeof ping !== 'boolean') bad('"ping" must be a boolean');
    const tickMode = s.tick_mode ?? defaults.tickMode;
    if (!['stepped', 'realtime'].includes(tickMode)) bad('"tick_mode" must be "stepped" or "realtime"');
    const settle = s.settle ?? true;
    if (typeof settle !== 'boolean') bad('"settle" must be a boolean');
    if (!Array.isArray(s.steps)) bad('"steps" must be an array');
    const steps = s.steps.map((st, i) => {
      if (!st || !OPS.includes(st.op)) bad(`step ${i}: op must be one of ${OPS.join(', ')}`);
      if (st.op === 'tick') {
        const count = st.count ?? 1;
        if (!isInt(count) || count < 0 || count > 1000) bad(`step ${i}: tick count must be an integer 0..1000`);
        return { op: 'tick', arg: count };
      }
      if (!isInt(st.slave) || st.slave < 0 || st.slave >= b.slaves) bad(`step ${i}: slave must be an index 0..${b.slaves - 1}`);
      return { op: st.op, arg: st.slave };
    });
    return { name: s.name, mode: b.mode, miimon, slaves: b.slaves, primary, reselect, dd, ud, ping, tickMode, settle, steps };
  });
}

function planScript(scns) {
  const lines = ['# generated by run.mjs: one block per scenario'];
  scns.forEach((s, i) => {
    lines.push(`scen ${i} ${s.mode} ${s.miimon} ${s.slaves} ${s.primary ?? -1} ${s.reselect} ${s.dd} ${s.ud} ${s.ping ? 1 : 0} ${s.tickMode} ${s.settle ? 1 : 0}`);
    for (const st of s.steps) lines.push(`op ${st.op} ${st.arg}`);
    lines.push('endscen');
  });
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------- host inputs
function verCmp(a, b) {
  const pa = a.split(/[.-]/), pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '', y = pb[i] ?? '';
    const nx = Number(x), ny = Number(y);
    const c = !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x.localeCompare(y);
    if (c) return c;
  }
  return 0;
}

function findKernel(wanted) {
  const have = fs.existsSync('/lib/modules') ? fs.readdirSync('/lib/modules') : [];
  const ok = have.filter((v) => fs.existsSync(`/boot/vmlinuz-${v}`) && fs.existsSync(`/lib/modules/${v}/modules.dep`)
    && fs.readFileSync(`/lib/modules/${v}/modules.dep`, 'utf8').includes('/bonding.ko'));
  if (wanted) {
    if (!ok.includes(wanted)) throw new Fail(`kernel ${wanted}: need /boot/vmlinuz-${wanted} and /lib/modules/${wanted} with bonding.ko`);
    return wanted;
  }
  if (!ok.length) throw new Fail('no kernel with bonding.ko under /boot and /lib/modules: run scripts/linux-vm/setup.sh');
  return ok.sort(verCmp).at(-1);
}

function resolveModules(kver) {
  const dir = `/lib/modules/${kver}`;
  const dep = new Map();
  const byName = new Map();
  for (const line of fs.readFileSync(`${dir}/modules.dep`, 'utf8').split('\n')) {
    const m = line.match(/^([^:]+):\s*(.*)$/);
    if (!m) continue;
    dep.set(m[1], m[2].split(/\s+/).filter(Boolean));
    const name = path.basename(m[1]).replace(/\.ko(\.(xz|zst|gz))?$/, '').replace(/-/g, '_');
    byName.set(name, m[1]);
  }
  const order = [];
  const seen = new Set();
  const visit = (rel) => {
    if (seen.has(rel)) return;
    seen.add(rel);
    for (const d of dep.get(rel) ?? []) visit(d);
    order.push(rel);
  };
  for (const n of MODULES) {
    const rel = byName.get(n);
    if (!rel) {
      // built in? then there is nothing to load
      const builtin = fs.existsSync(`${dir}/modules.builtin`) && fs.readFileSync(`${dir}/modules.builtin`, 'utf8').includes(`/${n}.ko`);
      if (builtin) continue;
      throw new Fail(`module ${n} not found for kernel ${kver}`);
    }
    visit(rel);
  }
  return order.map((rel) => {
    const file = path.join(dir, rel);
    let data = fs.readFileSync(file);
    if (rel.endsWith('.xz')) data = run('xz', ['-dc'], data);
    else if (rel.endsWith('.zst')) data = run('zstd', ['-dc'], data);
    else if (rel.endsWith('.gz')) data = zlib.gunzipSync(data);
    const base = path.basename(rel).replace(/\.(xz|zst|gz)$/, '');
    const name = base.replace(/\.ko$/, '').replace(/-/g, '_');
    return { base, name, data };
  });
}

function run(cmd, args, input) {
  const r = spawnSync(cmd, args, { input, maxBuffer: 1 << 30 });
  if (r.error) throw new Fail(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Fail(`${cmd} ${args.join(' ')} failed: ${String(r.stderr).trim()}`);
  return r.stdout;
}

function which(names) {
  for (const n of names) {
    for (const d of ['/usr/sbin', '/usr/bin', '/sbin', '/bin']) {
      const p = path.join(d, n);
      if (fs.existsSync(p)) return p;
    }
  }
  return null;
}

function sharedLibs(bin) {
  const out = String(run('ldd', [bin]));
  const libs = [];
  for (const line of out.split('\n')) {
    let m = line.match(/=>\s+(\/\S+)/);
    if (m) { libs.push(m[1]); continue; }
    m = line.match(/^\s*(\/\S+)\s+\(/);
    if (m) libs.push(m[1]);
  }
  return libs;
}

// ---------------------------------------------------------------- cpio (newc)
function cpioArchive(entries) {
  const chunks = [];
  let ino = 1;
  const pad4 = (n) => (4 - (n % 4)) % 4;
  const hex = (n) => n.toString(16).padStart(8, '0');
  const push = (name, mode, data = Buffer.alloc(0), rdev = [0, 0]) => {
    const nameBuf = Buffer.from(name + '\0');
    const hdr = '070701' + [ino++, mode, 0, 0, 1, 0, data.length, 0, 0, rdev[0], rdev[1], nameBuf.length, 0].map(hex).join('');
    chunks.push(Buffer.from(hdr), nameBuf, Buffer.alloc(pad4(110 + nameBuf.length)), data, Buffer.alloc(pad4(data.length)));
  };
  for (const e of entries) {
    if (e.type === 'dir') push(e.path, 0o040755);
    else if (e.type === 'file') push(e.path, 0o100000 | (e.mode ?? 0o644), e.data);
    else if (e.type === 'link') push(e.path, 0o120777, Buffer.from(e.target));
    else if (e.type === 'chr') push(e.path, 0o020000 | (e.mode ?? 0o600), undefined, e.rdev);
  }
  push('TRAILER!!!', 0);
  const buf = Buffer.concat(chunks);
  return Buffer.concat([buf, Buffer.alloc((512 - (buf.length % 512)) % 512)]);
}

// The base initramfs: busybox, iproute2's ip + libraries, modules, /init.
function baseInitramfs(kver) {
  const busybox = which(['busybox']);
  if (!busybox) throw new Fail('busybox not found: run scripts/linux-vm/setup.sh');
  if (spawnSync('ldd', [busybox]).status === 0) throw new Fail(`${busybox} is dynamically linked: need package busybox-static`);
  const ipBin = fs.realpathSync(which(['ip']) ?? '/nonexistent');
  if (!fs.existsSync(ipBin) || !String(run(ipBin, ['-V'])).includes('iproute2')) throw new Fail('iproute2 ip not found: run scripts/linux-vm/setup.sh');
  const applets = String(run(busybox, ['--list'])).split('\n').filter((a) => a && a !== 'ip' && a !== 'chrt' && a !== 'busybox' && !a.includes('/'));
  const chrtBin = which(['chrt']);
  if (!chrtBin) throw new Fail('chrt (util-linux) not found');
  const libs = [...new Set([...sharedLibs(ipBin), ...sharedLibs(chrtBin)])];
  const mods = resolveModules(kver);
  const init = fs.readFileSync(GUEST_INIT);

  const files = [
    { path: 'bin/busybox', data: fs.readFileSync(busybox), mode: 0o755 },
    { path: 'bin/iproute-ip', data: fs.readFileSync(ipBin), mode: 0o755 },
    { path: 'bin/chrt', data: fs.readFileSync(chrtBin), mode: 0o755 },
    ...libs.map((l) => ({ path: l.slice(1), data: fs.readFileSync(l), mode: 0o755 })),
    ...mods.map((m) => ({ path: `modules/${m.base}`, data: m.data, mode: 0o644 })),
    { path: 'modules/order', data: Buffer.from(mods.map((m) => `${m.base}${MODULE_ARGS[m.name] ? ' ' + MODULE_ARGS[m.name] : ''}`).join('\n') + '\n') },
    { path: 'init', data: init, mode: 0o755 },
  ];
  const key = sha('base-v1', kver, applets.join(','), ...files.flatMap((f) => [f.path, String(f.mode), f.data]));
  const out = path.join(CACHE, `initramfs-base-${key.slice(0, 16)}.cpio`);
  const info = { modules: mods.map((m) => m.name), libs, ip: ipBin, busybox };
  if (fs.existsSync(out)) return { file: out, cached: true, ...info };

  const dirs = new Set(['bin', 'sbin', 'usr', 'usr/bin', 'usr/sbin', 'dev', 'proc', 'sys', 'run', 'tmp', 'etc', 'var', 'modules', 'root']);
  for (const f of files) {
    const parts = f.path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  const entries = [...dirs].sort().map((d) => ({ type: 'dir', path: d }));
  entries.push({ type: 'chr', path: 'dev/console', rdev: [5, 1] });
  entries.push({ type: 'chr', path: 'dev/null', rdev: [1, 3], mode: 0o666 });
  entries.push({ type: 'link', path: 'var/run', target: '../run' });
  for (const f of files) entries.push({ type: 'file', ...f });
  for (const a of applets) entries.push({ type: 'link', path: `bin/${a}`, target: 'busybox' });
  fs.mkdirSync(CACHE, { recursive: true });
  writeAtomic(out, cpioArchive(entries));
  return { file: out, cached: false, ...info };
}

// ---------------------------------------------------------------- kernel image
function extractVmlinux(bz) {
  const buf = fs.readFileSync(bz);
  const key = sha('vmlinux-v1', buf).slice(0, 16);
  const out = path.join(CACHE, `vmlinux-${key}`);
  if (fs.existsSync(out)) return { file: out, cached: true };
  if (buf.toString('latin1', 0x202, 0x206) !== 'HdrS') throw new Fail(`${bz}: not a bzImage`);
  const setupSects = buf[0x1f1] || 4;
  const pm = (setupSects + 1) * 512;
  const off = buf.readUInt32LE(0x248), len = buf.readUInt32LE(0x24c);
  const payload = buf.subarray(pm + off, pm + off + len);
  let elf;
  const magic = payload.subarray(0, 6);
  if (magic.equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) elf = run('xz', ['-dc', '--single-stream'], payload);
  else if (magic[0] === 0x1f && magic[1] === 0x8b) elf = zlib.gunzipSync(payload, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  else if (magic.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]))) elf = run('zstd', ['-dc'], payload);
  else if (magic[0] === 0x7f && magic.toString('latin1', 1, 4) === 'ELF') elf = payload;
  else throw new Fail(`${bz}: unsupported kernel compression (magic ${magic.toString('hex')})`);
  if (elf.toString('latin1', 0, 4) !== '\x7fELF') throw new Fail(`${bz}: decompressed payload is not ELF`);
  fs.mkdirSync(CACHE, { recursive: true });
  writeAtomic(out, elf);
  return { file: out, cached: false };
}

// ---------------------------------------------------------------- guest run
function bootGuest({ kernel, initrd, timeoutS, verbose, consoleLog, onLine }) {
  return new Promise((resolve, reject) => {
    const args = [
      '-accel', 'tcg', '-M', 'pc', '-m', '512M', '-smp', '1',
      '-nodefaults', '-no-user-config', '-nic', 'none', '-display', 'none', '-vga', 'none',
      '-serial', 'stdio', '-monitor', 'none', '-no-reboot',
      '-kernel', kernel, '-initrd', initrd,
      '-append', 'console=ttyS0 panic=-1 loglevel=1 rdinit=/init quiet',
    ];
    const t0 = Date.now();
    const child = spawn('qemu-system-x86_64', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const logFd = fs.openSync(consoleLog, 'w');
    let buf = '';
    let stderr = '';
    const tail = [];
    let booted = false;
    let settled = false;
    const finish = (err, val) => {
      if (settled) return;
      settled = true;
      clearTimeout(hard); clearTimeout(bootTimer);
      process.off('SIGINT', onSig); process.off('SIGTERM', onSig);
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.closeSync(logFd);
      if (err) { err.tail = tail.slice(-40); err.stderr = stderr; reject(err); } else resolve(val);
    };
    const onSig = () => finish(new Fail('interrupted'));
    process.on('SIGINT', onSig); process.on('SIGTERM', onSig);
    const hard = setTimeout(() => finish(new Fail(`timeout: guest did not finish within ${timeoutS} s (qemu killed)`)), timeoutS * 1000);
    const bootTimer = setTimeout(() => { if (!booted) finish(new Fail(`boot failure: /init did not start within ${BOOT_TIMEOUT_S} s (qemu killed)`)); }, BOOT_TIMEOUT_S * 1000);
    child.on('error', (e) => finish(new Fail(`cannot start qemu-system-x86_64: ${e.message} (run scripts/linux-vm/setup.sh)`)));
    child.stderr.on('data', (d) => { stderr += d; if (stderr.length > 20000) stderr = stderr.slice(-10000); });
    child.stdout.on('data', (d) => {
      fs.writeSync(logFd, d);
      buf += d.toString('latin1');
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i).replace(/\r$/, '');
        buf = buf.slice(i + 1);
        tail.push(line); if (tail.length > 200) tail.shift();
        if (verbose) process.stderr.write(`  | ${line}\n`);
        if (line.startsWith('@@BOOT')) booted = true;
        try {
          const r = onLine(line, Date.now() - t0);
          if (r === 'done') { /* wait for qemu to exit after poweroff */ }
        } catch (e) { finish(e); }
      }
    });
    child.on('exit', (code, sig) => finish(null, { code, sig, ms: Date.now() - t0 }));
  });
}

// ---------------------------------------------------------------- one guest
// Boots one guest with its share of the scenarios and reads its console.
async function runGuest(g, { kernelImage, timeout, verbose }) {
  const scns = g.scns;
  const nSteps = scns.reduce((n, s) => n + s.steps.length, 0);
  const tickMs = scns.reduce((n, s) => n + s.steps.filter((x) => x.op === 'tick').reduce((m, x) => m + x.arg * s.miimon, 0), 0);
  const timeoutS = timeout ?? Math.max(300, Math.ceil(60 + 10 * scns.length + 3 * nSteps + (3 * tickMs) / 1000));

  // ---- protocol
  const results = scns.map((s) => ({ name: s.name, observations: [], error: null, warnings: [], settle_ticks: null, duration_ms: null }));
  let kernel = null, pendingKmsg = [], pendingOpMs = null;
  const t = { boot_ms: null, init_ready_ms: null, done_ms: null };
  let done = false, fatal = null, miiCounter = null;
  const onLine = (line, ms) => {
    if (!line.startsWith('@@')) return;
    const sp = line.indexOf(' ');
    const tag = sp < 0 ? line : line.slice(0, sp);
    const rest = sp < 0 ? '' : line.slice(sp + 1);
    switch (tag) {
      case '@@BOOT': t.boot_ms = ms; t.guest_uptime_at_init_ms = Number(rest); break;
      case '@@KERNEL': kernel = rest.trim(); break;
      case '@@INFO': { const m = rest.match(/^miicounter=(\S+)/); if (m) miiCounter = m[1]; break; }
      case '@@READY': t.init_ready_ms = ms; break;
      case '@@FATAL': fatal = rest; break;
      case '@@SCEN': pendingKmsg = []; pendingOpMs = null; break;
      case '@@KMSG': pendingKmsg.push(rest.replace(/^\[\s*\d+\.\d+\]\s?/, '')); break;
      case '@@OPTIME': pendingOpMs = Number(rest.split(' ')[2]); break;
      case '@@SETTLE': results[Number(rest.split(' ')[0])].settle_ticks = Number(rest.split(' ')[1]); break;
      case '@@WARN': { const [i, ...w] = rest.split(' '); results[Number(i)].warnings.push(w.join(' ')); break; }
      case '@@ERR': { const [i, ...w] = rest.split(' '); results[Number(i)].error = w.join(' '); break; }
      case '@@OBS': {
        let o;
        try { o = JSON.parse(rest); } catch (e) { throw new Fail(`bad observation line from guest: ${rest}`); }
        const r = results[o.scenario];
        delete o.scenario;
        o.op_ms = pendingOpMs; o.kmsg = pendingKmsg;
        pendingKmsg = []; pendingOpMs = null;
        r.observations.push(o);
        break;
      }
      case '@@END': { const [i, d] = rest.split(' '); results[Number(i)].duration_ms = Number(d); break; }
      case '@@DONE': done = true; t.done_ms = ms; return 'done';
      default: break;
    }
  };

  const consoleLog = g.consoleLog;
  let exit;
  try {
    exit = await bootGuest({ kernel: kernelImage, initrd: g.initrd, timeoutS, verbose, consoleLog, onLine });
  } catch (e) {
    if (e.tail?.length) log(`last console lines:\n${e.tail.map((l) => '  | ' + l).join('\n')}`);
    if (e.stderr?.trim()) log(`qemu stderr: ${e.stderr.trim()}`);
    log(`full console log: ${consoleLog}`);
    throw e;
  }
  if (fatal) throw new Fail(`guest setup failed: ${fatal} (console log: ${consoleLog})`);
  if (!t.boot_ms) throw new Fail(`boot failure: qemu exited (code ${exit.code}${exit.sig ? ', signal ' + exit.sig : ''}) before /init ran; console log: ${consoleLog}`);
  if (!done) throw new Fail(`guest stopped before finishing (qemu exit code ${exit.code}); console log: ${consoleLog}`);
  const timing = {
    qemu_start_to_init: t.boot_ms,
    guest_uptime_at_init: t.guest_uptime_at_init_ms,
    init_to_ready: t.init_ready_ms - t.boot_ms,
    scenarios: t.done_ms - t.init_ready_ms,
    qemu_total: exit.ms,
  };
  return { results, kernel, miiCounter, timing };
}

// ---------------------------------------------------------------- main
async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) { console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 21).map((l) => l.replace(/^\/\/ ?/, '')).join('\n')); return; }
  const [scnFile, outFile] = opts.files;
  const tStart = Date.now();
  let doc;
  try { doc = JSON.parse(fs.readFileSync(scnFile, 'utf8')); } catch (e) { throw new Fail(`cannot read ${scnFile}: ${e.message}`); }
  const scns = validateScenarios(doc, opts);

  const kver = findKernel(opts.kernel);
  fs.mkdirSync(CACHE, { recursive: true });
  const tBuild = Date.now();
  const base = baseInitramfs(kver);
  const baseBuf = fs.readFileSync(base.file);
  // Shares of the scenarios, one per guest, balanced by their steps (a
  // scenario's set-up costs about six steps); each share keeps file order.
  const jobs = Math.max(1, Math.min(opts.jobs, scns.length));
  const load = Array(jobs).fill(0);
  const share = Array(scns.length);
  scns.map((sc, i) => ({ i, cost: sc.steps.length + 6 })).sort((a, b) => b.cost - a.cost || a.i - b.i).forEach(({ i, cost }) => {
    const j = load.indexOf(Math.min(...load));
    share[i] = j; load[j] += cost;
  });
  const guests = Array.from({ length: jobs }, (_, j) => {
    const idx = scns.map((_, i) => i).filter((i) => share[i] === j);
    const planCpio = cpioArchive([
      { type: 'file', path: 'plan.sh', data: Buffer.from(planScript(idx.map((i) => scns[i]))), mode: 0o644 },
      { type: 'file', path: 'scenarios.json', data: Buffer.from(JSON.stringify({ scenarios: idx.map((i) => doc.scenarios[i]) })), mode: 0o644 },
    ]);
    const initrd = path.join(CACHE, `initramfs-${sha('full-v1', baseBuf, planCpio).slice(0, 16)}.cpio`);
    if (!fs.existsSync(initrd)) writeAtomic(initrd, Buffer.concat([baseBuf, planCpio]));
    return { idx, scns: idx.map((i) => scns[i]), initrd, consoleLog: path.join(CACHE, j === 0 ? 'last-console.log' : `last-console-${j}.log`) };
  });
  // keep the cache small: only the current base and full images survive
  const keep = new Set([base.file, ...guests.map((g) => g.initrd)]);
  for (const f of fs.readdirSync(CACHE)) {
    const p = path.join(CACHE, f);
    if (/^initramfs-(base-)?[0-9a-f]{16}\.cpio$/.test(f) && !keep.has(p)) fs.rmSync(p, { force: true });
    if (/\.tmp-\d+$/.test(f)) fs.rmSync(p, { force: true });
  }

  const bz = `/boot/vmlinuz-${kver}`;
  const config = fs.existsSync(`/boot/config-${kver}`) ? fs.readFileSync(`/boot/config-${kver}`, 'utf8') : '';
  let bootMode = opts.boot ?? (config.includes('CONFIG_PVH=y') ? 'vmlinux' : 'bzimage');
  let kernelImage = bz;
  if (bootMode === 'vmlinux') {
    try {
      kernelImage = extractVmlinux(bz).file;
    } catch (e) {
      if (opts.boot === 'vmlinux') throw e;
      log(`cannot extract vmlinux (${e.message}); booting the bzImage`);
      bootMode = 'bzimage';
    }
  }
  const buildMs = Date.now() - tBuild;
  const nSteps = scns.reduce((n, s) => n + s.steps.length, 0);
  log(`kernel ${kver}, boot ${bootMode}, initramfs ${base.cached ? 'cached' : 'built'} (${(fs.statSync(guests[0].initrd).size / 1048576).toFixed(1)} MiB, modules: ${base.modules.join(' ')}), prepared in ${buildMs} ms; ${jobs} guest${jobs > 1 ? 's' : ''}`);

  const runs = await Promise.all(guests.map((g) => runGuest(g, { kernelImage, timeout: opts.timeout, verbose: opts.verbose })));
  const results = Array(scns.length);
  guests.forEach((g, j) => g.idx.forEach((i, k) => { results[i] = runs[j].results[k]; }));
  const kernel = runs[0].kernel;
  const miiCounter = runs.every((r) => r.miiCounter === 'kretprobe') ? 'kretprobe' : 'none';
  for (const [i, r] of results.entries()) {
    const sc = scns[i];
    r.tick_mode = miiCounter === 'kretprobe' ? sc.tickMode : 'sleep';
    const want = sc.steps.length + 1;
    if (!r.error && r.observations.length !== want) r.error = `expected ${want} observations, got ${r.observations.length}`;
    // stepped mode: each observation must have seen exactly the monitor runs
    // its step asked for (0 for non-tick ops); anything else means the kernel
    // re-ran the monitor (rtnl_trylock failed) and the step is suspect
    if (r.tick_mode === 'stepped') {
      for (const o of r.observations) {
        if (o.step === 0) continue;
        const st = sc.steps[o.step - 1];
        const exp = st.op === 'tick' ? st.arg : 0;
        if (o.mii_runs !== exp) r.warnings.push(`step ${o.step} (${st.op}): ${o.mii_runs} monitor runs, expected ${exp}`);
      }
    }
  }
  const totalMs = Date.now() - tStart;
  const out = {
    kernel,
    harness: {
      boot: bootMode,
      mii_counter: miiCounter,
      guests: jobs,
      timing_ms: { prepare: buildMs, total: totalMs, guests: runs.map((r) => r.timing) },
    },
    scenarios: results,
  };
  writeAtomic(outFile, JSON.stringify(out, null, 2) + '\n');
  const errs = results.filter((r) => r.error).length;
  log(`${results.length} scenarios (${nSteps} steps, ${errs} with errors) in ${(totalMs / 1000).toFixed(1)} s on ${jobs} guest${jobs > 1 ? 's' : ''} (${runs.map((r) => `init after ${r.timing.qemu_start_to_init} ms, scenarios ${r.timing.scenarios} ms`).join('; ')}); wrote ${outFile}`);
}

main().catch((e) => {
  if (e instanceof Fail) { log(`error: ${e.message}`); process.exit(2); }
  log(`internal error: ${e.stack ?? e}`);
  process.exit(3);
});
