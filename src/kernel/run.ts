// npm run test:kernel: builds kernel/ in every variant, boots one QEMU guest,
// runs every scenario of src/kernel/scenarios.ts, imports each kernel log and
// has `hotup conform` judge it, prints "N passed, N failed".
//   --bench      also write bench/results/kernel.json (docs/kernel-reference.md is rendered from it)
//   --verbose    echo the guest console
//   --only a,b   run only the named scenarios (not with --bench: the committed table has every scenario)
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildVariant } from './build.js';
import { bootGuest } from './guest.js';
import { buildInitramfs } from './initramfs.js';
import { figures, type Figures } from './measure.js';
import { namesOf, planScript, SCENARIOS, type KernelScenario } from './scenarios.js';
import { VARIANTS } from './variants.js';
import { judge, type Verdict } from './verdict.js';
import { rounds } from './rounds.js';

const ROOT = join(import.meta.dirname, '..', '..');
const VM = join(ROOT, 'scripts', 'kernel-vm');
const CACHE = join(VM, '.cache');
const OUT = join(ROOT, 'test-artifacts', 'kernel');

/** One scenario's outcome: what the kernel did, what conform said, what failed. */
export interface ScenarioOutcome {
  readonly name: string;
  readonly topology: string;
  readonly design: string;
  readonly what: string;
  readonly figures: Figures | null;
  readonly toolExit: readonly number[];
  /** The verdict on the whole log. */
  readonly verdict: Verdict | null;
  /** With several rounds of the upgrade tool: each round's log judged on its own (the first starts at boot). */
  readonly rounds: readonly Verdict[];
  readonly failures: readonly string[];
}


/** The newest kernel with its headers, its image and bonding.ko. */
function findKernel(): string {
  const ok = readdirSync('/lib/modules').filter((v) => existsSync(`/boot/vmlinuz-${v}`) && existsSync(`/lib/modules/${v}/build/Makefile`)
    && readFileSync(`/lib/modules/${v}/modules.dep`, 'utf8').includes('/bonding.ko'));
  if (!ok.length) throw new Error('no kernel with headers, image and bonding.ko: run scripts/kernel-vm/setup.sh');
  return ok.sort().at(-1)!;
}

function writeAtomically(file: string, text: string | Buffer): void {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

const said = (v: Verdict): string => `conform exit ${v.exit} (${v.verdict}${v.where ? ` at ${v.where}` : ''}${v.reason ? `: ${v.reason}` : ''})`;

/** What a scenario's expectation says that the run did not do. */
function failuresOf(s: KernelScenario, whole: Verdict, perRound: readonly Verdict[], toolExit: readonly number[], f: Figures): string[] {
  const out: string[] = [];
  // The whole log is one trace (the model runs the tool again, round after round); each round is judged on its own as well.
  const judged = [whole, ...perRound];
  const refused = judged.find((v) => v.importError);
  if (refused) return [`hotup import refused the log: ${refused.importError}`];
  judged.forEach((v, i) => {
    if (v.exit !== s.expect.exit) out.push(`${i > 0 ? `round ${i}: ` : 'the whole log: '}${said(v)}, expected ${s.expect.exit}`);
  });
  const v = whole;
  if (s.expect.mutant && !v.mutants.includes(s.expect.mutant)) out.push(`the diagnosis names ${v.mutants.join(', ') || 'no design'}, not ${s.expect.mutant}`);
  if (s.expect.excuse && !v.excuses.includes(s.expect.excuse)) out.push(`no excuse of ${s.expect.excuse} (excuses: ${v.excuses.join(', ') || 'none'})`);
  if (s.expect.tool !== undefined && toolExit.at(-1) !== s.expect.tool) out.push(`the upgrade tool exited ${toolExit.join(',')}, expected ${s.expect.tool}`);
  if (s.expect.version && !f.ethtoolAfter.every((x) => x.endsWith(`/${s.expect.version}`))) out.push(`ethtool -i says ${f.ethtoolAfter.join(', ')}, expected version ${s.expect.version} everywhere`);
  if (s.design === 'correct' && !(f.ifindexKept && f.mtuKept && f.macKept)) out.push('a netdev lost its ifindex, MTU or MAC');
  return out;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const bench = argv.includes('--bench');
  const verbose = argv.includes('--verbose');
  const o = argv.indexOf('--only');
  const only = o < 0 ? null : (argv[o + 1] ?? '').split(',').filter(Boolean);
  const unknown = (only ?? []).filter((n) => !SCENARIOS.some((s) => s.name === n));
  if (only && (!only.length || unknown.length || bench)) {
    process.stderr.write(`--only: ${bench ? 'not with --bench (the committed table has every scenario)' : `unknown scenario '${unknown.join(',')}'`}; use some of ${SCENARIOS.map((s) => s.name).join(', ')}\n`);
    process.stdout.write('0 passed, 1 failed\n');
    process.exitCode = 2;
    return;
  }
  const scenarios = only ? SCENARIOS.filter((s) => only.includes(s.name)) : SCENARIOS;
  const t0 = Date.now();
  const kver = findKernel();
  mkdirSync(join(CACHE, 'build'), { recursive: true });
  mkdirSync(OUT, { recursive: true });
  const builds = new Map(VARIANTS.map((v) => [v.name, buildVariant(join(ROOT, 'kernel'), join(CACHE, 'build'), kver, v)]));
  const tBuilt = Date.now();
  const initrd = join(CACHE, 'initramfs.cpio');
  writeAtomically(initrd, buildInitramfs(kver, VM, builds, planScript(scenarios)));
  process.stderr.write(`[kernel] ${kver}: ${builds.size} module builds in ${((tBuilt - t0) / 1000).toFixed(0)} s; booting ${scenarios.length} scenarios\n`);
  const run = await bootGuest(`/boot/vmlinuz-${kver}`, initrd, join(OUT, 'console.log'), 900, verbose);

  const outcomes: ScenarioOutcome[] = scenarios.map((s) => {
    const g = run.scenarios.find((x) => x.name === s.name);
    if (!g || !g.done || g.error) {
      return { name: s.name, topology: s.topology, design: s.design, what: s.what, figures: null, toolExit: g?.toolExit ?? [], verdict: null, rounds: [], failures: [g?.error ?? 'the guest did not finish this scenario'] };
    }
    const log = join(OUT, `${s.name}.dmesg.txt`);
    writeFileSync(log, `${g.log.join('\n')}\n`);
    const v = judge(ROOT, log, join(OUT, `${s.name}.jsonl`), s.topology, namesOf(s.topology));
    const parts = rounds(g.log);
    const perRound = parts.length > 1
      ? parts.map((lines, i) => {
          const file = join(OUT, `${s.name}.round${i + 1}.dmesg.txt`);
          writeFileSync(file, `${lines.join('\n')}\n`);
          return judge(ROOT, file, join(OUT, `${s.name}.round${i + 1}.jsonl`), s.topology, namesOf(s.topology));
        })
      : [];
    const f = figures(g);
    return { name: s.name, topology: s.topology, design: s.design, what: s.what, figures: f, toolExit: g.toolExit, verdict: v, rounds: perRound, failures: failuresOf(s, v, perRound, g.toolExit, f) };
  });

  const result = { kernel: run.kernel, bootSeconds: run.seconds, totalSeconds: (Date.now() - t0) / 1000, scenarios: outcomes };
  writeAtomically(join(OUT, 'results.json'), `${JSON.stringify(result, null, 2)}\n`);
  if (bench) writeAtomically(join(ROOT, 'bench', 'results', 'kernel.json'), `${JSON.stringify(result, null, 2)}\n`);
  for (const o of outcomes) {
    const f = o.figures;
    const fig = f ? `lost ${f.pingsLost}/${f.pingsSent}, outage ${f.longestOutageMs} ms, re-created ${f.netdevsRecreated}` : '';
    const perRound = o.rounds.length ? `; rounds: ${o.rounds.map((r) => r.verdict).join(', ')}` : '';
    process.stdout.write(`${o.failures.length ? 'FAIL' : 'ok  '} ${o.name}: conform ${o.verdict?.verdict ?? '-'}${o.verdict?.mutants.length ? ` (${o.verdict.mutants.join(', ')})` : ''}${perRound}; ${fig}\n`);
    for (const x of o.failures) process.stdout.write(`       ${x}\n`);
  }
  process.stdout.write(`kernel ${run.kernel}; guest ${run.seconds.toFixed(0)} s; total ${result.totalSeconds.toFixed(0)} s; logs and traces in test-artifacts/kernel/\n`);
  const failed = outcomes.filter((o) => o.failures.length).length;
  process.stdout.write(`${outcomes.length - failed} passed, ${failed} failed\n`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e: unknown) => {
  process.stderr.write(`[kernel] error: ${(e as Error).message}\n`);
  process.stdout.write('0 passed, 1 failed\n');
  process.exitCode = 2;
});
