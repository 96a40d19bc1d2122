import { once } from 'node:events';
import { appendFileSync, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conform } from '../src/conform/conform.js';
import { traceHeader } from '../src/conform/export.js';
import { BENCH_CONFORM, topologyOf } from '../scenarios/index.js';

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
}

/**
 * Writes a trace of steady traffic on the scenario's topology, claims-10-11 (transmit begins on N1,
 * ends under C1, packet processed), `events` events long with an observation
 * of bond0 every 1000 events, streaming to a temporary file.
 */
async function writeTrace(file: string, events: number): Promise<number> {
  const out = createWriteStream(file);
  const pattern = [
    '"event":"xmit.begin","flow":0,"netdev":"N1"',
    '"event":"xmit.end","netdev":"N1","child":"C1"',
    '"event":"packet.processed","netdev":"N1","child":"C1","version":1',
  ];
  let buf = `${JSON.stringify(traceHeader(topologyOf(BENCH_CONFORM.topology), { source: 'bench/conform.ts' }))}\n`;
  let seq = 0;
  for (let n = 0; n < events - (events % 3); n++) {
    buf += `{"seq":${++seq},"ts":${(n * 1e-5).toFixed(5)},${pattern[n % 3]}}\n`;
    if (n % 1000 === 999) buf += `{"seq":${++seq},"observe":"bond","active":"N1","carrier":"on"}\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return seq + 1;
}

/** Checks a generated trace of `events` events (scenarios/bench.ts: a million) and reports events per second, peak heap, and the time with a diagnosis. */
export async function benchConform(events = BENCH_CONFORM.budget.events): Promise<ConformBench> {
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
    return {
      events: r.events,
      lines,
      seconds,
      eventsPerSecond: r.events / seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      peakHeapMB: peak / 2 ** 20,
      verdict: r.verdict,
      diagnoseSeconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The benchmark as one line. */
export const conformLine = (b: ConformBench): string =>
  `conform: ${b.events.toLocaleString('en-US')} events (${b.lines.toLocaleString('en-US')} lines) ${b.verdict} in ${b.seconds.toFixed(2)} s = ${Math.round(b.eventsPerSecond).toLocaleString('en-US')} events/s (CPU ${b.cpuSeconds.toFixed(2)} s), peak heap ${b.peakHeapMB.toFixed(0)} MB; diverging at its last line, with the diagnosis, in ${b.diagnoseSeconds.toFixed(2)} s`;

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const n = Number(process.argv[2] ?? BENCH_CONFORM.budget.events);
  process.stdout.write(`${conformLine(await benchConform(n))}\n`);
}
