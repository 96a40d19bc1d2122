import type { ComponentKind } from '../../machines/messages.js';
import { FIRST_IFINDEX } from '../../machines/parent.js';
import { childName, netdevName, type Topology } from '../topology/topology.js';

/** A renaming of the topology: child k becomes child `children[k]`, netdev i becomes netdev `netdevs[i]`. */
export interface Renaming {
  readonly children: readonly number[];
  readonly netdevs: readonly number[];
}

type Ctx = Record<string, unknown>;

/** What a renaming does to each component kind's context, and the helpers every kind shares. */
interface Renamer {
  readonly s: readonly number[];
  readonly n: readonly number[];
  nd(i: number | null): number | null;
  byNetdev<T>(xs: readonly T[]): T[];
  ifindex(x: number): number;
  holder(h: unknown): unknown;
}

function renamer(p: Renaming, t: Topology): Renamer {
  const s = p.children;
  const n = p.netdevs;
  return {
    s,
    n,
    nd: (i) => (i === null ? null : n[i]!),
    byNetdev: <T>(xs: readonly T[]): T[] => {
      const out = [...xs];
      xs.forEach((x, i) => (out[n[i]!] = x));
      return out;
    },
    ifindex: (x) => (x >= FIRST_IFINDEX && x < FIRST_IFINDEX + t.netdevs ? FIRST_IFINDEX + n[x - FIRST_IFINDEX]! : x),
    holder: (h) => (typeof h === 'number' ? s[h] : h),
  };
}

/** Per component kind, its context under a renaming (the machines' context layouts, see machines/*.ts). */
const RENAME: { readonly [K in ComponentKind]: (c: Ctx, r: Renamer) => Ctx } = {
  parent: (c, { s, byNetdev }) => ({ ...c, owner: byNetdev((c.owner as number[]).map((k) => s[k]!)) }),
  child: (c, { s, n }) => {
    const k = s[c.index as number]!;
    const order = (c.subdevs as number[]).map((i, j) => [n[i]!, j] as const).sort((a, b) => a[0] - b[0]);
    const pick = (xs: unknown) => order.map(([, j]) => (xs as unknown[])[j]);
    return {
      ...c,
      index: k,
      name: childName(k),
      idTable: (c.idTable as string).replace(`c${(c.index as number) + 1}eth`, `c${k + 1}eth`),
      subdevs: order.map(([i]) => i),
      status: pick(c.status),
      programmed: pick(c.programmed),
    };
  },
  netdev: (c, { n, ifindex, holder }) => {
    const i = n[c.index as number]!;
    return { ...c, index: i, name: netdevName(i), ifindex: ifindex(c.ifindex as number), ops: holder(c.ops) };
  },
  bond: (c, { byNetdev, nd }) => ({ ...c, slaves: byNetdev(c.slaves as unknown[]), primary: nd(c.primary as number | null), active: nd(c.active as number | null) }),
  tool: (c, { s }) => ({
    ...c,
    current: c.current === null ? null : s[c.current as number],
    reload: (c.reload as number[]).map((k) => s[k]!).sort((a, b) => a - b),
    inbox: (c.inbox as number[]).map((k) => s[k]!),
    report: c.report === null ? null : (c.report as string).replace(/\bC(\d+)\b/g, (_, d: string) => childName(s[Number(d) - 1]!)),
  }),
  traffic: (c, { s, n }) => ({ ...c, inFlight: (c.inFlight as { netdev: number; holder: number; flow: number }[]).map((x) => ({ ...x, netdev: n[x.netdev]!, holder: s[x.holder]! })) }),
};

/** One component's context under the renaming. */
export const renameContext = (kind: ComponentKind, c: Ctx, p: Renaming, t: Topology): Ctx => RENAME[kind](c, renamer(p, t));
