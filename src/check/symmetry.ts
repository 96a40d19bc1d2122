import type { AnyStateMachine } from 'xstate';
import { describeEvent } from '../model/event-kinds.js';
import { canonicalJson } from '../model/canonical.js';
import { childName, netdevName, type Topology } from '../topology/topology.js';
import { renameContext, type Renaming } from '../model/renaming.js';
import type { ComponentKind } from '../../machines/messages.js';

type Ctx = Record<string, unknown>;
import { monitorSlot } from '../engine/layout.js';
import type { TableSystem } from '../engine/table/table-system.js';

/** A renaming of the topology: child k becomes child `children[k]`, netdev i becomes netdev `netdevs[i]`. */
export interface Permutation extends Renaming {
  /** In cycle notation, e.g. "(N1 N3)". */
  readonly name: string;
}

/** A permutation that turned out not to be a symmetry of the model, and where. */
export class SymmetryBroken extends Error {}

const MAX_GROUP = 720;

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, at) => [...p.slice(0, at), n - 1, ...p.slice(at)]));
}

function cycles(p: readonly number[], name: (i: number) => string): string {
  const seen = new Set<number>();
  let out = '';
  for (let i = 0; i < p.length; i++) {
    if (seen.has(i) || p[i] === i) continue;
    const c: string[] = [];
    for (let j = i; !seen.has(j); j = p[j]!) {
      seen.add(j);
      c.push(name(j));
    }
    out += `(${c.join(' ')})`;
  }
  return out;
}

/**
 * Every renaming of children and netdevs, other than the identity, that maps
 * the topology onto itself: the binding map, the bond's primary and the
 * netdevs bound by each child are kept. These are the candidates; whether
 * the model treats them alike is for `Symmetry` to find out.
 */
export function topologySymmetries(t: Topology): Permutation[] {
  const out: Permutation[] = [];
  const byChild = Array.from({ length: t.children }, (_, k) => t.binding.flatMap((c, i) => (c === k ? [i] : [])));
  for (const sigma of t.children <= 6 ? permutations(t.children) : [Array.from({ length: t.children }, (_, k) => k)]) {
    if (byChild.some((ns, k) => ns.length !== byChild[sigma[k]!]!.length)) continue;
    // Within each child, any bijection of its netdevs onto the image child's netdevs.
    let maps: number[][] = [new Array<number>(t.netdevs).fill(-1)];
    for (let k = 0; k < t.children; k++) {
      const from = byChild[k]!;
      const to = byChild[sigma[k]!]!;
      maps = maps.flatMap((m) => permutations(from.length).map((q) => m.map((x, i) => (from.includes(i) ? to[q[from.indexOf(i)]!]! : x))));
      if (maps.length > MAX_GROUP) return out;
    }
    for (const pi of maps) {
      const identity = sigma.every((x, k) => x === k) && pi.every((x, i) => x === i);
      if (identity || (t.bond.primary !== null && pi[t.bond.primary] !== t.bond.primary)) continue;
      out.push({ children: sigma, netdevs: pi, name: `${cycles(sigma, childName)}${cycles(pi, netdevName)}` });
    }
  }
  return out;
}

/** One monitor's state under the renaming. */
function renameMonitor(id: string, m: unknown, p: Permutation, t: Topology): unknown {
  const perm = (xs: readonly unknown[], q: readonly number[]) => {
    const out = [...xs];
    xs.forEach((x, i) => (out[q[i]!] = x));
    return out;
  };
  switch (id) {
    case 'INV-NETDEV-PERSIST':
      return perm(
        (m as { name: string; ifindex: number }[]).map((x, i) => ({ name: netdevName(p.netdevs[i]!), ifindex: renameContext('netdev', { index: i, ifindex: x.ifindex }, p, t).ifindex })),
        p.netdevs,
      );
    case 'INV-CONFIG-KEPT':
      return perm(m as unknown[], p.netdevs);
    case 'INV-NOTIFY':
    case 'INV-ONE-DOWN':
      return perm(m as unknown[], p.children);
    default:
      throw new SymmetryBroken(`src/check/symmetry.ts does not know how to rename the state of monitor ${id}`);
  }
}

/**
 * Symmetry reduction over a group of renamings: a state is stored as the
 * least of its images. Renaming is component-wise, so it is computed once per
 * local state and then looked up. Sound only for real symmetries of the
 * model, so `verify` checks, in every state the search expands, that the
 * renamed state has the renamed successors with the same invariant verdicts.
 */
export class Symmetry {
  private readonly maps: { readonly p: Permutation; readonly local: Map<ComponentKind, number[]>; readonly monitors: number[][] }[];
  private readonly image: Uint16Array;
  private readonly env = new Int32Array(512);
  private readonly msg = new Int32Array(512);

  constructor(
    private readonly ts: TableSystem,
    readonly group: readonly Permutation[],
  ) {
    this.maps = group.map((p) => ({ p, local: new Map(), monitors: ts.layout.monitorIds.map(() => []) }));
    this.image = new Uint16Array(ts.width);
  }

  /** Writes the image of `v` under permutation `g` into `out`. */
  apply(g: number, v: Uint16Array, out: Uint16Array): void {
    const l = this.ts.layout;
    const { p } = this.maps[g]!;
    out[0] = this.renameLocal(g, 'parent', v[0]!);
    for (let k = 0; k < l.children; k++) out[1 + p.children[k]!] = this.renameLocal(g, 'child', v[1 + k]!);
    for (let i = 0; i < l.netdevs; i++) out[1 + l.children + p.netdevs[i]!] = this.renameLocal(g, 'netdev', v[1 + l.children + i]!);
    out[l.bond] = this.renameLocal(g, 'bond', v[l.bond]!);
    out[l.tool] = this.renameLocal(g, 'tool', v[l.tool]!);
    out[l.traffic] = this.renameLocal(g, 'traffic', v[l.traffic]!);
    out[l.faults] = v[l.faults]!;
    for (let j = 0; j < l.monitorIds.length; j++) out[monitorSlot(l, j)] = this.renameMonitorId(g, j, v[monitorSlot(l, j)]!);
    out[l.userChanges] = v[l.userChanges]!;
    out[l.reruns] = v[l.reruns]!;
  }

  /** Replaces `v` by the least of its images (its representative). */
  canonicalise(v: Uint16Array): void {
    for (let g = 0; g < this.maps.length; g++) {
      this.apply(g, v, this.image);
      if (less(this.image, v)) v.set(this.image);
    }
  }

  /** How many distinct states `v` stands for. */
  orbitSize(v: Uint16Array): number {
    const seen = new Set<string>([v.join(',')]);
    for (let g = 0; g < this.maps.length; g++) {
      this.apply(g, v, this.image);
      seen.add(this.image.join(','));
    }
    return seen.size;
  }

  /** Why permutation `g` does not map the initial state onto itself, or null. */
  initialDiffers(g: number): string | null {
    const v = this.ts.initial;
    const out = new Uint16Array(v.length);
    this.apply(g, v, out);
    const j = out.findIndex((x, i) => x !== v[i]);
    return j < 0 ? null : `it does not map the booted state onto itself: ${this.slotName(j)} differs (${this.diff(j, out[j]!, v[j]!)})`;
  }

  /** Throws SymmetryBroken unless every permutation maps the steps of `v` onto the steps of its image. */
  verify(v: Uint16Array): void {
    const mine = this.successors(v);
    for (let g = 0; g < this.maps.length; g++) {
      const img = new Uint16Array(v.length);
      this.apply(g, v, img);
      const theirs = this.successors(img);
      for (const [key, what] of mine) {
        if (!theirs.has(key)) {
          const s = this.ts.materialise(v);
          throw new SymmetryBroken(`${this.maps[g]!.p.name} is not a symmetry of the model: after '${describeEvent(this.ts.system.topology, this.ts.envEvent(what.env), s)}' (${what.verdict}) the renamed state has no matching step`);
        }
      }
      if (theirs.size !== mine.size) throw new SymmetryBroken(`${this.maps[g]!.p.name} is not a symmetry of the model: a state and its renaming have different numbers of distinct successors`);
    }
  }

  /** Canonical successor keys (with the broken invariant, if any) of `v`. */
  private successors(v: Uint16Array): Map<string, { env: number; verdict: string }> {
    const ts = this.ts;
    const out = new Map<string, { env: number; verdict: string }>();
    const next = new Uint16Array(v.length);
    const n = ts.enabled(v, this.env, this.msg);
    const envs = this.env.slice(0, n);
    const msgs = this.msg.slice(0, n);
    for (let j = 0; j < n; j++) {
      ts.step(v, envs[j]!, msgs[j]!, next);
      const bad = ts.violation(false);
      this.canonicalise(next);
      const verdict = bad < 0 ? 'no invariant broken' : `${ts.invariants[bad]!.inv.id} broken`;
      out.set(`${next.join(',')}|${verdict}`, { env: envs[j]!, verdict });
    }
    return out;
  }

  private renameLocal(g: number, kind: ComponentKind, local: number): number {
    const m = this.maps[g]!;
    let row = m.local.get(kind);
    if (!row) m.local.set(kind, (row = []));
    let r = row[local];
    if (r === undefined) {
      const t = this.ts.transitions;
      const snap = t.snapshots[kind].values[local] as { value: unknown; context: Ctx };
      const machine = this.ts.system.components[kind] as AnyStateMachine;
      const renamed = machine.resolveState({ value: snap.value, context: renameContext(kind, snap.context, m.p, this.ts.system.topology) } as never);
      r = row[local] = t.localId(kind, renamed);
    }
    return r;
  }

  private renameMonitorId(g: number, j: number, id: number): number {
    const row = this.maps[g]!.monitors[j]!;
    let r = row[id];
    if (r === undefined) {
      const m = this.ts.monitors[j]!;
      r = row[id] = m.id(renameMonitor(this.ts.layout.monitorIds[j]!, m.values[id], this.maps[g]!.p, this.ts.system.topology));
    }
    return r;
  }

  private slotName(j: number): string {
    const l = this.ts.layout;
    if (j === 0) return 'the parent';
    if (j <= l.children) return childName(j - 1);
    if (j < l.bond) return netdevName(j - 1 - l.children);
    return ['bond0', 'the tool', 'the traffic', 'the faults'][j - l.bond] ?? `monitor ${l.monitorIds[j - l.faults - 1]}`;
  }

  private diff(j: number, renamed: number, original: number): string {
    const l = this.ts.layout;
    if (j >= l.faults) return 'its state';
    const values = this.ts.transitions.snapshots[l.kinds[j]!].values as { context: Ctx }[];
    const a = values[renamed]!.context;
    const b = values[original]!.context;
    const fields = Object.keys(b).filter((f) => canonicalJson(a[f]) !== canonicalJson(b[f]));
    return fields.map((f) => `${f} ${canonicalJson(b[f])} would be ${canonicalJson(a[f])}`).join(', ') || 'its state value';
  }
}

function less(a: Uint16Array, b: Uint16Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}
