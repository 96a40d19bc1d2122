/**
 * Ranks the new states of a level across workers: each worker's keys come
 * sorted ascending and are distinct over all workers (a key names one step);
 * a state's rank is its position in the merged order, the order one worker
 * would have found the states in. Returns, per worker, the one-worker index
 * (`start` + rank) of each of its states that is kept, the first `keep`
 * states in the merged order; those of a worker are a prefix of its own.
 */
export function rankLevel(sorted: readonly Float64Array[], start: number, keep: number): Float64Array[] {
  const n = sorted.length;
  const out = sorted.map((s) => new Float64Array(s.length));
  const at = new Int32Array(n);
  const kept = new Int32Array(n);
  let total = 0;
  for (const s of sorted) total += s.length;
  const limit = Math.min(total, keep);
  for (let rank = 0; rank < limit; rank++) {
    let best = -1;
    let bestKey = Number.POSITIVE_INFINITY;
    for (let w = 0; w < n; w++) {
      if (at[w]! < sorted[w]!.length && sorted[w]![at[w]!]! < bestKey) {
        bestKey = sorted[w]![at[w]!]!;
        best = w;
      }
    }
    out[best]![at[best]!++] = start + rank;
    kept[best]!++;
  }
  return out.map((o, w) => o.slice(0, kept[w]!));
}
