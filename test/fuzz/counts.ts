/** How many inputs each fuzz category draws: at least 1,000 in all, in under two minutes on a shared two-core machine. */
export const COUNTS = {
  topology: 300,
  jsonl: 200,
  itf: 120,
  events: 100,
  replay: 80,
  flags: 250,
  output: 50,
} as const;

/** Topology files also run through explore: fewer, as each builds the model's tables. */
export const arbitraryTopologyCount = 40;
