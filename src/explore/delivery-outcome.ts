import { createActor, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine, type AnyStateNode, type AnyTransitionDefinition, type InspectionEvent, type StateValue } from 'xstate';
import { guardKey, transitionKey } from './coverage-items.js';

/** What one delivery did to one machine, as coverage counts it. */
export interface DeliveryOutcome {
  /** Every state id active before the event and after each of its microsteps. */
  readonly states: readonly string[];
  /** The event transitions taken (keys), in XState's order; eventless ones are left out. */
  readonly transitions: readonly string[];
  /** Every guard XState evaluated for the event and for the eventless transitions after it, with its outcome, each once. */
  readonly guards: readonly (readonly [key: string, outcome: boolean])[];
}

interface Microstep {
  readonly snapshot: AnyMachineSnapshot;
  readonly transitions: readonly AnyTransitionDefinition[];
}

interface Recorder {
  readonly scope: AnyActorScope;
  readonly steps: Microstep[];
}

const recorders = new WeakMap<AnyStateMachine, Recorder>();

/**
 * A scope whose actor system hears XState's microstep inspection events (each
 * microstep's snapshot and the transitions it took) and whose actions do
 * nothing: the delivery is replayed only to be watched.
 */
function recorderOf(machine: AnyStateMachine): Recorder {
  let r = recorders.get(machine);
  if (!r) {
    const steps: Microstep[] = [];
    const self = createActor(machine, {
      inspect: (e: InspectionEvent) => {
        if (e.type === '@xstate.microstep') steps.push({ snapshot: e.snapshot as AnyMachineSnapshot, transitions: e._transitions });
      },
    });
    const scope = { self, id: '', sessionId: '', logger: () => {}, defer: (fn: () => void) => fn(), emit: () => {}, stopChild: () => {}, system: self.system, actionExecutor: () => {} };
    r = { scope: scope as unknown as AnyActorScope, steps };
    recorders.set(machine, r);
  }
  return r;
}

function stateIds(root: string, v: StateValue, out: string[]): void {
  if (typeof v === 'string') {
    out.push(`${root}.${v}`);
    return;
  }
  for (const [k, sub] of Object.entries(v)) {
    out.push(`${root}.${k}`);
    stateIds(`${root}.${k}`, sub as StateValue, out);
  }
}

/** The ids of the state nodes active in a snapshot, the root first. */
export function activeStateIds(machine: AnyStateMachine, value: StateValue): string[] {
  const out = [machine.id];
  stateIds(machine.id, value, out);
  return out;
}

/** The candidates for an event in one state node, in the order XState tries them (exact descriptors only: the machines use no wildcards). */
const onEvent =
  (type: string) =>
  (n: AnyStateNode): readonly AnyTransitionDefinition[] =>
    n.transitions.get(type) ?? [];
const eventless = (n: AnyStateNode): readonly AnyTransitionDefinition[] => n.always ?? [];

/**
 * The guards XState evaluated in one selection, read off what it selected:
 * from each active leaf up through its ancestors, it tries each candidate in
 * order and stops at the first whose guard passes, so every guarded candidate
 * tried before the one taken was false, the one taken (if guarded) true, and
 * when nothing was taken every candidate on the way was false.
 */
function selectionGuards(snapshot: AnyMachineSnapshot, candidates: (n: AnyStateNode) => readonly AnyTransitionDefinition[], taken: readonly AnyTransitionDefinition[], out: Map<string, boolean[]>): void {
  const chosen = new Set(taken);
  const tried = new Set<AnyTransitionDefinition>();
  const note = (t: AnyTransitionDefinition, outcome: boolean): void => {
    tried.add(t);
    if (t.guard === undefined) return;
    const k = guardKey(t);
    const seen = out.get(k) ?? [];
    if (!seen.includes(outcome)) out.set(k, [...seen, outcome]);
  };
  const leaves = (snapshot._nodes as AnyStateNode[]).filter((n) => n.type === 'atomic' || n.type === 'final');
  for (const leaf of leaves) {
    chain: for (let n: AnyStateNode | undefined = leaf; n; n = n.parent) {
      for (const t of candidates(n)) {
        if (chosen.has(t)) {
          note(t, true);
          break chain;
        }
        // An unguarded candidate passed over would mean a selection rule this reading does not know (parallel regions in conflict).
        if (t.guard === undefined) throw new Error(`${transitionKey(t)}: XState passed over an unguarded candidate; guard coverage reads machines without parallel states only`);
        note(t, false);
      }
    }
  }
  for (const t of taken) if (!tried.has(t)) throw new Error(`${transitionKey(t)}: taken, but not a candidate of any active state`);
}

/**
 * Delivers `event` to a machine in snapshot `before` as the model does
 * (`machine.transition`), watching its microsteps: the states it passes
 * through, the event transitions it takes, and every guard it evaluates,
 * both the event's candidates and the eventless ones after each microstep.
 */
export function deliveryOutcome(machine: AnyStateMachine, before: unknown, event: { readonly type: string }): DeliveryOutcome {
  const r = recorderOf(machine);
  r.steps.length = 0;
  const snap = before as AnyMachineSnapshot;
  machine.transition(snap as never, event as never, r.scope);
  const steps = [...r.steps];
  r.steps.length = 0;
  const states = new Set(activeStateIds(machine, snap.value));
  const guards = new Map<string, boolean[]>();
  selectionGuards(snap, onEvent(event.type), steps[0]?.transitions ?? [], guards);
  for (let k = 0; k < steps.length; k++) {
    const s = steps[k]!.snapshot;
    for (const id of activeStateIds(machine, s.value)) states.add(id);
    if (s.status !== 'active') continue;
    const next = steps[k + 1]?.transitions ?? [];
    selectionGuards(s, eventless, next.every((t) => t.eventType === '') ? next : [], guards);
  }
  return {
    states: [...states],
    transitions: (steps[0]?.transitions ?? []).map(transitionKey),
    guards: [...guards].flatMap(([k, outcomes]) => outcomes.map((o) => [k, o] as const)),
  };
}
