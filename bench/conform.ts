import { once } from 'node:events';
import { appendFileSync, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conform, conformMerged } from '../src/conform/conform.js';
import { traceHeader } from '../src/conform/export.js';
import { BENCH_CONFORM, topologyOf } from '../scenarios/index.js';

/** One checking run of the benchmark: a trace, how long it took. */
export interface ConformRun {
  readonly events: number;
  readonly seconds: number;
  /** CPU time of the process meanwhile: on a shared machine, the steadier figure. */
  readonly cpuSeconds: number;
  readonly eventsPerSecond: number;
  readonly verdict: string;
}

/** What the conformance benchmark measured. */
export interface ConformBench {
  readonly events: number;
  readonly lines: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  /** CPU time of the process while checking (the machine may be shared). */
  readonly cpuSeconds: number;
  /** Largest heap seen while checking, sampled every 100 ms. */
  readonly peakHeapMB: number;
  readonly verdict: string;
  /** The same trace with a last line no design explains, checked with the diagnosis (every MUT-* in the same pass). */
  readonly diagnoseSeconds: number;
  /** Two transmits at once, one per CPU, their lines interleaved across model steps (one file, `cpu` on every line). */
  readonly multiCpu: ConformRun;
  /** The same two CPUs' lines as two files, merged by timestamp. */
  readonly merged: ConformRun;
  /** A trace of DIAGNOSE_EVENTS events that diverges at its last line: checked alone, then with the diagnosis. */
  readonly large: { readonly events: number; readonly checkSeconds: number; readonly diagnoseSeconds: number; readonly checkCpuSeconds: number; readonly diagnoseCpuSeconds: number };
}

/** The length of the trace the diagnosis is timed on. */
export const DIAGNOSE_EVENTS = 2_000_000;

/** Streams `lines` (without newlines) to a file. */
async function writeLines(file: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(file);
  let buf = '';
  for (const l of lines) {
    buf += `${l}\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

/**
 * Writes a trace of steady traffic on the scenario's topology, claims-10-11 (transmit begins on N1,
 * ends under C1, packet processed), `events` events long with an observation
 * of bond0 every 1000 events, streaming to a temporary file.
 */
async function writeTrace(file: string, events: number): Promise<number> {
  let seq = 0;
  function* lines(): Generator<string> {
    const pattern = [
      '"event":"xmit.begin","flow":0,"netdev":"N1"',
      '"event":"xmit.end","netdev":"N1","child":"C1"',
      '"event":"packet.processed","netdev":"N1","child":"C1","version":1',
    ];
    yield JSON.stringify(traceHeader(topologyOf(BENCH_CONFORM.topology), { source: 'bench/conform.ts' }));
    for (let n = 0; n < events - (events % 3); n++) {
      yield `{"seq":${++seq},"ts":${(n * 1e-5).toFixed(5)},${pattern[n % 3]}}`;
      if (n % 1000 === 999) yield `{"seq":${++seq},"observe":"bond","active":"N1","carrier":"on"}`;
    }
  }
  await writeLines(file, lines());
  return seq + 1;
}

/**
 * Two flows at once on two CPUs (the topology allows two transmits in flight):
 * CPU 2's transmit begins while CPU 1's is still ending, so every period has a
 * model step begun on one CPU and finished after another CPU's step. Written
 * as one file with `cpu` on each line, or as one file per CPU (`perCpu`).
 */
async function writeTwoCpus(files: readonly string[], events: number): Promise<void> {
  const topology = { ...topologyOf(BENCH_CONFORM.topology), maxInFlight: 2 };
  const header = JSON.stringify(traceHeader(topology, { source: 'bench/conform.ts, two CPUs' }));
  const period: [number, string][] = [
    [1, '"event":"xmit.begin","flow":0,"netdev":"N1"'],
    [1, '"event":"xmit.end","netdev":"N1","child":"C1"'],
    [2, '"event":"xmit.begin","flow":1,"netdev":"N1"'],
    [1, '"event":"packet.processed","netdev":"N1","child":"C1","version":1'],
    [2, '"event":"xmit.end","netdev":"N1","child":"C1"'],
    [2, '"event":"packet.processed","netdev":"N1","child":"C1","version":1'],
  ];
  const perCpu = files.length > 1;
  function* lines(cpu: number | null): Generator<string> {
    yield header;
    const seq = [0, 0, 0];
    for (let n = 0; n < events - (events % period.length); n++) {
      const [c, body] = period[n % period.length]!;
      if (cpu !== null && c !== cpu) continue;
      yield `{"seq":${++seq[perCpu ? c : 0]!},"ts":${(n * 1e-5).toFixed(5)},"cpu":${c},${body}}`;
    }
  }
  if (perCpu) await Promise.all([writeLines(files[0]!, lines(1)), writeLines(files[1]!, lines(2))]);
  else await writeLines(files[0]!, lines(null));
}

const timed = async (run: () => Promise<{ events: number; verdict: string }>): Promise<ConformRun> => {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await run();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { events: r.events, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, eventsPerSecond: r.events / seconds, verdict: r.verdict };
};

/** Checks generated traces (scenarios/bench.ts: a million events each) and reports events per second, single-source and two CPUs, peak heap, and the diagnosis time on DIAGNOSE_EVENTS events. */
export async function benchConform(events = BENCH_CONFORM.budget.events, large = DIAGNOSE_EVENTS): Promise<ConformBench> {
  const dir = mkdtempSync(join(tmpdir(), 'hotup-bench-'));
  try {
    const file = join(dir, 'steady.jsonl');
    const lines = await writeTrace(file, events);
    let peak = 0;
    const sample = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 100);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await conform({ file }, { diagnose: false });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(sample);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    appendFileSync(file, '{"seq":' + lines + ',"event":"parent.probe"}\n');
    const t1 = performance.now();
    await conform({ file });
    const diagnoseSeconds = (performance.now() - t1) / 1000;
    rmSync(file);

    const one = join(dir, 'two-cpus.jsonl');
    await writeTwoCpus([one], events);
    const multiCpu = await timed(() => conform({ file: one }, { diagnose: false }));
    rmSync(one);
    const files = [join(dir, 'cpu1.jsonl'), join(dir, 'cpu2.jsonl')];
    await writeTwoCpus(files, events);
    const merged = await timed(() => conformMerged(files.map((f) => ({ file: f })), ['cpu1.jsonl', 'cpu2.jsonl'], { diagnose: false }));
    for (const f of files) rmSync(f);

    const big = join(dir, 'large.jsonl');
    const bigLines = await writeTrace(big, large);
    appendFileSync(big, '{"seq":' + bigLines + ',"event":"parent.probe"}\n');
    const check = await timed(() => conform({ file: big }, { diagnose: false }));
    const diagnosed = await timed(() => conform({ file: big }));
    return {
      events: r.events,
      lines,
      seconds,
      eventsPerSecond: r.events / seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      peakHeapMB: peak / 2 ** 20,
      verdict: r.verdict,
      diagnoseSeconds,
      multiCpu,
      merged,
      large: { events: check.events, checkSeconds: check.seconds, diagnoseSeconds: diagnosed.seconds, checkCpuSeconds: check.cpuSeconds, diagnoseCpuSeconds: diagnosed.cpuSeconds },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const run = (name: string, r: ConformRun): string =>
  `  ${name}: ${r.events.toLocaleString('en-US')} events ${r.verdict} in ${r.seconds.toFixed(2)} s = ${fmt(r.eventsPerSecond)} events/s (CPU ${r.cpuSeconds.toFixed(2)} s = ${fmt(r.events / r.cpuSeconds)} events per CPU second)`;

/** The benchmark as a few lines. */
export const conformLine = (b: ConformBench): string =>
  [
    `conform: ${b.events.toLocaleString('en-US')} events (${b.lines.toLocaleString('en-US')} lines) ${b.verdict} in ${b.seconds.toFixed(2)} s = ${fmt(b.eventsPerSecond)} events/s (CPU ${b.cpuSeconds.toFixed(2)} s), peak heap ${b.peakHeapMB.toFixed(0)} MB; diverging at its last line, with the diagnosis, in ${b.diagnoseSeconds.toFixed(2)} s`,
    run('single source', { events: b.events, seconds: b.seconds, cpuSeconds: b.cpuSeconds, eventsPerSecond: b.eventsPerSecond, verdict: b.verdict }),
    run('two CPUs interleaved, one file', b.multiCpu),
    run('two CPUs, one file each, merged by timestamp', b.merged),
    `  diagnosis on ${b.large.events.toLocaleString('en-US')} events diverging at the last line: ${b.large.diagnoseSeconds.toFixed(2)} s (CPU ${b.large.diagnoseCpuSeconds.toFixed(2)} s), against ${b.large.checkSeconds.toFixed(2)} s (CPU ${b.large.checkCpuSeconds.toFixed(2)} s) to check it: ${(b.large.diagnoseCpuSeconds / b.large.checkCpuSeconds).toFixed(2)}x in CPU time`,
  ].join('\n');

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const n = Number(process.argv[2] ?? BENCH_CONFORM.budget.events);
  process.stdout.write(`${conformLine(await benchConform(n, Number(process.argv[3] ?? DIAGNOSE_EVENTS)))}\n`);
}
