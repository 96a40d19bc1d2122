import type { ConformResult } from './session.js';
import { formatRecord } from '../model/trace-event.js';

const fmt = (n: number): string => n.toLocaleString('en-US');
/** The line's own sequence number (ITF records are named by state, so theirs is left out). */
const seqOf = (seq: number, where: string): string => (seq >= 0 && /(^|:)line \d/.test(where) ? ` (seq ${seq})` : '');
const MAX_ALLOWED = 24;

/** The human report of `hotup conform`: the verdict first, then what it rests on. */
export function formatConform(r: ConformResult, name: string): string {
  const out: string[] = [];
  out.push(`hotup conform: ${name}, topology ${r.topology}, ${r.design === 'correct' ? 'correct design' : `design ${r.design}`}${r.source ? ` (source: ${r.source})` : ''}`);
  const counts = `${fmt(r.events)} events and ${fmt(r.observations)} observations read`;
  const d = r.divergence;
  const v = r.violation;
  if (d) {
    out.push(`NOT CONFORMING: ${d.where}${seqOf(d.seq, d.where)} diverges from the model`);
    const b = r.broken;
    if (b) out.push(`  broken:  ${b.id} at ${b.where}, on ${b.design === 'correct' ? 'the correct design' : `${b.design}, the broken design that explains the trace`}: ${b.message}`);
    else if (r.diagnosis) out.push('  broken:  no INV-* or LIVE-*: no design, correct or broken, explains the trace this far');
    out.push(`  logged:  ${formatRecord(d.record)}`);
    out.push(`  why:     ${d.reason}`);
    if (d.allowed.length) {
      out.push('  the model allowed here:');
      for (const a of d.allowed.slice(0, MAX_ALLOWED)) out.push(`    ${a}`);
      if (d.allowed.length > MAX_ALLOWED) out.push(`    ... and ${d.allowed.length - MAX_ALLOWED} more`);
    }
    out.push('  the trace so far, with the model steps that explain it:');
    for (const l of d.trace) out.push(`    ${l}`);
    out.push('  the model state there:');
    for (const l of d.state) out.push(`    ${l}`);
  } else if (v) {
    out.push(`NOT CONFORMING: ${v.where}${seqOf(v.seq, v.where)} breaks ${v.id}${v.claims.length ? ` (claims ${v.claims.join(', ')})` : ''}: ${v.message}`);
    out.push(`  logged:  ${formatRecord(v.record)}`);
    out.push('  the trace so far, with the model steps that explain it:');
    for (const l of v.trace) out.push(`    ${l}`);
    out.push('  the model state after that step:');
    for (const l of v.state) out.push(`    ${l}`);
  } else if (r.inconclusive) {
    out.push(`INCONCLUSIVE: ${r.inconclusive.reason}`);
    if (r.inconclusive.owed.length) {
      out.push('  the model still owed:');
      for (const a of r.inconclusive.owed.slice(0, MAX_ALLOWED)) out.push(`    ${a}`);
    }
    if (r.inconclusive.trace.length) {
      out.push('  the trace so far, with the model steps that explain it:');
      for (const l of r.inconclusive.trace) out.push(`    ${l}`);
    }
  } else {
    out.push(`CONFORMING: ${counts}, matched by ${fmt(r.modelSteps)} model steps; every INV-* held${r.explanations > 1 ? ` (${r.explanations} model states explain the trace)` : ''}`);
    if (r.open.length === 0) out.push('LIVE-* obligations: none open at the end of the trace');
    else {
      out.push('LIVE-* obligations open at the end of the trace:');
      for (const o of r.open) {
        out.push(`  ${o.id} open: ${o.message} (${o.dischargedByModel ? "the driver's own steps would still discharge it: the trace stopped early" : "the model's own steps do not discharge it either"})`);
      }
    }
  }
  if (r.excuses.length) {
    out.push('excused by the model (model.md, "Excuses"):');
    for (const x of r.excuses) out.push(`  ${x.id} excused by ${x.faults.join(', ')} from ${x.where}${seqOf(x.seq, x.where)}: it would say ${x.message}`);
  }
  if (r.diagnosis) {
    if (r.diagnosis.length === 0) out.push('diagnosis: no broken design (MUT-*) explains the trace further than the correct design');
    else {
      out.push(`diagnosis: broken designs (MUT-*) that explain the trace ${r.inconclusive ? 'whole' : 'past that point'}:`);
      for (const g of r.diagnosis) {
        if (g.verdict === 'violates') {
          const later = g.divergesAt ? ` (it explains the trace only up to ${g.divergesAt})` : '';
          out.push(`  ${g.mutant}: explains it, and ${g.violation!.id} breaks at ${g.where}: ${g.violation!.message}${later}`);
        }
        else if (g.verdict === 'conforming') {
          const open = g.open.length ? `; open at the end: ${g.open.join(', ')}` : '';
          out.push(`  ${g.mutant}: explains the whole trace, no invariant broken on it${open}`);
        }
        else out.push(`  ${g.mutant}: explains it up to ${g.where}, no invariant broken on it that far (it is the design that breaks ${g.designBreaks.join(', ')})`);
      }
    }
  }
  if (d || v || r.inconclusive) out.push(`${counts}; ${fmt(r.lines)} lines`);
  out.push(`checked in ${r.seconds.toFixed(2)} s`);
  return out.join('\n');
}
