import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { PROPERTY_IDS } from '../../properties/index.js';
import { parseJsonText } from '../topology/json-text.js';
import { clip, quotePath, shortQuote } from '../topology/quote.js';
import { topologyToJson } from '../conform/topology-json.js';
import type { EnvEvent } from '../model/env-event.js';
import { parseFaults, type FaultId } from '../model/faults.js';
import { parseTopology } from '../topology/parse.js';
import type { Topology } from '../topology/topology.js';
import { mutantById } from '../mutants.js';

/** A counterexample as a list of environment events, with everything needed to run it again. */
export interface EventsFile {
  readonly topology: Topology;
  readonly mutant: string | null;
  readonly faults: readonly FaultId[];
  readonly properties: readonly string[] | null;
  /** The property the events break; null for a run that breaks nothing (a run saved to be replayed, not a counterexample). */
  readonly violation: string | null;
  readonly events: readonly EnvEvent[];
  /** For a lasso: the index of the loop's first event. */
  readonly loopStart: number | null;
}

const FORMAT = 'hotup-events/1';

/** Far above any counterexample check writes (a few hundred events). */
const MAX_BYTES = 64 << 20;

/** A topology in the JSON form `--topology file.json` reads, so the file validates like one. */
export const topologyData = topologyToJson;

/** The text of an events file. */
export function eventsFileText(f: EventsFile): string {
  const data = { format: FORMAT, ...f, topology: topologyData(f.topology), faults: f.faults.length ? f.faults.join(',') : 'none' };
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** Writes an events file. */
export function writeEventsFile(path: string, f: EventsFile): void {
  writeFileSync(path, eventsFileText(f));
}

/** An events file that cannot be used, naming the field and the fix. */
export class EventsFileError extends Error {}

/** Reads and validates an events file. */
export function readEventsFile(path: string): EventsFile {
  let text: string;
  try {
    // Read once, whole, and only a regular file of a sane size: a FIFO or a device would block or never end.
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a regular file');
    if (st.size > MAX_BYTES) throw new Error(`${st.size.toLocaleString('en-US')} bytes, more than any counterexample`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new EventsFileError(`${quotePath(path)}: cannot read it as JSON (${clip((e as Error).message, 160)}); pass the file 'hotup check --out' wrote`);
  }
  return parseEventsFile(text, path);
}

/** Reads and validates an events file's text; `path` names it in errors. */
export function parseEventsFile(text: string, path: string): EventsFile {
  let data: Record<string, unknown>;
  const shown = quotePath(path);
  try {
    data = parseJsonText(text) as Record<string, unknown>;
  } catch (e) {
    throw new EventsFileError(`${shown}: cannot read it as JSON (${clip((e as Error).message, 160)}); pass the file 'hotup check --out' wrote`);
  }
  const fail = (field: string, problem: string): never => {
    throw new EventsFileError(`${shown}: field '${field}' ${clip(problem, 300)}; pass the file 'hotup check --out' wrote`);
  };
  if (data === null || typeof data !== 'object' || Array.isArray(data) || data.format !== FORMAT) fail('format', `must be "${FORMAT}"`);
  const topology = (() => {
    try {
      return parseTopology(data.topology);
    } catch (e) {
      return fail('topology', `is not a valid topology (${(e as Error).message})`);
    }
  })();
  const mutant = data.mutant === null || data.mutant === undefined ? null : String(data.mutant);
  if (mutant !== null) {
    try {
      mutantById(mutant);
    } catch (e) {
      fail('mutant', (e as Error).message);
    }
  }
  const faults = (() => {
    try {
      if (typeof data.faults !== 'string') throw new Error(`must be a string ('all', 'none' or FAULT-* ids joined by commas), got ${shortQuote(data.faults)}`);
      return parseFaults(data.faults);
    } catch (e) {
      return fail('faults', (e as Error).message);
    }
  })();
  const properties = data.properties === null || data.properties === undefined ? null : data.properties;
  if (properties !== null && !(Array.isArray(properties) && properties.every((p) => typeof p === 'string'))) fail('properties', 'must be null or a list of ids');
  for (const p of (properties ?? []) as string[]) if (!PROPERTY_IDS.includes(p)) fail('properties', `names ${shortQuote(p)}, which is no INV-*/LIVE-* id (hotup list)`);
  const violation = data.violation === null ? null : data.violation;
  if (violation !== null && typeof violation !== 'string') fail('violation', 'must name the broken property (or be null for a run that breaks nothing)');
  if (violation !== null && !PROPERTY_IDS.includes(violation as string)) fail('violation', `names ${shortQuote(violation)}, which is no INV-*/LIVE-* id (hotup list)`);
  const events = data.events;
  if (!Array.isArray(events) || !events.every((e) => e !== null && typeof e === 'object' && typeof (e as { kind?: unknown }).kind === 'string')) {
    fail('events', 'must be a list of environment events, each with a "kind"');
  }
  const loopStart = data.loopStart === null || data.loopStart === undefined ? null : data.loopStart;
  if (loopStart !== null && !(Number.isInteger(loopStart) && (loopStart as number) >= 0 && (loopStart as number) < (events as unknown[]).length)) {
    fail('loopStart', 'must be null or the index of an event');
  }
  if (loopStart !== null && violation === null) {
    fail('loopStart', 'needs the LIVE-* property the loop breaks in \'violation\'');
  }
  return {
    topology,
    mutant,
    faults,
    properties: properties as string[] | null,
    violation: violation as string | null,
    events: events as EnvEvent[],
    loopStart: loopStart as number | null,
  };
}
