import type { CheckResult } from '../src/check/check.js';

/** What a bench row says of one exhaustive search: its verdict and the figures it reached. */
export interface SearchFigures {
  readonly verdict: string;
  /** The limit that cut an incomplete search (max-seconds, max-memory), or null. */
  readonly cutBy: string | null;
  readonly states: number;
  readonly transitions: number;
  /** Seconds of the breadth-first search (on workers: starting the threads included). */
  readonly seconds: number;
  /** CPU seconds of every thread of the process during the search: below `seconds` when other processes share the cores. */
  readonly cpuSeconds: number;
  readonly statesPerSecond: number;
  readonly bytesPerState: number;
}

/** The figures of search `r`, with the CPU seconds spent since `cpuBefore` (read it just before the search, call this just after). */
export function searchFigures(r: CheckResult, cpuBefore: NodeJS.CpuUsage): SearchFigures {
  const c = process.cpuUsage(cpuBefore);
  return {
    verdict: r.verdict,
    cutBy: r.cutBy,
    states: r.states,
    transitions: r.transitions,
    seconds: r.seconds,
    cpuSeconds: (c.user + c.system) / 1e6,
    statesPerSecond: r.statesPerSecond,
    bytesPerState: r.bytesPerState,
  };
}
