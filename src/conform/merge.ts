import { basename } from 'node:path';
import { parseHeader, type TraceHeader } from './header.js';
import { TraceInputError } from './input-error.js';
import { parseRecord, type TraceRecord } from './parse-record.js';
import { sameTopology } from './topology-json.js';
import type { Topology } from '../topology/topology.js';

/** One file of a merged trace: its label in messages and sources, and its lines (1-based numbers). */
export interface MergeSource {
  readonly label: string;
  readonly lines: AsyncIterator<{ readonly text: string; readonly n: number }>;
}

/** The label of each input in messages (`kernel.jsonl:line 7`) and sources: its base name, made unique. */
export function labelsOf(names: readonly string[]): string[] {
  const base = names.map((n) => (n === '-' ? 'stdin' : basename(n)));
  return base.map((b, i) => (base.indexOf(b) === i && base.lastIndexOf(b) === i ? b : `${b}[${i + 1}]`));
}

/** A non-blank line parsed as JSON, or the error naming it. */
async function nextValue(src: MergeSource): Promise<{ where: string; value: unknown } | null> {
  for (;;) {
    const r = await src.lines.next();
    if (r.done) return null;
    const t = r.value.n === 1 && r.value.text.charCodeAt(0) === 0xfeff ? r.value.text.slice(1) : r.value.text;
    if (t.trim() === '') continue;
    const where = `${src.label}:line ${r.value.n}`;
    try {
      return { where, value: JSON.parse(t) };
    } catch (e) {
      throw new TraceInputError(where, '(line)', `not valid JSON (${(e as Error).message})`, 'write one JSON object per line');
    }
  }
}

/** The files' headers as one: the same topology, their names and recorded kinds together. */
function combine(headers: readonly { where: string; header: TraceHeader }[]): TraceHeader {
  const first = headers[0]!.header;
  const names = new Map<string, string>();
  const recorded = new Set<string>();
  const sources: string[] = [];
  for (const { where, header } of headers) {
    if (!sameTopology(first.topology, header.topology)) {
      throw new TraceInputError(where, 'topology', `declares ${header.topology.name}, another file ${first.topology.name}`, 'merge files recorded on one system');
    }
    for (const [own, model] of header.names) {
      const had = names.get(own);
      if (had !== undefined && had !== model) throw new TraceInputError(where, `names.${own}`, `maps ${own} to ${model}, another file to ${had}`, 'give every file the same names');
      names.set(own, model);
    }
    for (const k of header.recorded) recorded.add(k);
    if (header.source) sources.push(header.source);
  }
  return { topology: first.topology, recorded, names, source: sources.length ? sources.join('; ') : null };
}

/** What a merge hands the checker: the combined header, then the records in timestamp order. */
export interface Merged {
  readonly header: TraceHeader;
  readonly records: AsyncGenerator<TraceRecord>;
}

/**
 * Several files of one system (kernel log, tool log, bond samples) as one
 * trace: each file's header is read, every line parsed against its own file's
 * header (its names, its sequence numbers), and the lines merged by `ts`
 * (ties in the order the files are given). Every line needs a `ts`. Each line's
 * source is its file and its `cpu`: the checker keeps each source's order and
 * lets different ones interleave within its window; lines of different files
 * further apart than the clock skew keep the merged order.
 */
export async function mergeByTime(sources: readonly MergeSource[], override: Topology | null): Promise<Merged> {
  const headers: { where: string; header: TraceHeader }[] = [];
  for (const src of sources) {
    const first = await nextValue(src);
    if (!first) throw new TraceInputError(`${src.label}:line 1`, 'format', 'the trace is empty', 'start it with the header line, see docs/trace-format.md');
    headers.push({ where: first.where, header: parseHeader(first.where, first.value, override) });
  }
  const header = combine(headers);
  const prevSeq = sources.map(() => -1);
  const read = async (f: number): Promise<TraceRecord | null> => {
    const v = await nextValue(sources[f]!);
    if (!v) return null;
    const r = parseRecord(v.where, v.value, headers[f]!.header, prevSeq[f]!, f, sources[f]!.label);
    prevSeq[f] = r.seq;
    if (r.ts === null) throw new TraceInputError(v.where, 'ts', 'missing or not a time: several files are merged by timestamp', 'give every line a "ts" (seconds, or RFC 3339 text), or check one file at a time');
    return r;
  };
  async function* records(): AsyncGenerator<TraceRecord> {
    const heads = await Promise.all(sources.map((_, f) => read(f)));
    for (;;) {
      let f = -1;
      for (let i = 0; i < heads.length; i++) if (heads[i] && (f < 0 || heads[i]!.ts! < heads[f]!.ts!)) f = i;
      if (f < 0) return;
      const r = heads[f]!;
      heads[f] = await read(f);
      yield r;
    }
  }
  return { header, records: records() };
}
