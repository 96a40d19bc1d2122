import { CLAIM_FUNCTIONS } from './claims-map.js';
import { FINDINGS } from './findings.js';
import type { Figures } from './measure.js';
import type { Verdict } from './verdict.js';

/** What conform said about one log, as far as kernel.json keeps it. */
type Judged = Pick<Verdict, 'exit' | 'verdict' | 'where' | 'reason' | 'mutants' | 'excuses'>;

/** bench/results/kernel.json: one run of npm run test:kernel -- --bench. */
export interface KernelResults {
  readonly kernel: string;
  readonly bootSeconds: number;
  readonly totalSeconds: number;
  readonly scenarios: readonly {
    readonly name: string;
    readonly topology: string;
    readonly design: string;
    readonly what: string;
    readonly figures: Figures | null;
    readonly toolExit: readonly number[];
    readonly verdict: Judged | null;
    readonly rounds?: readonly Judged[];
    readonly failures: readonly string[];
  }[];
}

const yes = (b: boolean): string => (b ? 'yes' : '**no**');

function verdictCell(v: Judged | null, rounds: readonly Judged[] = []): string {
  if (!v) return 'not run';
  if (rounds.length > 1) return `the whole log: ${verdictCell(v)}; each round alone: ${rounds.map((r) => verdictCell(r)).join('; ')}`;
  if (v.exit === 0) return `conforming${v.excuses.length ? ` (excused: ${v.excuses.join(', ')})` : ''}`;
  return `exit ${v.exit} ${v.verdict}${v.where ? ` at ${v.where}` : ''}${v.mutants.length ? `; explained by ${v.mutants.join(', ')}` : ''}`;
}

/** docs/kernel-reference.md from a results file. */
export function kernelReferenceMarkdown(r: KernelResults): string {
  const rows = r.scenarios.map((s) => {
    const f = s.figures;
    const cells = f
      ? [`${f.pingsLost} / ${f.pingsSent}`, `${f.parentTxDropped ?? '-'} / ${f.rxDropped ?? '-'}`, `${f.longestOutageMs}`, `${f.netdevsRecreated}`, yes(f.ifindexKept), `${yes(f.mtuKept)} / ${yes(f.macKept)}`, `${f.bondWithoutActive}`]
      : ['-', '-', '-', '-', '-', '-', '-'];
    return `| ${s.name} | ${s.design} | ${cells.join(' | ')} | ${s.toolExit.length ? s.toolExit.map((x) => (x === 0 ? 'done' : 'stopped')).join(', ') : '-'} | ${verdictCell(s.verdict, s.rounds)} | ${s.failures.length ? 'FAIL' : 'pass'} |`;
  });
  return [
    '# The design on a real kernel',
    '',
    'Rendered by `npx tsx src/kernel/render-reference.ts` from `bench/results/kernel.json`, written by `npm run test:kernel -- --bench`; do not edit by hand.',
    '',
    '`kernel/` holds the design as out-of-tree Linux modules (GPL-2.0): `hotup_parent.ko`, the parent driver, and the child driver built from one source as `hotup_c1.ko` and `hotup_c2.ko` in versions 1, 2 and 3, and in the broken designs of `src/mutants.ts` as build flags. `npm run test:kernel` builds them against Debian\'s headers of the kernel below, boots it once under QEMU (TCG), runs every scenario with a ping through bond0 every 20 ms, turns each scenario\'s kernel log into a trace with `hotup import` and has `hotup conform` judge it.',
    '',
    `- kernel: \`${r.kernel}\` (Debian linux-image-amd64), bonding active-backup, miimon 100 ms`,
    `- one boot, ${r.scenarios.length} scenarios: ${r.bootSeconds.toFixed(0)} s in the guest, ${r.totalSeconds.toFixed(0)} s in all (module builds included)`,
    '- set up once with `bash scripts/kernel-vm/setup.sh` (apt: qemu, the kernel image, its headers, busybox)',
    '',
    '## The measured table',
    '',
    'Loss: echo requests unanswered of those sent while the scenario ran. Dropped tx / rx: transmits the parent dropped while it held a port (what INV-NO-LOSS is about), and frames from the peer dropped at a closed port (replies in flight when the bond switched). Outage: the longest run of unanswered requests, times 20 ms. Re-created: netdevs whose ifindex changed. No active: kernel messages "now running without any active interface".',
    '',
    '| scenario | design | lost / sent | dropped tx / rx | longest outage (ms) | netdevs re-created | ifindex kept | MTU / MAC kept | no active | tool | hotup conform | test |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'What each scenario does:',
    '',
    ...r.scenarios.map((s) => `- \`${s.name}\` (${s.topology}): ${s.what}${s.figures?.ethtoolAfter?.length ? `; at the end \`ethtool -i\` says ${s.figures.ethtoolAfter.join(', ')}` : ''}`),
    '',
    '## Claim by claim',
    '',
    '| claim | where |',
    '| --- | --- |',
    ...CLAIM_FUNCTIONS.map((c) => `| ${c.claim} | ${c.where} |`),
    '',
    '## Where the real kernel disagreed with the model',
    '',
    ...FINDINGS.flatMap((f) => [`### ${f.title}`, '', `- kernel: ${f.kernel}`, `- model: ${f.model}`, `- now: ${f.now}`, '']),
    '## Reading a failure',
    '',
    '`docs/examples/kernel-logs/linux-6.1-*.dmesg.txt` are logs of one run, kept as the kernel printed them; `src/kernel/recorded-logs.test.ts` imports and judges them: a round of the rolling upgrade conforms, prior art is explained by MUT-PRIOR-ART, the build without the fail-over by MUT-NO-WAIT-FAILOVER.',
    '',
    'Every scenario keeps its kernel log (`<name>.dmesg.txt`), its trace (`<name>.jsonl`) and the console under `test-artifacts/kernel/`; `node bin/hotup.js conform test-artifacts/kernel/<name>.jsonl` prints the verdict with the trace so far.',
    '',
  ].join('\n');
}
