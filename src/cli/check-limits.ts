import { availableMemory } from '../check/machine-memory.js';

/**
 * Share of the memory available when a check starts that it may take when
 * no --max-memory is given: past it the search ends INCOMPLETE with its
 * figures, as SPIN does at its memory limit, instead of meeting the
 * kernel's out-of-memory killer with no verdict at all.
 */
export const DEFAULT_MEMORY_SHARE = 0.9;

/** States a swarm member stores at most when no --max-states is given (bitstate members of a space too large for one search). */
export const SWARM_MAX_STATES = 20_000_000;

/** What bounds one exhaustive check: null where nothing does. */
export interface CheckLimits {
  readonly maxStates: number | null;
  readonly maxSeconds: number | null;
  readonly maxMemoryMB: number;
  /** Whether the memory limit is the user's (--max-memory) or DEFAULT_MEMORY_SHARE of what was available. */
  readonly maxMemoryGiven: boolean;
}

/**
 * The limits of an exhaustive check: those given, else no limit on states
 * or seconds (the search runs to its verdict) and DEFAULT_MEMORY_SHARE of
 * `available` bytes.
 */
export function checkLimits(given: { maxStates?: number; maxSeconds?: number; maxMemory?: number }, available = availableMemory()): CheckLimits {
  return {
    maxStates: given.maxStates ?? null,
    maxSeconds: given.maxSeconds ?? null,
    maxMemoryMB: given.maxMemory ?? Math.max(1, Math.floor((available * DEFAULT_MEMORY_SHARE) / 2 ** 20)),
    maxMemoryGiven: given.maxMemory !== undefined,
  };
}

/** For a search the default memory limit cut: a line saying where that limit came from and how to set another (else nothing). */
export function memoryLimitNote(cutBy: string | null, limits: CheckLimits): string {
  if (cutBy !== 'max-memory' || limits.maxMemoryGiven) return '';
  return `\nmemory limit: ${limits.maxMemoryMB.toLocaleString('en-US')} MiB, the default (${DEFAULT_MEMORY_SHARE * 100} % of the memory available when the check started); --max-memory MB sets another`;
}
