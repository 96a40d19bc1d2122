import { PRESETS } from '../topology/presets.js';
import { childName, netdevName, type Topology } from '../topology/topology.js';

/** The topology in the JSON form `parseTopology` reads (names N1/C1, snake_case options). */
export function topologyToJson(t: Topology): Record<string, unknown> {
  return {
    name: t.name,
    children: t.children,
    binding: Object.fromEntries(t.binding.map((k, i) => [netdevName(i), childName(k)])),
    bond: {
      mode: t.bond.mode,
      primary: t.bond.primary === null ? null : netdevName(t.bond.primary),
      primary_reselect: t.bond.primaryReselect,
      downdelay: t.bond.downdelay,
      updelay: t.bond.updelay,
    },
    channel: t.channel,
    max_in_flight: t.maxInFlight,
    flows: t.flows,
  };
}

/** A preset's name when the topology is exactly that preset, else its JSON form: what a trace header declares. */
export function topologyDeclaration(t: Topology): string | Record<string, unknown> {
  const preset = PRESETS[t.name];
  return preset && JSON.stringify(topologyToJson(preset)) === JSON.stringify(topologyToJson(t)) ? t.name : topologyToJson(t);
}

/** Whether two topologies describe the same system (names aside). */
export function sameTopology(a: Topology, b: Topology): boolean {
  const strip = (t: Topology) => JSON.stringify({ ...topologyToJson(t), name: '' });
  return strip(a) === strip(b);
}
