import type { Violation } from '../../properties/property.js';
import type { TraceStep } from '../trace/trace.js';
import { faultOf } from '../model/event-kinds.js';
import { childName, netdevName, type Topology } from '../topology/topology.js';
import { messageLabel, receiverOf } from './message-label.js';
import { ENV, senderOf } from './sender.js';

/** A lifeline: its id (as senders and receivers name it) and its heading. */
export interface Lifeline {
  readonly id: string;
  readonly title: string;
}

/** One row of a sequence chart, top to bottom. */
export type SequenceRow =
  | { readonly kind: 'step'; readonly step: number; readonly text: string }
  | { readonly kind: 'message'; readonly step: number; readonly from: string; readonly to: string; readonly label: string }
  | { readonly kind: 'violation'; readonly text: string };

/** What both chart writers draw. */
export interface SequenceModel {
  readonly lifelines: readonly Lifeline[];
  readonly rows: readonly SequenceRow[];
}

/** The lifelines of a topology: the environment, the upgrade tool, every child, the parent, every netdev, the bond, traffic. */
export function lifelines(t: Topology): Lifeline[] {
  return [
    { id: ENV, title: 'kernel, user' },
    { id: 'tool', title: 'upgrade tool' },
    ...Array.from({ length: t.children }, (_, k) => ({ id: childName(k), title: `child ${childName(k)}` })),
    { id: 'parent', title: 'parent' },
    ...Array.from({ length: t.netdevs }, (_, i) => ({ id: netdevName(i), title: `netdev ${netdevName(i)}` })),
    { id: 'bond0', title: 'bond0' },
    { id: 'traffic', title: 'traffic' },
  ];
}

/** The heading of step n: its number, the environment event, and whether it injected a fault or was a fair step. */
function stepHeading(step: TraceStep, n: number): string {
  const fault = faultOf(step.env);
  return `step ${n} ${step.env.kind}${fault ? ` [${fault}]` : step.fair ? ' (fair)' : ''}`;
}

/** The violation as a chart's last line. */
export const violationText = (v: Violation): string => `VIOLATED ${v.id}${v.claims.length ? ` (claims ${v.claims.join(', ')})` : ''}: ${v.message}`;

/** A run as sequence-chart rows: per step a heading, then every message delivered, sender to receiver. */
export function sequenceModel(t: Topology, steps: readonly TraceStep[], violation: Violation | null): SequenceModel {
  const rows: SequenceRow[] = [];
  steps.forEach((st, i) => {
    const step = i + 1;
    rows.push({ kind: 'step', step, text: stepHeading(st, step) });
    st.log.forEach((m, n) => rows.push({ kind: 'message', step, from: senderOf(st.log, n), to: receiverOf(m), label: messageLabel(m) }));
  });
  if (violation) rows.push({ kind: 'violation', text: violationText(violation) });
  return { lifelines: lifelines(t), rows };
}
