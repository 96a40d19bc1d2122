/** How much a bitstate search may have missed, from its own figures. */
export interface OmissionEstimate {
  /** Bits of the array per state visited: Holzmann's hash factor (SPIN: "best if > 100"). */
  readonly hashFactor: number;
  /** Share of the array's bits set when the search ended. */
  readonly fill: number;
  /**
   * The chance that a state reached for the first time at the end of the
   * search is taken as visited, from the bits actually set: fill^k.
   */
  readonly omissionProbability: number;
  /**
   * States expected to have been taken as visited although new, summed over
   * the search: the integral of (1 - e^(-k x / m))^k for x from 0 to n.
   */
  readonly expectedOmissions: number;
}

/** The estimate for n states stored as k bits each in an array of m bits, `set` of them set. */
export function omissionEstimate(n: number, m: number, k: number, set: number): OmissionEstimate {
  const fill = set / m;
  return {
    hashFactor: n > 0 ? m / n : m,
    fill,
    omissionProbability: fill ** k,
    expectedOmissions: expectedOmissions(n, m, k),
  };
}

/** Simpson's rule over 64 intervals: the integrand is smooth and rises monotonically. */
function expectedOmissions(n: number, m: number, k: number): number {
  if (n <= 0) return 0;
  const f = (x: number): number => (1 - Math.exp((-k * x) / m)) ** k;
  const steps = 64;
  const h = n / steps;
  let s = f(0) + f(n);
  for (let i = 1; i < steps; i++) s += (i % 2 ? 4 : 2) * f(i * h);
  return (s * h) / 3;
}
