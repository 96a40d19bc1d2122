import { parseTopology } from '../src/topology/parse.js';
import { PRESETS } from '../src/topology/presets.js';
import type { Topology } from '../src/topology/topology.js';

/** Claim 12 is cut off after "a third netdev and ...": read as any binding map, checked on a fourth netdev and a third child. */
export const CLAIM_12_TOPOLOGY: Topology = parseTopology({
  name: 'claim-12',
  children: 3,
  binding: { N1: 'C1', N2: 'C2', N3: 'C1', N4: 'C3' },
});

/** The growing topology cM-nN: M children, N netdevs, netdev i bound by child i mod M (c2-n2 is claims-1-9, c2-n3 claims-10-11). */
export function growingTopology(m: number, n: number): Topology {
  const binding = Object.fromEntries(Array.from({ length: n }, (_, i) => [`N${i + 1}`, `C${(i % m) + 1}`]));
  return parseTopology({ name: `c${m}-n${n}`, children: m, binding });
}

/** The growing topologies of the check benchmark, by children then netdevs: 2 to 4 children, up to 6 netdevs. */
export function growingTopologies(): Topology[] {
  const out: Topology[] = [];
  for (let m = 2; m <= 4; m++) for (let n = Math.max(m, 2); n <= 6; n++) out.push(growingTopology(m, n));
  return out;
}

/** The topology a scenario names: a preset, claim-12, or a growing topology cM-nN. */
export function topologyOf(name: string): Topology {
  const preset = PRESETS[name];
  if (preset) return preset;
  if (name === CLAIM_12_TOPOLOGY.name) return CLAIM_12_TOPOLOGY;
  const grown = /^c(\d+)-n(\d+)$/.exec(name);
  if (grown) return growingTopology(Number(grown[1]), Number(grown[2]));
  throw new Error(`unknown topology '${name}': use a preset (${Object.keys(PRESETS).join(', ')}), claim-12 or cM-nN`);
}
