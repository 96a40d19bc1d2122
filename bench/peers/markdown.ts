import { PEERS_BUGS } from '../../scenarios/index.js';
import { FAULTS, type FaultId } from '../../src/model/faults.js';
import type { runPeers } from './run.js';

/** The seeds of each bug-finding search (scenarios/peers.ts). */
const SEEDS = PEERS_BUGS[0]!.explore.budget.seeds ?? 1;

const f = (n: number, d = 0): string => (Number.isFinite(n) ? n.toFixed(d) : '-');
const n = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '-');
const faultsLabel = (faults: readonly FaultId[], userChanges: number | null): string =>
  faults.length === FAULTS.length ? `all${userChanges === null ? '' : `, ${userChanges} user change${userChanges === 1 ? '' : 's'}`}` : faults.length === 0 ? 'none' : faults.map((y) => y.replace('FAULT-', '')).join(' ');

/** hotup's seconds over SPIN's, or '-' when SPIN's are too few to divide by. */
const verdictRatio = (hotup: number, spin: number): string => (spin >= 0.005 ? f(hotup / spin, 2) : '-');

/** The headline: where hotup stands against each peer. */
function summary(r: ReturnType<typeof runPeers>): string[] {
  const big = r.exhaustive.filter((x) => x.spin.seconds >= 0.5);
  const ratios = big.map((x) => x.speedRatio);
  const sim = r.simulation.map((x) => x.speedRatio);
  const commands = r.exhaustive.map((x) => x.hotupDefault.command.seconds / x.spinBest.command.seconds);
  const searches = r.exhaustive.filter((x) => x.spinBest.search.seconds >= 0.005).map((x) => x.hotupDefault.seconds / x.spinBest.search.seconds);
  return [
    '## In short',
    '',
    `- Exhaustive: SPIN and \`hotup check\` count ${r.exhaustive.every((x) => x.statesAgree) ? 'the same reachable states on every row' : '**different** reachable states on some row'}. On the searches SPIN needs half a second or more for, hotup runs at ${f(Math.min(...ratios), 2)}..${f(Math.max(...ratios), 2)} of SPIN's states per second (SPIN ${n(Math.min(...big.map((x) => x.spin.statesPerSecond)))}..${n(Math.max(...big.map((x) => x.spin.statesPerSecond)))} states/s, hotup ${n(Math.min(...big.map((x) => x.hotup.statesPerSecond)))}..${n(Math.max(...big.map((x) => x.hotup.statesPerSecond)))}).`,
    `- Time to a verdict against SPIN's best mode on each row: the whole \`hotup check\` command takes ${f(Math.min(...commands), 2)}..${f(Math.max(...commands), 2)} of SPIN's whole chain (spin -a, gcc, the run), and hotup is first on ${commands.filter((c) => c < 1).length} of ${commands.length} rows; counting the searches alone, hotup's takes ${f(Math.min(...searches), 2)}..${f(Math.max(...searches), 2)} of SPIN's where SPIN's takes 5 ms or more.`,
    `- Random simulation: \`hotup explore\` takes ${f(Math.min(...sim), 0)}..${f(Math.max(...sim), 0)} times as many steps per second as \`quint run --backend typescript\`.`,
    `- Bug finding: every tool finds every mutant below on every seed it was given ${r.bugs.every((b) => b.hotupExplore.found === SEEDS && b.spin.found === SEEDS && b.quint.found === SEEDS) ? '(all found)' : '(see the found columns: not all were)'}; \`hotup check\` and SPIN's breadth-first search give the shortest counterexample.`,
  ];
}

/** The peer comparison as markdown tables. */
export function peersMarkdown(r: ReturnType<typeof runPeers>): string {
  const out = [
    '# hotup beside SPIN and Quint',
    '',
    'Written by `npm run bench:peers` (bench/peers/main.ts); do not edit by hand. Twins: twins/hotup.pml (SPIN), twins/hotup.qnt (Quint); twins/README.md maps their steps to the model.',
    `Machine: ${r.machine}.`,
    '',
    ...summary(r),
    '',
    '## Exhaustive: `hotup check` against SPIN',
    '',
    '| topology | faults | hotup states | SPIN states | agree | hotup s | SPIN s | hotup states/s | SPIN states/s | hotup/SPIN | hotup B/state | hotup store MB | SPIN MB | SPIN compile s | hotup check (default) states | s | command s | SPIN best search s | SPIN best command s | time to verdict / SPIN best: search | command |',
    '| --- | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.exhaustive.map(
      (x) =>
        `| ${x.topology} | ${faultsLabel(x.faults, x.userChanges)} | ${n(x.hotup.states)} | ${n(x.spin.states)} | ${x.statesAgree ? 'yes' : '**no**'} | ${f(x.hotup.seconds, 2)} | ${f(x.spin.seconds, 2)} | ${n(x.hotup.statesPerSecond)} | ${n(x.spin.statesPerSecond)} | ${f(x.speedRatio, 2)} | ${f(x.hotup.bytesPerState, 1)} | ${f(x.hotup.storeMB)} | ${f(x.spin.memoryMB)} | ${f(x.spin.compileSeconds, 1)} | ${n(x.hotupDefault.states)} | ${f(x.hotupDefault.seconds, 2)} | ${f(x.hotupDefault.command.seconds, 2)} | ${f(x.spinBest.search.seconds, 2)} (${x.spinBest.search.mode}) | ${f(x.spinBest.command.seconds, 2)} (${x.spinBest.command.mode}) | ${verdictRatio(x.hotupDefault.seconds, x.spinBest.search.seconds)} | ${verdictRatio(x.hotupDefault.command.seconds, x.spinBest.command.seconds)} |`,
    ),
    '',
    "Time to verdict: `hotup check` as a user runs it (INV-* only, as SPIN's safety run) against SPIN's best mode on the row: the least over no reduction (-DNOREDUCE, the first columns), SPIN's default partial-order reduction, and its multi-core search on two processes (-DNCORE=2 -DNOREDUCE -DSAFETY), among the modes that completed. Search: hotup's search seconds over the best mode's elapsed search seconds (SPIN reports 0.00 below 5 ms, which leaves no ratio). Command: the wall seconds of the whole `hotup check` command (node started, the code loaded, the report printed) over SPIN's whole chain for the best mode: `spin -a`, `gcc -O2`, then the verifier's run; a SPIN user recompiles for every topology, fault set and mode. Below 1, hotup reaches the verdict first.",
    '',
    "SPIN stores one more state than it reports here: the one before boot, which the twin runs as its first step. hotup's first columns run `hotup check --full-history`, which keeps every fault bit and monitor as the twin does, so the states are the same one for one; the hotup check (default) columns are `hotup check` as a user runs it, keeping only the history the INV-* read (docs/history.md): the same verdict over fewer states. SPIN runs with `-O2 -DNOREDUCE` (no partial-order reduction: the counts must match) and a 2^26-slot hash table; its memory is what it reports as total actual memory usage, hotup's is its state store (vectors, parent links, hash table).",
    '',
    '## Random simulation: `hotup explore` against `quint run --backend typescript`',
    '',
    '| topology | faults | hotup steps/s | Quint steps/s | ratio | Quint wall s (parse + typecheck + run) |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...r.simulation.map(
      (x) => `| ${x.topology} | ${faultsLabel(x.faults, null)} | ${n(x.hotup.stepsPerSecond)} | ${n(x.quint.stepsPerSecond)} | ${f(x.speedRatio, 1)} | ${f(x.quint.wallSeconds, 1)} |`,
    ),
    '',
    `## Bug finding: median over ${SEEDS} seeds, no faults`,
    '',
    '| mutant | topology | hotup explore s (found) | length | hotup check s | length (shortest) | SPIN DFS s (found) | SPIN wall s | length | SPIN BFS length | Quint s (found) | Quint wall s | length | SPIN wall / hotup explore | Quint / hotup explore |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.bugs.map(
      (x) =>
        `| ${x.mutant} | ${x.topology} | ${f(x.hotupExplore.medianSeconds, 3)} (${x.hotupExplore.found}/${SEEDS}) | ${f(x.hotupExplore.medianLength)} | ${f(x.hotupCheck.seconds, 3)} | ${x.hotupCheck.length ?? '-'} | ${f(x.spin.medianSeconds, 3)} (${x.spin.found}/${SEEDS}) | ${f(x.spin.medianWallSeconds, 3)} | ${f(x.spin.medianLength)} | ${x.spin.bfsLength ?? '-'} | ${f(x.quint.medianSeconds, 3)} (${x.quint.found}/${SEEDS}) | ${f(x.quint.medianWallSeconds, 1)} | ${f(x.quint.medianLength)} | ${f(x.spin.medianWallSeconds / x.hotupExplore.medianSeconds, 2)} | ${f(x.quint.medianSeconds / x.hotupExplore.medianSeconds, 1)} |`,
    ),
    '',
    `Lengths count environment steps after boot. hotup explore shrinks its counterexamples; SPIN DFS and Quint do not. SPIN reports its search time in hundredths of a second (0.000: under 5 ms); its wall time adds starting the verifier and allocating its hash table, not compiling it. Quint's time is the simulation time it reports; its wall time adds ${f(Math.min(...r.bugs.map((b) => b.quint.medianWallSeconds - b.quint.medianSeconds)), 1)}..${f(Math.max(...r.bugs.map((b) => b.quint.medianWallSeconds - b.quint.medianSeconds)), 1)} s of start-up, parsing and type checking per run. hotup explore's time is to its first violation, in process.`,
    '',
  ];
  return out.join('\n');
}
