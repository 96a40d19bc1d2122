import type { FieldValue } from '../model/trace-event.js';

let nextId = 0;

/** A value as a map key: cheap for the strings and numbers traces carry. */
const keyOf = (scope: string, v: FieldValue): string =>
  typeof v === 'number' ? `${scope}\u0000n${v}` : typeof v === 'string' ? `${scope}\u0000s${v}` : `${scope}\u0000j${JSON.stringify(v)}`;

/**
 * The correspondence between the implementation's values and the model's,
 * learned along a trace: ifindex 7 is the model's 2, version "5.2.1" is the
 * model's 1, and (per netdev) a MAC address is one of the model's MAC numbers.
 * It must stay one-to-one: a netdev that comes back with a new ifindex, or two
 * netdevs sharing one, show. Immutable: learning a pair gives a new renaming.
 */
export class Renaming {
  static readonly EMPTY = new Renaming(new Map(), new Map());
  readonly id = nextId++;

  private constructor(
    private readonly forward: ReadonlyMap<string, FieldValue>,
    private readonly backward: ReadonlyMap<string, FieldValue>,
  ) {}

  /** This renaming when `logged` stands for `model` in `scope` (learning the pair if new), or null when it contradicts what was learned. */
  match(scope: string, logged: FieldValue, model: FieldValue): Renaming | null {
    if (logged === null || model === null) return logged === model ? this : null;
    const fk = keyOf(scope, logged);
    const bk = keyOf(scope, model);
    const f = this.forward.get(fk);
    const b = this.backward.get(bk);
    if (f !== undefined || b !== undefined) {
      return f !== undefined && b !== undefined && keyOf(scope, f) === bk ? this : null;
    }
    return new Renaming(new Map(this.forward).set(fk, model), new Map(this.backward).set(bk, logged));
  }

  /** The model's value the implementation's `logged` was seen to stand for, if any. */
  modelOf(scope: string, logged: FieldValue): FieldValue | undefined {
    return this.forward.get(keyOf(scope, logged));
  }

  /** The implementation's value that stands for the model's `model`, if one was seen. */
  loggedOf(scope: string, model: FieldValue): FieldValue | undefined {
    return this.backward.get(keyOf(scope, model));
  }

  /** Whether some value of the implementation already stands for the model's `model`. */
  hasModel(scope: string, model: FieldValue): boolean {
    return this.backward.has(keyOf(scope, model));
  }

  /** Why `logged` cannot stand for `model`: the pair learned earlier. */
  explain(scope: string, logged: FieldValue, model: FieldValue): string {
    const f = this.forward.get(keyOf(scope, logged));
    if (f !== undefined) return `${JSON.stringify(logged)} stood for the model's ${JSON.stringify(f)} earlier in the trace, and the model has ${JSON.stringify(model)} here`;
    const b = this.backward.get(keyOf(scope, model));
    if (b !== undefined) return `the model's ${JSON.stringify(model)} was ${JSON.stringify(b)} earlier in the trace, not ${JSON.stringify(logged)}`;
    return `the implementation has ${JSON.stringify(logged)} where the model has ${JSON.stringify(model)}`;
  }
}
