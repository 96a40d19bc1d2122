import { freemem } from 'node:os';
import { AUTO_VECTOR_BYTES } from './visited.js';

/**
 * Share of the memory available at the start of a search that an auto store
 * may fill with whole vectors. Moving them into a tree store holds both at
 * once (the tree takes about a third of the vectors' bytes), and the
 * JavaScript heap (interned local states, memo tables) lives beside them.
 */
export const VECTOR_SHARE = 1 / 3;

/** Bytes of whole vectors an auto store keeps before it compresses, given `available` bytes of memory: VECTOR_SHARE of them, and never below AUTO_VECTOR_BYTES. */
export function vectorBytesFor(available: number): number {
  return Math.max(AUTO_VECTOR_BYTES, Math.floor(available * VECTOR_SHARE));
}

/** The memory this process may take now: what the system has available (Linux's MemAvailable), within its control group's limit. */
export function availableMemory(): number {
  const free = freemem();
  const limit = process.constrainedMemory?.() ?? 0;
  return limit > 0 && limit < free ? limit : free;
}

/** `vectorBytesFor` this machine as it is now: what `hotup check` and the benchmarks give an auto store. */
export function machineVectorBytes(): number {
  return vectorBytesFor(availableMemory());
}
