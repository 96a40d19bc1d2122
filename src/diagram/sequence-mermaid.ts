import type { Violation } from '../../properties/property.js';
import type { TraceStep } from '../trace/trace.js';
import type { Topology } from '../topology/topology.js';
import { sequenceModel, type SequenceModel } from './sequence-model.js';

/** Mermaid ends a statement at ';' and reads '#' as an entity: keep text plain. */
const plain = (s: string): string => s.replace(/;/g, ',').replace(/#/g, 'no. ');

/** A sequence model as Mermaid `sequenceDiagram` text. */
export function sequenceMermaidOf(model: SequenceModel): string {
  const ls = model.lifelines;
  const span = `${ls[0]!.id},${ls[ls.length - 1]!.id}`;
  const out = ['sequenceDiagram'];
  for (const l of ls) out.push(`  participant ${l.id} as ${plain(l.title)}`);
  for (const r of model.rows) {
    if (r.kind === 'step') out.push(`  Note over ${span}: ${plain(r.text)}`);
    else if (r.kind === 'message') out.push(`  ${r.from}->>${r.to}: ${plain(r.label)}`);
    else out.push(`  Note over ${span}: ${plain(r.text)}`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * A counterexample (or any run) as a Mermaid `sequenceDiagram`: one lifeline
 * per upgrade tool, child, parent, netdev, bond and traffic, plus the
 * environment; each step's messages in delivery order; the violation last.
 */
export function sequenceDiagram(topology: Topology, steps: readonly TraceStep[], violation: Violation | null): string {
  return sequenceMermaidOf(sequenceModel(topology, steps, violation));
}
