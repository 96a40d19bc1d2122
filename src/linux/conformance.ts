import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareScenario, type KernelObservation } from './compare.js';
import { CONFIRMED } from './confirmed.js';
import { delayOf, stepRecords, transitionCoverage, uncompared, type ScenarioResult, type StepRecord } from './coverage.js';
import { namedRuns } from './named-runs.js';
import { bondConfigs, bondTours, DELAYS, type BondScenario } from './scenarios.js';
import { LINK_NAMES, type LinkState } from './transitions.js';

export type { ScenarioResult } from './coverage.js';

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

/** Every scenario: the tours generated from the bond machine in every configuration, then the named runs. */
export function allScenarios(): BondScenario[] {
  return [...bondConfigs().flatMap(({ name, config }) => bondTours(name, config)), ...namedRuns()];
}

/** A transition id (`miimon: fail -> up`) in the kernel's words: `miimon: going down (fail) → up`. */
function transitionText(id: string): string {
  const [cause, from, to] = id.split(/: | -> /) as [string, string, string];
  const name = (x: string): string => {
    const k = LINK_NAMES[x as LinkState];
    return k !== undefined && k !== x ? `${k} (${x})` : x;
  };
  return `${cause}: ${name(from)} → ${name(to)}`;
}

/** Where a behaviour was compared: the number of steps and a few of them (scenario and step). */
function evidence(rs: readonly StepRecord[]): string {
  const names = [...new Set(rs.map((r) => r.scenario.name))];
  const named = names.filter((n) => n.startsWith('run-'));
  const shown = [...named, ...names.filter((n) => !n.startsWith('run-'))].slice(0, 3);
  return `${rs.length} compared step${rs.length === 1 ? '' : 's'} in ${names.length} scenario${names.length === 1 ? '' : 's'}: ${shown.map((n) => `${n} step ${rs.find((r) => r.scenario.name === n)!.step}`).join(', ')}${names.length > shown.length ? ', …' : ''}`;
}

/** The behaviours of CONFIRMED that no compared step shows: each one a claim without a comparison. */
export function unconfirmed(records: readonly StepRecord[]): string[] {
  return CONFIRMED.filter((c) => !records.some((r) => r.agreed && c.shows(r))).map((c) => c.text);
}

function writeAtomically(file: string, text: string): void {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

/** The conformance report: kernel, scenarios, verdicts, transition coverage, what the real driver confirmed. */
export function conformanceMarkdown(kernel: string, results: readonly ScenarioResult[], scenarios: readonly BondScenario[]): string {
  const steps = results.flatMap((r) => r.steps);
  const failed = steps.filter((s) => s.divergences.length > 0);
  const records = stepRecords(scenarios, results);
  const coverage = transitionCoverage(records);
  const tours = scenarios.filter((s) => s.about === undefined);
  const runs = scenarios.filter((s) => s.about !== undefined);
  const lines = [
    '# The bond machine against the real Linux bonding driver',
    '',
    'Written by `npm run test:linux -- --commit` (src/linux/conformance.ts) from bench/results/linux.json, its latest committed run; do not edit by hand.',
    '',
    `- kernel: \`${kernel}\` (Debian linux-image-amd64), booted under QEMU (TCG, \`-nic none\`); slaves are veth pairs whose peers sit in a bridge in another network namespace`,
    `- miimon ${MIIMON_MS} ms; each \`tick\` is exactly one bond_mii_monitor run (the harness counts them, scripts/linux-vm/README.md); downdelay = updelay = 0, 1, 2 or 3 ticks`,
    `- scenarios: ${scenarios.length}: ${tours.length} tours generated from the bond machine (src/linux/scenarios.ts) that reach every link state of every slave, active or not, every operation in every link state, the bond's carrier with every active slave, and every transition of the bond machine; ${runs.length} named runs (src/linux/named-runs.ts)`,
    `- steps compared: ${steps.length}; agreeing: ${steps.length - failed.length}; diverging: ${failed.length}`,
    '- compared at every step: active_slave, bond0\'s carrier, each slave\'s enslaved, mii_status and link_failure_count; a ping through the bond (answered or lost) and the slave it left through',
    '',
    '## Configurations',
    '',
    '| configuration | scenarios | steps | diverging |',
    '| --- | --- | --- | --- |',
  ];
  const byConfig = new Map<string, ScenarioResult[]>();
  for (const r of results) {
    const cfg = r.name.startsWith('run-') ? 'named runs' : r.name.replace(/-\d+$/, '');
    byConfig.set(cfg, [...(byConfig.get(cfg) ?? []), r]);
  }
  for (const [cfg, rs] of byConfig) {
    const st = rs.flatMap((r) => r.steps);
    lines.push(`| ${cfg} | ${rs.length} | ${st.length} | ${st.filter((s) => s.divergences.length).length} |`);
  }
  lines.push(
    '',
    '## Transitions of the bond machine, compared',
    '',
    'Each transition of the bond machine (the per-slave link machine of bond_miimon_inspect/bond_miimon_commit, enslave and release, and bond0\'s carrier) with the number of compared steps, agreeing with the kernel, that took it, per delay (downdelay = updelay, in ticks). A miimon run takes one transition from every enslaved slave. `—`: the machine cannot take it at that delay (an exhaustive search of the 2-slave bond, src/linux/coverage.ts). `npm run test:linux` fails when a transition the machine can take has no compared step.',
    '',
    `| transition | when | ${DELAYS.map((d) => `d${d}`).join(' | ')} |`,
    `| --- | --- | ${DELAYS.map(() => '---:').join(' | ')} |`,
    ...coverage.map((r) => `| ${transitionText(r.id)} | ${r.when} | ${r.steps.map((n) => (n === null ? '—' : String(n))).join(' | ')} |`),
    '',
    '## What the real driver confirmed',
    '',
    'Each behaviour with the compared steps, agreeing with the kernel, that show it (src/linux/confirmed.ts); a behaviour no compared step shows is not listed, and `npm run test:linux` fails.',
    '',
  );
  for (const c of CONFIRMED) {
    const rs = records.filter((r) => r.agreed && c.shows(r));
    if (rs.length) lines.push(`- ${c.text} (${evidence(rs)});`);
  }
  lines.push(
    '',
    'Found by this harness and corrected in the bond machine (each one a disagreement on the first run; the last four once the tours took every transition at delays 0 to 3, each now with a named run that shows it):',
    '',
    '- the primary option outlives the release of that slave, and re-enslaving it (or writing `primary`) sets force_primary: the primary takes over at the next selection, whatever primary_reselect says;',
    '- selection walks the slave list in enslave order, so a re-added slave comes last;',
    '- bond_find_best_slave takes a `going back` slave only with less than a whole updelay left (a slave just enslaved is not taken);',
    '- a slave whose link returns within downdelay is committed UP, and the bond selects again if it has no active slave;',
    '- balance-xor keeps a curr_active_slave of its own (not shown in sysfs), so selection applies to it as well; the primary options do not exist in balance-xor;',
    '- a ping also needs bond0\'s own carrier;',
    '- bond_miimon_inspect walks the slaves in list order, so with no active slave ignore_updelay goes to the first slave back in that order, not the lowest-numbered one (run-ab2-d1-list-order);',
    '- balance-xor\'s bond_enslave selects nothing: a slave that joins up becomes its curr_active_slave only when there is none, and a `going back` slave is not made up (run-xor2-d1-enslave-selects-nothing);',
    '- balance-xor sends through its slave array (usable_slaves), rebuilt at enslave, at release before the selection, at a slave\'s netdev event and at a miimon commit of up or down, not when a selection makes a `going back` slave up: after the active slave is released that slave is up, bond0 has carrier, and nothing can be sent until the next rebuild (run-xor2-d3-release-outside-slave-array);',
    '- in balance-xor ignore_updelay asks whether that slave array is empty, not whether there is an active slave (run-xor2-d2-no-slave-can-send).',
    '',
    '## Named runs',
    '',
    '| run | delay | what it shows | steps | diverging |',
    '| --- | ---: | --- | --- | --- |',
    ...runs.map((s) => {
      const r = results.find((x) => x.name === s.name);
      const st = r?.steps ?? [];
      return `| ${s.name} | ${delayOf(s)} | ${s.about} | ${st.length} | ${r === undefined ? 'not run' : st.filter((x) => x.divergences.length).length} |`;
    }),
    '',
    '## Deliberate abstractions',
    '',
    '- time is counted in miimon runs, not milliseconds; delays are whole ticks;',
    '- all slaves have the same speed, so `primary_reselect=better` behaves as `failure`;',
    '- the ARP monitor, 802.3ad and the other modes are not modelled;',
    '- balance-xor: which slave a flow hashes to is not compared, only whether the bond can send and that the ping leaves through a slave that may send;',
    '- writes of active_slave and primary after set-up (the bond machine\'s setActiveSlave, setPrimary, failOver) are not driven by the harness, so not compared here;',
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

/** Guests booted at once: `--jobs N`, else one per core, at most two (each guest is one TCG vCPU). */
function guests(): number {
  const i = process.argv.indexOf('--jobs');
  const n = i >= 0 ? Number(process.argv[i + 1]) : Math.min(2, availableParallelism());
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write('test:linux: --jobs needs a whole number of guests, 1 or more (e.g. --jobs 1)\n');
    process.exit(2);
  }
  return n;
}

/** `--render`: the committed doc again from the committed result, for a change of its wording; no VM. */
function render(): void {
  const r = JSON.parse(readFileSync(join(ROOT, COMMITTED_RESULT), 'utf8')) as { kernel: string; results: ScenarioResult[] };
  writeAtomically(join(ROOT, COMMITTED_DOC), conformanceMarkdown(r.kernel, r.results, allScenarios()));
  process.stdout.write(`wrote ${COMMITTED_DOC} from ${COMMITTED_RESULT}\n`);
}

function main(): void {
  if (process.argv.includes('--render')) return render();
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
    execFileSync(process.execPath, [join(ROOT, 'scripts/linux-vm/run.mjs'), input, output, '--jobs', String(guests())], { stdio: ['ignore', 'inherit', 'inherit'] });
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
  const records = stepRecords(scenarios, results);
  const coverage = transitionCoverage(records);
  process.stdout.write(`transitions of the bond machine, compared steps per delay (${DELAYS.map((d) => `d${d}`).join(' ')}):\n`);
  for (const row of coverage) process.stdout.write(`  ${row.id.padEnd(34)} ${row.steps.map((n) => String(n ?? '-').padStart(5)).join(' ')}\n`);
  const missing = [...uncompared(coverage).map((m) => `no compared step took ${m}`), ...unconfirmed(records).map((m) => `no compared step shows: ${m}`)];
  for (const m of missing) process.stdout.write(`FAIL ${m}\n`);
  failed += missing.length;
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
