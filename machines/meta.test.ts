import { describe, expect, it } from 'vitest';
import { INVARIANTS, LIVENESS } from '../properties/index.js';
import { createComponents } from '../src/model/components.js';
import { CORRECT_DESIGN } from './design.js';

describe('claim tags in each machine meta', () => {
  const machines = Object.values(createComponents(CORRECT_DESIGN));
  const tags = (m: (typeof machines)[number]): number[] => ((m.config.meta as { claims?: number[] } | undefined)?.claims ?? []) as number[];

  it('tags every machine with patent claims 1-11', () => {
    for (const m of machines) {
      expect(tags(m).length, m.id).toBeGreaterThan(0);
      for (const c of tags(m)) expect(c >= 1 && c <= 11, `${m.id}: claim ${c}`).toBe(true);
    }
  });

  it('tags, between them, every claim a property names', () => {
    const named = new Set([...INVARIANTS, ...LIVENESS].flatMap((p) => p.claims));
    const tagged = new Set(machines.flatMap(tags));
    expect([...named].filter((c) => !tagged.has(c))).toEqual([]);
  });
});
