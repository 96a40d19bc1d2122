import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { MAX_JSON_DEPTH, tooDeep } from '../topology/json-text.js';
import { TraceInputError } from './input-error.js';
import { itfItems } from './itf.js';
import { mergeByTime } from './merge.js';
import { Session, type CheckOptions, type ConformResult } from './session.js';

/** Where a trace comes from: a file (or FIFO), text in memory, or a stream (stdin). Each is read exactly once. */
export type TraceInput = { readonly file: string } | { readonly text: string } | { readonly stream: AsyncIterable<Buffer | string> };

/** `hotup conform`'s options. */
export interface ConformOptions extends CheckOptions {
  /** 'auto': ITF when the file ends in .itf.json or the document is one JSON object over many lines. */
  readonly format?: 'auto' | 'jsonl' | 'itf';
}

async function* chunksOf(input: TraceInput): AsyncGenerator<string> {
  if ('text' in input) {
    yield input.text;
    return;
  }
  const source = 'file' in input ? createReadStream(input.file, { highWaterMark: 1 << 20 }) : input.stream;
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of source) yield typeof chunk === 'string' ? chunk : decoder.write(chunk);
    const tail = decoder.end();
    if (tail) yield tail;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if ('file' in input && err.code) throw new TraceInputError(input.file, '(file)', `cannot be read (${err.code})`, 'check the path');
    throw e;
  }
}

/** Whether the first line opens an ITF document rather than a JSON Lines header. */
function opensItf(input: TraceInput, firstLine: string): boolean {
  if ('file' in input && input.file.endsWith('.itf.json')) return true;
  const l = firstLine.trim();
  try {
    const v = JSON.parse(l) as Record<string, unknown>;
    return v !== null && typeof v === 'object' && ('states' in v || 'vars' in v);
  } catch {
    return l === '{' || /^\{\s*"(#meta|vars|states|params)"/.test(l);
  }
}

/** A JSON Lines record is a few hundred bytes; a longer line is not a trace (and must not fill memory). */
const MAX_LINE = 1 << 20;
/** An ITF document is parsed whole; beyond this it is refused rather than held. */
const MAX_ITF = 256 << 20;

/** Reads the input once into a session: JSON Lines streamed chunk by chunk (constant memory), or ITF parsed whole. */
async function read(input: TraceInput, options: ConformOptions): Promise<ConformResult> {
  const session = new Session(options);
  const chunks = chunksOf(input);
  let buf = '';
  while (!buf.includes('\n') && buf.length <= MAX_LINE) {
    const r = await chunks.next();
    if (r.done) break;
    buf += r.value;
  }
  const format = options.format ?? 'auto';
  if (format === 'itf' || (format === 'auto' && opensItf(input, buf.split('\n', 1)[0] ?? ''))) {
    for await (const c of chunks) {
      buf += c;
      if (buf.length > MAX_ITF) throw new TraceInputError('ITF trace', '(document)', `longer than ${MAX_ITF >> 20} MB`, 'split the run, or give it as JSON Lines (read line by line)');
    }
    let doc: unknown;
    try {
      doc = JSON.parse(buf.charCodeAt(0) === 0xfeff ? buf.slice(1) : buf);
    } catch (e) {
      throw new TraceInputError('ITF trace', '(document)', `not valid JSON (${(e as Error).message})`, 'write the ITF trace as one JSON document');
    }
    if (tooDeep(doc)) throw new TraceInputError('ITF trace', '(document)', `nested deeper than ${MAX_JSON_DEPTH} levels`, 'see docs/trace-format.md, "ITF"');
    const { header, items } = itfItems(doc);
    session.value('ITF trace', header);
    for (const it of items) {
      if (!session.wantsMore) break;
      session.value(it.where, it.value);
    }
    return session.result();
  }
  let n = 0;
  const take = (final: boolean): boolean => {
    const parts = buf.split('\n');
    buf = final ? '' : parts.pop()!;
    for (const p of parts) {
      session.line(p.endsWith('\r') ? p.slice(0, -1) : p, ++n);
      if (!session.wantsMore) return false;
    }
    // The complete lines before it are read first, so an earlier error is the one reported.
    if (buf.length > MAX_LINE) throw new TraceInputError(`line ${n + 1}`, '(line)', `longer than ${MAX_LINE >> 20} MB`, 'write one JSON object per line (a record is a few hundred bytes)');
    return true;
  };
  let more = take(false);
  for await (const c of chunks) {
    if (!more) break;
    buf += c;
    more = take(false);
  }
  if (more) take(true);
  await chunks.return(undefined);
  return session.result();
}

/** The lines of a JSON Lines input, numbered from 1, read as a stream. */
async function* linesOf(input: TraceInput): AsyncGenerator<{ text: string; n: number }> {
  let buf = '';
  let n = 0;
  for await (const c of chunksOf(input)) {
    buf += c;
    const parts = buf.split('\n');
    buf = parts.pop()!;
    for (const p of parts) yield { text: p.endsWith('\r') ? p.slice(0, -1) : p, n: ++n };
  }
  if (buf) yield { text: buf.endsWith('\r') ? buf.slice(0, -1) : buf, n: ++n };
}

/**
 * Checks several JSON Lines files of one system as one trace, merged by
 * timestamp (src/conform/merge.ts): each file and each CPU in it is a source
 * whose lines keep their order; `labels` name the files in messages.
 */
export async function conformMerged(inputs: readonly TraceInput[], labels: readonly string[], options: ConformOptions = {}): Promise<ConformResult> {
  if (options.format === 'itf') throw new TraceInputError(labels[0] ?? '(input)', '--format', 'several files are merged only from JSON Lines', 'convert the ITF trace, or check it alone');
  const iterators = inputs.map((input) => linesOf(input));
  try {
    const { header, records } = await mergeByTime(
      iterators.map((lines, i) => ({ label: labels[i]!, lines })),
      options.topology ?? null,
    );
    const session = new Session({ ...options, limits: { ...options.limits, merged: true } });
    session.begin(header, inputs.length);
    for await (const r of records) {
      session.record(r);
      if (!session.wantsMore) break;
    }
    return session.result();
  } finally {
    await Promise.all(iterators.map((it) => it.return(undefined)));
  }
}

/**
 * Checks a recorded trace against the model: the verdict, the first
 * divergence or broken invariant, the LIVE-* obligations left open, and, when
 * the trace leaves the correct design, which broken design explains it (every
 * design checked in the same single pass over the input).
 * Throws TraceInputError when the input cannot be read.
 */
export async function conform(input: TraceInput, options: ConformOptions = {}): Promise<ConformResult> {
  return read(input, options);
}
