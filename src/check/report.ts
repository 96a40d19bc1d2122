import { INVARIANTS, LIVENESS } from '../../properties/index.js';
import { vacuityLines } from '../../properties/vacuity.js';
import { uncovered } from '../explore/coverage.js';
import { createComponents } from '../model/components.js';
import { designOf } from '../mutants.js';
import type { Cut } from './bfs.js';
import type { CheckResult } from './check.js';

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** The tool's rounds per boot, said only when it is not the one rolling upgrade of the default. */
const roundsText = (rounds: number | null): string => (rounds === 1 ? '' : rounds === null ? ', rounds of the tool unbounded' : `, at most ${rounds} rounds of the tool`);

/** The human summary of a check, without the counterexample's trace. */
export function formatCheckSummary(r: CheckResult): string {
  const design = r.mutant ? `mutant ${r.mutant}` : 'correct design';
  const props = r.properties ? r.properties.join(', ') : 'all';
  const out: string[] = [
    `hotup check: topology ${r.topology}, ${design}, faults ${r.faults.length ? r.faults.join(', ') : 'none'}${!r.faults.includes('FAULT-USER-CONFIG') ? '' : r.userChanges === null ? ' (user changes unbounded)' : ` (at most ${r.userChanges} user change${r.userChanges === 1 ? '' : 's'} per run)`}${roundsText(r.rounds)}, properties ${props}`,
    `states ${fmt(r.states)}${r.verdict === 'incomplete' ? ` (cut by --${r.cutBy})` : r.verdict === 'pass' ? ' (every reachable state)' : ''}, transitions ${fmt(r.transitions)}, diameter ${r.diameter}, deadlocks ${fmt(r.deadlocks)}`,
    `time ${r.seconds.toFixed(2)} s${r.workers > 1 ? ` on ${r.workers} workers` : ''} = ${fmt(r.statesPerSecond)} states/s, ${fmt(r.transitions / Math.max(r.seconds, 1e-9))} transitions/s; ${r.bytesPerState.toFixed(1)} bytes per stored state (${r.store === 'tree' ? `${r.vectorSlots} slots tree-compressed: root pair 6 (8 past 2^24 inner nodes), root table, shared inner nodes` : `${r.vectorSlots} slots of ${r.idBytes} bytes, parent 4, hash table`}), store ${mb(r.storeBytes)}`,
    `local states: ${Object.entries(r.localStates).map(([k, n]) => `${k} ${n}`).join(', ')}; ${fmt(r.xstateCalls)} XState calls for ${fmt(r.cachedTransitions)} cached transitions`,
  ];
  out.push(`partial-order reduction: ${r.por.note}`);
  out.push(`history: ${r.history.note}`);
  if (r.workersNote) out.push(`workers: ${r.workersNote}`);
  if (r.crossings) out.push(`crossings: ${fmt(r.crossings.sent + r.crossings.notResent)} successors owned by another worker; ${fmt(r.crossings.sent)} sent to it, ${fmt(r.crossings.notResent)} not sent again (the sender had sent them before: src/check/sent-cache.ts)`);
  const invs = INVARIANTS.filter((p) => !r.properties || r.properties.includes(p.id)).length;
  const lives = LIVENESS.filter((p) => !r.properties || r.properties.includes(p.id)).length;
  const cx = r.counterexample;
  if (cx) {
    out.push('', `VIOLATION ${cx.violation.id}: ${cx.violation.message}`);
    out.push(
      cx.loopStart === null
        ? `counterexample (${cx.events.length} steps, a shortest one: the search is breadth-first):`
        : `counterexample: a lasso of ${cx.loopStart} steps, then a loop of ${cx.events.length - cx.loopStart} driver step(s) repeated forever under weak fairness:`,
    );
    out.push(cx.trace);
  } else if (r.verdict === 'incomplete') {
    out.push(`INCOMPLETE: no INV-* broken in the ${fmt(r.states)} states stored and their ${fmt(r.transitions)} transitions (depth ${r.diameter}, ${r.seconds.toFixed(1)} s, rss ${mb(r.rssBytes)}), but ${cutWords(r)}; LIVE-* ${r.cutBy === 'interrupted' && r.cutReason ? 'were not all checked' : 'need every state and were not checked'}`);
  } else {
    if (r.coverage) {
      out.push('coverage (machine states and transitions some reachable state takes / all that toDirectedGraph lists):');
      for (const c of r.coverage.summary) out.push(`  ${c.machine.padEnd(9)} states ${c.states[0]}/${c.states[1]}, transitions ${c.transitions[0]}/${c.transitions[1]}`);
      for (const u of uncovered(createComponents(designOf(r.mutant)), r.coverage.visited)) {
        out.push(`  ${u.machine} ${u.kind} ${u.id}: unreachable in this design under these faults (proven by this exhaustive check)`);
      }
    }
    if (r.exercised) out.push('exercised (reachable states where the premise holds; a property exercised in none is not exercised):', ...vacuityLines(r.exercised, 'state', 'state', null, r.properties));
    out.push(`PASS: ${invs} INV-* hold in all ${fmt(r.states)} reachable states and on every transition; ${r.livenessChecked.length ? `no fair cycle breaks ${r.livenessChecked.join(', ')} (${r.livenessSeconds.toFixed(2)} s)` : lives ? 'LIVE-* not checked (--no-liveness)' : 'no LIVE-* selected'}`);
  }
  return out.join('\n');
}

/** What cut a search short, as the subject of a sentence: "--max-seconds cut", "the user's interrupt stopped". */
export const cutSubject = (by: Cut): string => (by === 'interrupted' ? "the user's interrupt stopped" : `--${by} cut`);

/** What cut an incomplete check short, in words. */
function cutWords(r: CheckResult): string {
  const by = r.cutBy!;
  const reason = r.cutReason ? ` (${r.cutReason})` : '';
  if (by === 'interrupted') return `${cutSubject(by)} it${r.cutReason ? reason : ' before every stored state was expanded'}`;
  return `${cutSubject(by)} the search before ${by === 'max-seconds' ? 'every stored state was expanded' : 'every reachable state was stored'}${reason}`;
}

/** The JSON form of a check (what --json prints). */
export function checkJson(r: CheckResult, eventsFile: string | null): unknown {
  const cx = r.counterexample;
  return {
    ...r,
    counterexample: cx && { violation: cx.violation, steps: cx.events.length, loopStart: cx.loopStart, events: cx.events, trace: cx.trace.split('\n'), eventsFile },
  };
}
