import { subdevName } from '../../machines/child.js';
import { childName, netdevName, netdevsOf, type Topology } from '../topology/topology.js';

/** A box of the topology picture. */
export interface Part {
  readonly id: string;
  readonly label: string;
}

/** A line of the topology picture. */
export interface Link {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  /** Control or creation rather than a data path. */
  readonly dashed: boolean;
  /** Drawn against the page's top-to-bottom flow (the parent sits below what it creates). */
  readonly upward?: boolean;
}

/** The topology as boxes grouped by where they live, and the links between them. */
export interface TopologyParts {
  readonly name: string;
  readonly userSpace: readonly Part[];
  readonly bond: Part;
  readonly netdevs: readonly Part[];
  readonly children: readonly Part[];
  /** Sub-devices on the virtual (auxiliary) bus. */
  readonly subdevs: readonly Part[];
  /** The parent driver on the physical (PCI) bus. */
  readonly parent: Part;
  readonly links: readonly Link[];
}

const S = (i: number): string => `S${i + 1}`;

/**
 * What the topology picture shows, shared by the Mermaid and Graphviz
 * writers: the upgrade tool, bond0 and its slaves, each netdev with its
 * sub-device on the auxiliary bus, the child that binds it, and the parent
 * on the PCI bus that creates them all and notifies the tool.
 */
export function topologyParts(t: Topology): TopologyParts {
  const b = t.bond;
  const bondOpts = [b.mode, b.primary === null ? null : `primary ${netdevName(b.primary)}`, b.downdelay ? `downdelay ${b.downdelay}` : null, b.updelay ? `updelay ${b.updelay}` : null];
  const links: Link[] = [];
  for (let i = 0; i < t.netdevs; i++) links.push({ from: 'bond0', to: netdevName(i), label: 'slave', dashed: false });
  for (let i = 0; i < t.netdevs; i++) links.push({ from: netdevName(i), to: S(i), label: 'ops tables', dashed: false });
  for (let k = 0; k < t.children; k++) for (const i of netdevsOf(t, k)) links.push({ from: childName(k), to: S(i), label: 'binds', dashed: false });
  for (let i = 0; i < t.netdevs; i++) links.push({ from: 'parent', to: S(i), label: 'creates', dashed: true, upward: true });
  links.push({ from: 'parent', to: 'tool', label: `upgrade finished (${t.channel})`, dashed: true, upward: true });
  for (let k = 0; k < t.children; k++) links.push({ from: 'tool', to: childName(k), label: 'rmmod / insmod', dashed: true });
  return {
    name: t.name,
    userSpace: [{ id: 'tool', label: 'upgrade tool' }],
    bond: { id: 'bond0', label: `bond0 (${bondOpts.filter((x) => x !== null).join(', ')})` },
    netdevs: Array.from({ length: t.netdevs }, (_, i) => ({ id: netdevName(i), label: `netdev ${netdevName(i)}` })),
    children: Array.from({ length: t.children }, (_, k) => ({ id: childName(k), label: `child driver ${childName(k)}` })),
    subdevs: Array.from({ length: t.netdevs }, (_, i) => ({ id: S(i), label: `${S(i)} ${subdevName(t.binding[i]!, i)}` })),
    parent: { id: 'parent', label: 'parent driver' },
    links,
  };
}
