import { describe, expect, it } from 'vitest';
import { spinCounts, spinCut } from './spin.js';

/** The endings of the verifier's output this reads, as SPIN 6.5.2 prints them. */
const COMPLETE = `State-vector 68 byte, depth reached 1793, errors: 0
  1575952 states, stored
  9032062 states, matched
 10608014 transitions (= stored+matched)
pan: elapsed time 3.26 seconds`;
const INTERRUPTED = `Interrupted

(Spin Version 6.5.2 -- 6 December 2019)
Warning: Search not completed
   397793 states, stored
  2167689 states, matched`;
const MULTICORE_INTERRUPTED = `cpu1: Depth=    1182 States= 2.6e+05 Transitions= 1.7e+06 Memory=    50.717	t=     0.98 R=   3e+05
cpu0: Depth=    1194 States= 2.7e+05 Transitions= 1.8e+06 Memory=   801.603	t=     0.98 R=   3e+05
cpu0: Depth=    1194 States= 5.46e+05 Transitions= 3.57e+06 Memory=   801.603	t=     1.96 R=   3e+05
cpu0: Give Up
cpu1: Depth=    1182 States= 5.11e+05 Transitions= 3.43e+06 Memory=    50.717	t=     1.96 R=   3e+05
cpu1: Give Up
cpu0: elapsed time 1.98 seconds (546377 states visited)`;

describe("reading SPIN's verifier output", () => {
  it('takes stored states and stored + matched transitions from a complete run', () => {
    expect(spinCounts(COMPLETE)).toEqual({ stored: 1_575_952, transitions: 10_608_014 });
    expect(spinCut(COMPLETE)).toBeNull();
  });

  it('names the limit that stopped a run: time, memory, search depth, or the verifier itself', () => {
    expect(spinCut(INTERRUPTED)).toBe('time');
    expect(spinCut(MULTICORE_INTERRUPTED)).toBe('time');
    expect(spinCut(`pan: reached -DMEMLIM bound\n${COMPLETE}`)).toBe('memory');
    expect(spinCut(`error: max search depth too small\n${COMPLETE}`)).toBe('depth');
    expect(spinCut('Segmentation fault')).toBe('aborted');
  });

  it("sums each core's last progress line when a multi-core run stopped before its totals", () => {
    expect(spinCounts(MULTICORE_INTERRUPTED)).toEqual({ stored: 546_000 + 511_000, transitions: 3_570_000 + 3_430_000 });
    expect(spinCounts('')).toEqual({ stored: NaN, transitions: NaN });
  });
});
