import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareScenario, type KernelObservation, type StepVerdict } from './compare.js';
import { bondConfigs, bondTours, type BondScenario } from './scenarios.js';

/** The tracked result file and the doc rendered from it. */
export const COMMITTED_RESULT = 'bench/results/linux.json';
export const COMMITTED_DOC = 'docs/linux-conformance.md';
/** Where a plain `npm run test:linux` writes (test-artifacts/ is ignored): a run never dirties the tree. */
export const FRESH_RESULT = 'test-artifacts/linux/linux.json';
export const FRESH_DOC = 'test-artifacts/linux/linux-conformance.md';

/** miimon in the guest, in ms: the model's delays are in ticks of it. */
const MIIMON_MS = 100;
const ROOT = join(import.meta.dirname, '..', '..');

/** The harness's scenario file for these scenarios (scripts/linux-vm/README.md). */
export function harnessScenarios(scenarios: readonly BondScenario[]): unknown {
  return {
    scenarios: scenarios.map((s) => ({
      name: s.name,
      bond: {
        mode: s.config.mode,
        miimon: MIIMON_MS,
        slaves: s.config.slaves,
        primary: s.config.primary,
        primary_reselect: s.config.primaryReselect,
        downdelay: s.config.downdelay * MIIMON_MS,
        updelay: s.config.updelay * MIIMON_MS,
      },
      steps: s.ops,
    })),
  };
}

/** One scenario's verdicts. */
export interface ScenarioResult {
  readonly name: string;
  readonly error: string | null;
  readonly steps: readonly StepVerdict[];
}

/** Every scenario generated from the bond machine, in every configuration. */
export function allScenarios(): BondScenario[] {
  return bondConfigs().flatMap(({ name, config }) => bondTours(name, config));
}

function writeAtomically(file: string, text: string): void {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

/** The conformance report: kernel, scenarios, verdicts, what the real driver confirmed. */
export function conformanceMarkdown(kernel: string, results: readonly ScenarioResult[], scenarios: readonly BondScenario[]): string {
  const steps = results.flatMap((r) => r.steps);
  const failed = steps.filter((s) => s.divergences.length > 0);
  const lines = [
    '# The bond machine against the real Linux bonding driver',
    '',
    'Written by `npm run test:linux -- --commit` (src/linux/conformance.ts) from bench/results/linux.json, its latest committed run; do not edit by hand.',
    '',
    `- kernel: \`${kernel}\` (Debian linux-image-amd64), booted under QEMU (TCG, \`-nic none\`); slaves are veth pairs whose peers sit in a bridge in another network namespace`,
    `- miimon ${MIIMON_MS} ms; each \`tick\` is exactly one bond_mii_monitor run (the harness counts them, scripts/linux-vm/README.md)`,
    `- scenarios: ${scenarios.length}, generated from the bond machine (src/linux/scenarios.ts): tours that reach every link state of every slave, active or not, every operation in every link state, the bond's carrier with every active slave`,
    `- steps compared: ${steps.length}; agreeing: ${steps.length - failed.length}; diverging: ${failed.length}`,
    '',
    '## Configurations',
    '',
    '| configuration | scenarios | steps | diverging |',
    '| --- | --- | --- | --- |',
  ];
  const byConfig = new Map<string, ScenarioResult[]>();
  for (const r of results) {
    const cfg = r.name.replace(/-\d+$/, '');
    byConfig.set(cfg, [...(byConfig.get(cfg) ?? []), r]);
  }
  for (const [cfg, rs] of byConfig) {
    const st = rs.flatMap((r) => r.steps);
    lines.push(`| ${cfg} | ${rs.length} | ${st.length} | ${st.filter((s) => s.divergences.length).length} |`);
  }
  lines.push(
    '',
    '## What the real driver confirmed',
    '',
    '- active-backup fails over only at the miimon run after carrier loss; until then the bond still sends on the dead slave and a ping through the bond is lost (the detection window the model contains, and the reason for make-before-break);',
    '- downdelay keeps a slave `going down` and still active for its ticks; updelay keeps it `going back`; a link that returns (or is lost) within the delay goes back to `up` (`down`);',
    '- with no active slave the first slave to come back skips updelay (ignore_updelay), which the model first lacked;',
    '- without a primary the bond does not fail back; with primary and primary_reselect `always` it fails back in the tick that sees the primary up; `better` (equal speeds) and `failure` keep the current slave;',
    '- releasing the active slave fails over at once; admin down of a slave is seen at the next miimon run, as a lost carrier;',
    '- balance-xor stops sending on a slave the moment its carrier drops (the notifier rebuilds the slave array), before miimon marks it down;',
    '- link_failure_count counts every commit to `down`, including from `going back`.',
    '',
    'Found by this harness and corrected in the bond machine (each one a disagreement on the first run):',
    '',
    '- the primary option outlives the release of that slave, and re-enslaving it (or writing `primary`) sets force_primary: the primary takes over at the next selection, whatever primary_reselect says;',
    '- selection walks the slave list in enslave order, so a re-added slave comes last;',
    '- bond_find_best_slave takes a `going back` slave only with less than a whole updelay left (a slave just enslaved is not taken);',
    '- a slave whose link returns within downdelay is committed UP, and the bond selects again if it has no active slave;',
    '- balance-xor keeps a curr_active_slave of its own (not shown in sysfs), so ignore_updelay and selection apply to it as well; the primary options do not exist in balance-xor;',
    '- a ping also needs bond0\'s own carrier.',
    '',
    '## Deliberate abstractions',
    '',
    '- time is counted in miimon runs, not milliseconds; delays are whole ticks;',
    '- all slaves have the same speed, so `primary_reselect=better` behaves as `failure`;',
    '- the ARP monitor, 802.3ad and the other modes are not modelled;',
    '- balance-xor: which slave a flow hashes to is not compared, only whether the bond can send;',
    '- MAC addresses are not modelled: when its last slave is released the kernel gives bond0 a random MAC and then takes the next slave\'s, so the harness\'s static neighbour entries go stale; pings are not compared after a scenario has emptied the bond.',
    '',
  );
  if (failed.length) {
    lines.push('## Divergences', '');
    for (const r of results) {
      for (const s of r.steps) {
        if (!s.divergences.length) continue;
        lines.push(`- ${r.name} step ${s.step} (${s.op}): ${s.divergences.map((d) => `${d.field} kernel ${JSON.stringify(d.kernel)} model ${JSON.stringify(d.model)}`).join('; ')}`);
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}

function main(): void {
  const setup = spawnSync('bash', [join(ROOT, 'scripts/linux-vm/setup.sh')], { stdio: 'inherit' });
  if (setup.status !== 0) {
    process.stdout.write('test:linux: could not install the VM packages\n0 passed, 1 failed\n');
    process.exit(1);
  }
  const scenarios = allScenarios();
  const dir = mkdtempSync(join(tmpdir(), 'hotup-linux-'));
  const input = join(dir, 'scenarios.json');
  const output = join(dir, 'observations.json');
  writeFileSync(input, JSON.stringify(harnessScenarios(scenarios), null, 1));
  const t0 = performance.now();
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts/linux-vm/run.mjs'), input, output], { stdio: ['ignore', 'inherit', 'inherit'] });
  } catch {
    process.stdout.write('test:linux: the VM run failed (see above)\n0 passed, 1 failed\n');
    process.exit(1);
  }
  const run = JSON.parse(readFileSync(output, 'utf8')) as { kernel: string; scenarios: { name: string; error: string | null; observations: KernelObservation[] }[] };
  const results: ScenarioResult[] = scenarios.map((s, i) => {
    const got = run.scenarios[i];
    return { name: s.name, error: got ? got.error : 'no result', steps: got ? compareScenario(s, got.observations) : [] };
  });
  let passed = 0;
  let failed = 0;
  for (const r of results) {
    const bad = r.steps.filter((s) => s.divergences.length > 0);
    const ok = r.steps.length - bad.length;
    passed += ok;
    failed += bad.length + (r.error ? 1 : 0);
    process.stdout.write(`${bad.length || r.error ? 'FAIL' : 'ok  '} ${r.name}: ${ok} passed, ${bad.length} failed${r.error ? ` (${r.error})` : ''}\n`);
    for (const s of bad) {
      process.stdout.write(`     step ${s.step} ${s.op}: ${s.divergences.map((d) => `${d.field}: kernel ${JSON.stringify(d.kernel)}, model ${JSON.stringify(d.model)}`).join('; ')}\n`);
    }
  }
  // A run writes to the ignored results folder; --commit writes the tracked result file and doc instead.
  const commit = process.argv.includes('--commit');
  const [json, doc] = commit ? [join(ROOT, COMMITTED_RESULT), join(ROOT, COMMITTED_DOC)] : [join(ROOT, FRESH_RESULT), join(ROOT, FRESH_DOC)];
  mkdirSync(join(json, '..'), { recursive: true });
  writeAtomically(json, `${JSON.stringify({ kernel: run.kernel, seconds: (performance.now() - t0) / 1000, results }, null, 1)}\n`);
  writeAtomically(doc, conformanceMarkdown(run.kernel, results, scenarios));
  process.stdout.write(`wrote ${json} and ${doc}${commit ? '' : ' (npm run test:linux -- --commit writes the tracked ones)'}\n`);
  process.stdout.write(`kernel ${run.kernel}, ${scenarios.length} scenarios in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exit(failed === 0 ? 0 : 1);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) main();
