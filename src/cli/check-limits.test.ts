import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkLimits, DEFAULT_MEMORY_SHARE, memoryLimitNote } from './check-limits.js';

const MiB = 2 ** 20;

describe('the limits of an exhaustive check', () => {
  it('bounds no states and no seconds by default, and memory at a share of what is available', () => {
    const l = checkLimits({}, 10_000 * MiB);
    expect(l).toEqual({ maxStates: null, maxSeconds: null, maxMemoryMB: Math.floor(10_000 * DEFAULT_MEMORY_SHARE), maxMemoryGiven: false });
    expect(checkLimits({ maxStates: 500, maxSeconds: 7, maxMemory: 123 }, 10_000 * MiB)).toEqual({ maxStates: 500, maxSeconds: 7, maxMemoryMB: 123, maxMemoryGiven: true });
  });

  it('says where a memory limit that cut the search came from only when it was the default', () => {
    const byDefault = checkLimits({}, 2_000 * MiB);
    expect(memoryLimitNote('max-memory', byDefault)).toBe('\nmemory limit: 1,800 MiB, the default (90 % of the memory available when the check started); --max-memory MB sets another');
    expect(memoryLimitNote('max-seconds', byDefault)).toBe('');
    expect(memoryLimitNote('max-memory', checkLimits({ maxMemory: 100 }))).toBe('');
  });

  it('reports the limits it ran under in --json', () => {
    const run = (...args: string[]) => JSON.parse(spawnSync(process.execPath, ['bin/hotup.js', 'check', '--topology', 'claims-1-9', '--faults', 'none', '--no-liveness', '--json', ...args], { encoding: 'utf8' }).stdout).limits;
    const plain = run();
    expect(plain).toMatchObject({ maxStates: null, maxSeconds: null, maxMemoryGiven: false });
    expect(plain.maxMemoryMB).toBeGreaterThan(0);
    expect(run('--max-states', '50', '--max-memory', '4000')).toMatchObject({ maxStates: 50, maxSeconds: null, maxMemoryMB: 4000, maxMemoryGiven: true });
  });
});
