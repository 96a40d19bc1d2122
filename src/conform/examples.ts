import { traceStep, type TraceStep } from '../trace/trace.js';
import { designOf } from '../mutants.js';
import { isDriverStep } from '../model/event-kinds.js';
import { type EnvEvent } from '../model/env-event.js';
import { bondSettled, moduleState, type SystemState } from '../model/state.js';
import { createSystem, type System } from '../engine/system.js';
import { PRESETS } from '../topology/presets.js';
import type { Topology } from '../topology/topology.js';
import { observationsOfState, toTraceLines } from './export.js';
import { viewOf } from './state-view.js';
import { formatItf, toItf } from './itf.js';
import { eventSpec, observationSpec, type FieldType } from './vocabulary.js';

/** What a test expects `hotup conform` to say about an example (against the correct design). */
export interface ExpectedVerdict {
  readonly verdict: 'conforming' | 'not-conforming';
  /** LIVE-* obligations a conforming trace leaves open. */
  readonly open?: readonly string[];
  /**
   * The broken design the diagnosis names first, with the invariant it then
   * breaks (one of `breaks`), or, when it explains the whole trace, the LIVE-*
   * obligations it leaves open.
   */
  readonly diagnosis?: { readonly mutant: string; readonly breaks?: readonly string[]; readonly open?: readonly string[] };
}

/** One example trace of docs/examples/traces/: its file, its text, what it shows, its verdict. */
export interface ExampleTrace {
  readonly file: string;
  readonly text: string;
  readonly says: string;
  readonly expect: ExpectedVerdict;
}

const CLAIMS_10_11 = PRESETS['claims-10-11']!;

/** A scripted run: steps taken one by one from the booted system of a design. */
class Script {
  readonly system: System;
  readonly start: SystemState;
  state: SystemState;
  readonly steps: TraceStep[] = [];

  constructor(
    readonly topology: Topology,
    mutant: string | null,
  ) {
    this.system = createSystem(topology, designOf(mutant));
    this.start = this.system.initial();
    this.state = this.start;
  }

  take(e: EnvEvent): boolean {
    if (!this.system.accepts(this.state, e)) return false;
    const r = this.system.step(this.state, e);
    this.steps.push(traceStep(e, r));
    this.state = r.state;
    return true;
  }

  /**
   * The rolling upgrade as a kernel would run it: rounds in which a packet
   * is sent and every enabled driver step (probe, remove, drain, free,
   * miimon, the tool's next action, transmit end) is taken once, in a fixed
   * order, until the tool ends and the bond has caught up, or `stop` says so.
   */
  upgrade(stop: (s: SystemState) => boolean = () => false): this {
    this.take({ kind: 'tool.start' });
    return this.rounds(stop);
  }

  /** Rounds of traffic and every enabled driver step, as `upgrade` takes them after the start. */
  rounds(stop: (s: SystemState) => boolean = () => false, rounds = 40): this {
    for (let r = 0; r < rounds; r++) {
      this.take({ kind: 'traffic.send', flow: 0 });
      for (const e of this.system.enabled(this.state, []).filter(isDriverStep)) {
        this.take(e);
        if (stop(this.state)) return this;
      }
      const tool = String(this.state.tool.value);
      if ((tool === 'done' || tool === 'stopped') && bondSettled(this.state) && this.state.traffic.context.inFlight.length === 0) return this;
    }
    return this;
  }

  lines(source: string): string[] {
    return toTraceLines(this.topology, this.start, this.steps, { source });
  }
}

/** The implementation's names for the model's, as a driver team's log would have them. */
const OWN_NAMES: Record<string, string> = {
  N1: 'eth0',
  N2: 'eth1',
  N3: 'eth2',
  C1: 'hotup_c1',
  C2: 'hotup_c2',
  S1: 'hotup.c1eth.0',
  S2: 'hotup.c2eth.1',
  S3: 'hotup.c1eth.2',
};
const OWN_VERSIONS: Record<number, string> = { 1: '1.4.0', 2: '1.5.0' };
const IFINDEX_OFFSET = 5;

/** A field's value in the implementation's own names and numbers. */
function own(type: FieldType | undefined, v: unknown): unknown {
  const name = (x: unknown) => (typeof x === 'string' ? (OWN_NAMES[x] ?? x) : x);
  switch (type) {
    case 'netdev':
    case 'child':
    case 'subdev':
    case 'holder':
    case 'netdev-or-none':
    case 'child-or-none':
    case 'bond-value':
      return name(v);
    case 'netdev-list':
      return (v as string[]).map(name);
    case 'subdev-states':
    case 'slave-states':
      return Object.fromEntries(Object.entries(v as Record<string, string>).map(([k, x]) => [name(k), x]));
    case 'version':
      return typeof v === 'number' ? (OWN_VERSIONS[v] ?? v) : v;
    case 'ifindex':
      return typeof v === 'number' ? v + IFINDEX_OFFSET : v;
    default:
      return v;
  }
}

/**
 * Rewrites exported lines as the implementation would log them: its own
 * names (declared in the header), versions, ifindexes and MAC addresses,
 * kernel timestamps, and observation lines of what ip link showed before and
 * after. The checker must see through all of it.
 */
function asOwnLog(lines: readonly string[], before: readonly string[], after: readonly string[]): string[] {
  const header = { ...(JSON.parse(lines[0]!) as Record<string, unknown>), names: Object.fromEntries(Object.entries(OWN_NAMES).map(([m, o]) => [o, m])) };
  const body = [...before, ...lines.slice(1), ...after];
  return [
    JSON.stringify(header),
    ...body.map((l, n) => {
      const r = JSON.parse(l) as Record<string, unknown>;
      const spec = typeof r.event === 'string' ? eventSpec(r.event)?.fields : observationSpec(String(r.observe))?.fields;
      const out: Record<string, unknown> = { seq: 1000 + n, ts: Number((812.4 + n * 0.000731).toFixed(6)) };
      for (const [k, v] of Object.entries(r)) {
        if (k === 'seq') continue;
        // Real MAC addresses: one per netdev and value (the model numbers them per netdev).
        out[k] = k === 'mac' && typeof v === 'number' ? `02:00:5e:00:5${String(r.netdev).slice(1)}:${String(v).padStart(2, '0')}` : own(spec?.[k], v);
      }
      return JSON.stringify(out);
    }),
  ];
}

/** Observation lines of a whole state, as `ip link`, /proc/modules and /proc/net/bonding would show it. */
const snapshot = (s: SystemState): string[] => observationsOfState(viewOf(s)).map((o) => JSON.stringify({ seq: 0, ...o }));

/** The kinds a kernel log alone shows (no upgrade tool, no per-packet tracing). */
const KERNEL_ONLY = [
  'module.*',
  'subdev.*',
  'ops.switch',
  'carrier.*',
  'bond.link',
  'bond.active',
  'bond.carrier',
  'bond.failover',
  'notify.send',
  'netdev.*',
  'oops',
];

function kernelOnly(lines: readonly string[]): string[] {
  const keep = (kind: string) => KERNEL_ONLY.some((k) => (k.endsWith('.*') ? kind.startsWith(k.slice(0, -1)) : kind === k));
  const header = { ...(JSON.parse(lines[0]!) as Record<string, unknown>), records: KERNEL_ONLY };
  return [JSON.stringify(header), ...lines.slice(1).filter((l) => keep(String((JSON.parse(l) as { event?: string }).event)))];
}

/** Every example trace, generated from scripted model runs (deterministic). */
export function exampleTraces(): ExampleTrace[] {
  const rolling = new Script(CLAIMS_10_11, null).upgrade();
  const rollingLines = rolling.lines('a rolling upgrade of claims-10-11 under the correct design, with traffic (src/conform/examples.ts)');
  const priorArt = new Script(CLAIMS_10_11, 'MUT-PRIOR-ART').upgrade();
  // The tool reloads C1 and, not waiting for its notification, unloads C2 at once: once miimon sees
  // every link down, bond0 has no slave and drops what it is handed; then the upgrade runs on.
  const parallel = new Script(CLAIMS_10_11, 'MUT-PARALLEL-UPGRADE');
  for (const e of [
    { kind: 'tool.start' },
    { kind: 'tool.step' },
    { kind: 'child.remove', child: 0, subdev: 0 },
    { kind: 'child.remove', child: 0, subdev: 2 },
    { kind: 'child.drain', child: 0 },
    { kind: 'child.free', child: 0 },
    { kind: 'tool.step' },
    { kind: 'tool.step' },
    { kind: 'child.remove', child: 1, subdev: 1 },
    { kind: 'bond.miimon' },
    { kind: 'traffic.send', flow: 0 },
  ] as const) {
    if (!parallel.take(e)) throw new Error(`the parallel-upgrade script cannot take ${e.kind}`);
  }
  parallel.rounds();
  const noReopen = new Script(CLAIMS_10_11, 'MUT-NO-REOPEN').upgrade((s) => s.tool.value === 'selecting' && s.children[0]!.context.version === 2 && moduleState(s, 0) === 'loaded');
  const uaf = new Script(CLAIMS_10_11, 'MUT-NO-DRAIN');
  for (const e of [
    { kind: 'tool.start' },
    { kind: 'traffic.send', flow: 0 },
    { kind: 'tool.step' },
    { kind: 'child.remove', child: 0, subdev: 0 },
    { kind: 'child.remove', child: 0, subdev: 2 },
    { kind: 'child.drain', child: 0 },
    { kind: 'child.free', child: 0 },
    { kind: 'traffic.complete' },
  ] as const) {
    if (!uaf.take(e)) throw new Error(`the use-after-free script cannot take ${e.kind}`);
  }
  const text = (lines: readonly string[]) => `${lines.join('\n')}\n`;
  return [
    {
      file: 'rolling-upgrade.jsonl',
      text: text(asOwnLog(rollingLines, snapshot(rolling.start), snapshot(rolling.state))),
      says: "a rolling upgrade of claims-10-11 as the driver team logged it: their own names, versions, ifindexes, MACs and timestamps, traffic throughout, ip link observations before and after",
      expect: { verdict: 'conforming', open: [] },
    },
    {
      file: 'rolling-upgrade.itf.json',
      text: formatItf(toItf(CLAIMS_10_11, rolling.start, rolling.steps, { source: 'the same rolling upgrade, in ITF' })),
      says: 'the same rolling upgrade in the Informal Trace Format, one state per model step',
      expect: { verdict: 'conforming', open: [] },
    },
    {
      file: 'kernel-log-upgrade.jsonl',
      text: text(kernelOnly(rollingLines)),
      says: "the same rolling upgrade as the kernel log alone shows it: the header's records leaves out the tool and per-packet events",
      expect: { verdict: 'conforming', open: [] },
    },
    {
      file: 'prior-art-upgrade.jsonl',
      text: text(priorArt.lines("today's practice (MUT-PRIOR-ART): unloading a child unregisters its netdevs, loading registers them again")),
      says: "today's practice: unloading a child unregisters its netdevs and reloading registers new ones with new ifindexes",
      expect: { verdict: 'not-conforming', diagnosis: { mutant: 'MUT-PRIOR-ART', breaks: ['INV-NETDEV-PERSIST'] } },
    },
    {
      file: 'parallel-upgrade.jsonl',
      text: text(parallel.lines('the tool unloads the next child before the notification (MUT-PARALLEL-UPGRADE)')),
      says: 'the tool unloads C2 while C1 is still loading: both children down, bond0 loses its carrier',
      expect: { verdict: 'not-conforming', diagnosis: { mutant: 'MUT-PARALLEL-UPGRADE', breaks: ['INV-ONE-DOWN', 'INV-BOND-UP'] } },
    },
    {
      file: 'use-after-free.jsonl',
      text: text(uaf.lines("C1's code is freed while a transmit is in flight through its tables (MUT-NO-DRAIN)")),
      says: "a transmit reads C1's table, C1 is unloaded without waiting for it, and the transmit then runs in freed code: an oops",
      expect: { verdict: 'not-conforming', diagnosis: { mutant: 'MUT-NO-DRAIN', breaks: ['INV-NO-FREED-CODE'] } },
    },
    {
      file: 'no-reopen.jsonl',
      text: text(noReopen.lines('the parent never reopens the links of a reloaded child (MUT-NO-REOPEN), up to the notification')),
      says: "C1 is reloaded and notifies, but its netdevs' links are never reopened: checked against MUT-NO-REOPEN it conforms with LIVE-RESTORE open",
      expect: { verdict: 'not-conforming', diagnosis: { mutant: 'MUT-NO-REOPEN', open: ['LIVE-RESTORE'] } },
    },
  ];
}
