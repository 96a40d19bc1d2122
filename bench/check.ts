import { check } from '../src/check/check.js';
import { BENCH_CHECK, BENCH_CHECK_SECONDS, checkRun, growingTopologies, topologyOf, type ScenarioOf } from '../scenarios/index.js';
import { FAULTS, type FaultId } from '../src/model/faults.js';
import { runSpin, spinAvailable } from '../twins/spin.js';
import { benchCheckTargets, checkTargetTable, type CheckTargetRow } from './check-targets.js';

/** What the issue aims at: SPIN's and TLC's rates on this state space, and the store's size. */
export const AIMS = { spinStatesPerSecond: 500_000, tlcStatesPerSecond: 40_000, withinOfSpin: 2, timesTlc: 10, maxBytesPerState: 64 } as const;

/** One exhaustive search of the benchmark. */
export interface CheckBenchRow {
  readonly topology: string;
  readonly children: number;
  readonly netdevs: number;
  readonly faults: string;
  readonly verdict: string;
  readonly states: number;
  readonly transitions: number;
  readonly diameter: number;
  readonly seconds: number;
  readonly statesPerSecond: number;
  readonly bytesPerState: number;
  /** The store the search ended with: whole vectors, or a tree once they passed their share. */
  readonly store: string;
  /** The Promela twin under SPIN on the same topology and faults, when it takes them. */
  readonly spin: { readonly states: number; readonly seconds: number; readonly statesPerSecond: number } | null;
}

/** The benchmark's rows and what they say against the aims. */
export interface CheckBench {
  readonly budgetSeconds: number;
  readonly rows: readonly CheckBenchRow[];
  /** Searches against a time-to-verdict target, and past the old 16-bit ceiling. */
  readonly targets: readonly CheckTargetRow[];
  readonly aims: typeof AIMS;
}

export { growingTopologies };

/** The name of a fault set in the benchmark's table. */
const faultSetName = (faults: readonly FaultId[], userChanges: number | null | undefined): string =>
  faults.length === 0 ? 'none' : faults.includes('FAULT-USER-CONFIG') ? `all, ${userChanges} user change${userChanges === 1 ? '' : 's'}` : 'all but user config';

/** The scenarios of the benchmark (scenarios/bench.ts) grouped into series of one fault set, in list order. */
function faultSeries(): ScenarioOf<'check'>[][] {
  const series = new Map<string, ScenarioOf<'check'>[]>();
  for (const s of BENCH_CHECK) {
    const key = faultSetName(s.faults, s.budget.userChanges);
    series.set(key, [...(series.get(key) ?? []), s]);
  }
  return [...series.values()];
}

/**
 * Exhaustive searches of the correct design over growing topologies, one
 * series per fault set and number of children; a series stops at its first
 * search cut by the time budget, since every later topology is larger.
 */
export function benchCheck(budgetSeconds = BENCH_CHECK_SECONDS, log: (line: string) => void = () => {}): CheckBench {
  const rows: CheckBenchRow[] = [];
  const spin = spinAvailable();
  // Let the JIT compile the hot paths first, so the first row is not the slowest for that reason.
  check({ topology: growingTopologies()[0]!, mutant: null, faults: [...FAULTS], liveness: false, audit: false, maxStates: 200_000 });
  // The targets first, while the process holds nothing of the series' big searches.
  const targets = benchCheckTargets(budgetSeconds, log);
  for (const series of faultSeries()) {
    let cutAt: number | null = null;
    for (const scenario of series) {
      const topology = topologyOf(scenario.topology);
      if (cutAt === topology.children) continue;
      const set = { faults: scenario.faults, userChanges: scenario.budget.userChanges ?? null };
      const r = check({ ...checkRun(scenario), maxSeconds: budgetSeconds });
      const s = spin && r.verdict === 'pass' && topology.netdevs <= 3 ? runSpin(topology, set.faults, null, { userChanges: set.userChanges }) : null;
      const row: CheckBenchRow = {
        topology: topology.name,
        children: topology.children,
        netdevs: topology.netdevs,
        faults: faultSetName(set.faults, set.userChanges),
        verdict: r.verdict,
        states: r.states,
        transitions: r.transitions,
        diameter: r.diameter,
        seconds: r.seconds,
        statesPerSecond: r.statesPerSecond,
        bytesPerState: r.bytesPerState,
        store: r.store,
        spin: s && { states: s.states, seconds: s.seconds, statesPerSecond: s.states / Math.max(s.seconds, 1e-3) },
      };
      rows.push(row);
      log(rowLine(row));
      if (r.verdict !== 'pass') cutAt = topology.children;
    }
  }
  return { budgetSeconds, rows, targets, aims: AIMS };
}

const num = (n: number): string => Math.round(n).toLocaleString('en-US');

function rowLine(r: CheckBenchRow): string {
  // SPIN reports hundredths of a second: its rate on a tiny search means nothing.
  const spinRate = r.spin && r.spin.seconds >= 0.05 ? num(r.spin.statesPerSecond) : '-';
  const spinStates = r.spin ? (r.spin.states === r.states ? 'same' : num(r.spin.states)) : '-';
  return `  ${r.faults.padEnd(20)} ${r.topology.padEnd(6)} ${(r.verdict === 'pass' ? num(r.states) : `>${num(r.states)}`).padStart(12)} ${num(r.transitions).padStart(13)} ${r.seconds.toFixed(1).padStart(7)} ${num(r.statesPerSecond).padStart(9)} ${r.bytesPerState.toFixed(1).padStart(7)} ${String(r.diameter).padStart(5)} ${spinStates.padStart(11)} ${spinRate.padStart(9)}`;
}

/** The benchmark as a table, with where it stands against the aims. */
export function checkTables(b: CheckBench): string {
  const out = [
    `exhaustive check of the correct design (breadth-first, INV-* on every transition; cM-nN: M children, N netdevs; a series of one fault set and M stops at its first search cut at ${b.budgetSeconds} s, marked >):`,
    `  ${'faults'.padEnd(20)} ${'topo'.padEnd(6)} ${'states'.padStart(12)} ${'transitions'.padStart(13)} ${'seconds'.padStart(7)} ${'states/s'.padStart(9)} ${'B/state'.padStart(7)} ${'diam'.padStart(5)} ${'SPIN states'.padStart(11)} ${'SPIN st/s'.padStart(9)}`,
    ...b.rows.map(rowLine),
  ];
  const measured = b.rows.filter((r) => r.states >= 10_000);
  if (measured.length) {
    const best = Math.max(...measured.map((r) => r.statesPerSecond));
    const worst = Math.min(...measured.map((r) => r.statesPerSecond));
    const bytes = Math.max(...measured.map((r) => r.bytesPerState));
    const spinRows = measured.filter((r) => r.spin && r.spin.seconds >= 0.05);
    out.push(
      '',
      `against the aims (searches of 10,000 states or more): ${num(worst)}..${num(best)} states/s; SPIN's ${num(AIMS.spinStatesPerSecond)}/${AIMS.withinOfSpin} = ${num(AIMS.spinStatesPerSecond / AIMS.withinOfSpin)} is ${best >= AIMS.spinStatesPerSecond / AIMS.withinOfSpin ? 'met' : 'not met'}; ${AIMS.timesTlc} x TLC's ${num(AIMS.tlcStatesPerSecond)} = ${num(AIMS.timesTlc * AIMS.tlcStatesPerSecond)} is ${best >= AIMS.timesTlc * AIMS.tlcStatesPerSecond ? 'met' : 'not met'}; at most ${bytes.toFixed(1)} bytes per stored state (aim ${AIMS.maxBytesPerState})`,
    );
    if (spinRows.length) {
      const ratios = spinRows.map((r) => r.spin!.statesPerSecond / r.statesPerSecond);
      out.push(`SPIN on the same state spaces (${spinRows.every((r) => r.spin!.states === r.states) ? 'same state counts' : 'state counts differ!'}): ${Math.min(...ratios).toFixed(1)}..${Math.max(...ratios).toFixed(1)} x faster`);
    }
  }
  if (b.targets?.length) out.push('', checkTargetTable(b.targets));
  return out.join('\n');
}
