import { canonicalJson } from '../model/canonical.js';

/** Values numbered by their canonical JSON: equal values get the same small id, and the first object seen stands for them all. */
export class Interner<T> {
  private readonly ids = new Map<string, number>();
  readonly values: T[] = [];

  /** The id of `value`, numbering it when it is new. */
  id(value: T, key: string = canonicalJson(value)): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(key, id);
      this.values.push(value);
    }
    return id;
  }

  get size(): number {
    return this.values.length;
  }
}

/** A machine snapshot reduced to what defines it (as stateKey does). */
export const snapshotKey = (s: { value: unknown; context: unknown }): string => canonicalJson({ value: s.value, context: s.context });
