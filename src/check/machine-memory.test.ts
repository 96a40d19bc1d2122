import { totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../topology/presets.js';
import { check } from './check.js';
import { checkOnWorkers } from './parallel-check.js';
import { availableMemory, machineVectorBytes, VECTOR_SHARE, vectorBytesFor } from './machine-memory.js';
import { AUTO_VECTOR_BYTES } from './visited.js';

describe("an auto store's share of the machine's memory", () => {
  it('is a third of the memory available, never below 1 GiB', () => {
    expect(vectorBytesFor(0)).toBe(AUTO_VECTOR_BYTES);
    expect(vectorBytesFor(2 * 2 ** 30)).toBe(AUTO_VECTOR_BYTES);
    expect(vectorBytesFor(24 * 2 ** 30)).toBe(8 * 2 ** 30);
    expect(VECTOR_SHARE).toBeCloseTo(1 / 3);
  });

  it("reads this machine's available memory, within its total", () => {
    const a = availableMemory();
    expect(a).toBeGreaterThan(0);
    expect(a).toBeLessThanOrEqual(totalmem());
    expect(machineVectorBytes()).toBe(vectorBytesFor(a));
  });

  it('decides where a check, on one worker or two, moves its vectors into a tree store', async () => {
    const base = { topology: PRESETS['claims-1-9']!, mutant: null, faults: ['FAULT-FORCED-UNLOAD' as const, 'FAULT-TOOL-RESTART' as const], liveness: false, audit: false, store: 'auto' as const };
    const roomy = check({ ...base, compressAbove: 2 ** 30 });
    const tight = check({ ...base, compressAbove: 64 * 1024 });
    expect(roomy.store).toBe('vectors');
    expect(tight.store).toBe('tree');
    expect(tight.states).toBe(roomy.states);
    const two = await checkOnWorkers({ ...base, compressAbove: 128 * 1024 }, 2);
    expect(two.workers).toBe(2);
    expect(two.store).toBe('tree');
    expect(two.states).toBe(roomy.states);
  });
});
