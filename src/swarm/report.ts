import { PROPERTY_IDS } from '../../properties/index.js';
import type { MemberResult } from './member.js';
import type { SwarmIdentity } from './member-file.js';
import type { SwarmReport } from './merge.js';
import { orderText } from './plan.js';
import { cutSubject } from '../check/report.js';

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
/** A probability or an expected count: plain from 0.01 up, in powers of ten below. */
const sci = (p: number): string => (p === 0 ? '0' : p >= 0.01 ? Number(p.toPrecision(2)).toLocaleString('en-US') : p.toExponential(1));

/** Why no swarm result is a proof, in the words every report ends with. */
export const NEVER_PROVES =
  'A swarm never proves anything: each member is a bitstate search that may take a new state for one it has seen (a hash collision) and then never looks past it, and no member can tell that it saw every reachable state; LIVE-* are not checked at all. Only `hotup check` ending in PASS proves the properties.';

/** The model a swarm checks, in one line. */
function modelLine(s: { topology: string; mutant: string | null; faults: string; userChanges: number | null; rounds: number | null; properties: readonly string[] | null }): string {
  const design = s.mutant ? `mutant ${s.mutant}` : 'correct design';
  const user = s.faults.includes('FAULT-USER-CONFIG') || s.faults === 'all' ? (s.userChanges === null ? ' (user changes unbounded)' : ` (at most ${s.userChanges} user change${s.userChanges === 1 ? '' : 's'} per run)`) : '';
  const rounds = s.rounds === 1 ? '' : s.rounds === null ? ', rounds of the tool unbounded' : `, at most ${s.rounds} rounds of the tool`;
  return `topology ${s.topology}, ${design}, faults ${s.faults.split(',').join(', ')}${user}${rounds}, properties ${s.properties ? s.properties.join(', ') : 'every INV-*'}`;
}

/** The bit array and its estimate, in one line. */
function bitstateLine(b: MemberResult['bitstate']): string {
  const low = b.hashFactor < 100 ? '; below 100 the collisions cut off a growing share of the space: raise --bitstate-bits' : '';
  return `bitstate 2^${b.log2Bits} bits (${fmt(b.bytes / 2 ** 20)} MiB), ${b.hashFunctions} hash functions, ${sci(b.fill)} of the bits set; hash factor ${fmt(b.hashFactor)} bits per state (best above 100); omission probability ${sci(b.omissionProbability)} per new state at the end, about ${sci(b.expectedOmissions)} states expected omitted${low}`;
}

/** What `hotup check --swarm K/N` prints for its member, before the files it wrote. */
export function formatMemberSummary(r: MemberResult): string {
  const p = r.plan;
  const faults = r.faults.length ? r.faults.join(',') : 'none';
  const out = [
    `hotup check --swarm ${p.member}/${p.members}: ${modelLine({ ...r, topology: r.topology.name, faults })}`,
    `member ${p.member} of ${p.members} (swarm seed ${p.swarmSeed}, member seed ${p.seed}): ${orderText(p)}`,
    `states ${fmt(r.states)} (distinct, visited by this member), transitions ${fmt(r.transitions)}, depth ${r.depth}, deadlocks ${fmt(r.deadlocks)}, time ${r.seconds.toFixed(2)} s = ${fmt(r.states / Math.max(r.seconds, 1e-9))} states/s`,
    bitstateLine(r.bitstate),
  ];
  const cx = r.counterexample;
  if (cx) {
    out.push('', `VIOLATION ${cx.property}: ${cx.message}`, `counterexample (${cx.events.length} steps; ${p.strategy === 'dfs' ? 'depth-first, so not a shortest one' : 'breadth-first over a bitstate, shortest unless a collision hid a shorter one'}):`, cx.trace);
  } else {
    const why = r.cutBy ? `${cutSubject(r.cutBy)} it${r.cutReason ? ` (${r.cutReason})` : ''}` : 'it reached no state it took as new (a bitstate search cannot tell this from having seen every state)';
    out.push(`INCOMPLETE: no INV-* broken in the ${fmt(r.states)} states this member visited; ${why}. ${NEVER_PROVES}`);
  }
  return out.join('\n');
}

/** The topology's name in a member file's JSON form. */
const topologyName = (s: SwarmIdentity): string => String((s.topology as { name?: unknown }).name ?? 'topology');

/** Why an estimate sits on a bound: the sketches' own figure fell outside the range the counts allow (within its error). */
function boundNote(s: SwarmReport['states']): string {
  if (s.estimate === s.upperBound && s.upperBound > s.largestMember) return '; at the upper bound: the members hardly overlap';
  if (s.estimate === s.largestMember && s.upperBound > s.largestMember) return '; at the lower bound: the other members add hardly a state';
  return '';
}

/** What `hotup swarm merge` prints. */
export function formatSwarmReport(r: SwarmReport): string {
  const s = r.swarm;
  const out = [
    `hotup swarm merge: ${r.members.length} of ${s.members} members of swarm seed ${s.seed}: ${modelLine({ ...s, topology: topologyName(s) })}`,
    r.missing.length ? `missing members (no file given): ${r.missing.join(', ')}` : 'every member is here',
    '',
    ` member  order                                        seed         states    transitions   depth  hash factor  omission p  ended`,
  ];
  for (const m of r.members) {
    const ended = m.violation ? `violation ${m.violation.property} (${m.violation.steps} steps)` : m.cut ? (m.cut.by === 'interrupted' ? 'interrupted' : `cut by --${m.cut.by}`) : 'no new state left';
    out.push(
      ` ${String(m.member).padStart(6)}  ${orderText(m.order).padEnd(43)}  ${String(m.seed).padStart(10)}  ${fmt(m.states).padStart(13)}  ${fmt(m.transitions).padStart(13)}  ${String(m.depth).padStart(6)}  ${fmt(m.bitstate.hashFactor).padStart(11)}  ${sci(m.bitstate.omissionProbability).padStart(10)}  ${ended}`,
    );
  }
  out.push(
    '',
    `states: each member's count is exact; together the members covered at least ${fmt(r.states.largestMember)} distinct states (the largest member) and at most ${fmt(r.states.upperBound)} (an upper bound: the sum over members, who overlap); ${fmt(r.transitions)} transitions in all`,
    r.states.estimate === null
      ? `covered: no estimate (${r.members.filter((m) => m.coverage === null).map((m) => `member ${m.member}`).join(', ')} wrote no sketch of its states)`
      : `covered: about ${fmt(r.states.estimate)} distinct states, from the union of the members' HyperLogLog sketches (standard error ${(100 * r.states.estimateError).toFixed(1)} %)${boundNote(r.states)}`,
  );
  if (r.violations.length) {
    out.push('');
    for (const v of r.violations) {
      out.push(`VIOLATION ${v.property}: ${v.message}`, `  found by member${v.members.length === 1 ? '' : 's'} ${v.members.join(', ')}; shortest counterexample ${v.steps} steps (member ${v.member}): ${v.eventsFile}`, `  replay: ${v.replay}`);
    }
    out.push('', `VIOLATION: ${r.violations.length} distinct propert${r.violations.length === 1 ? 'y' : 'ies'} broken (${r.violations.map((v) => v.property).join(', ')}). ${NEVER_PROVES}`);
  } else {
    const checked = s.properties ? s.properties.filter((p) => p.startsWith('INV-')).length : PROPERTY_IDS.filter((p) => p.startsWith('INV-')).length;
    out.push('', `INCOMPLETE: no member broke any of the ${checked} INV-* checked. ${NEVER_PROVES}`);
  }
  return out.join('\n');
}

/** The JSON form of a merged report (`hotup swarm merge --json`). */
export function swarmReportJson(r: SwarmReport): unknown {
  return { format: 'hotup-swarm-report/1', ...r, proves: false, note: NEVER_PROVES };
}
