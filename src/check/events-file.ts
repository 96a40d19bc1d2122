import { readFileSync, writeFileSync } from 'node:fs';
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
  /** The property the events break. */
  readonly violation: string;
  readonly events: readonly EnvEvent[];
  /** For a lasso: the index of the loop's first event. */
  readonly loopStart: number | null;
}

const FORMAT = 'hotup-events/1';

/** A topology in the JSON form `--topology file.json` reads, so the file validates like one. */
export const topologyData = topologyToJson;

/** An events file's text. */
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
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new EventsFileError(`${path}: cannot read it as JSON (${(e as Error).message}); pass the file 'hotup check --out' wrote`);
  }
  return parseEventsFile(text, path);
}

/** Reads and validates an events file's text; `path` names it in errors. */
export function parseEventsFile(text: string, path: string): EventsFile {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new EventsFileError(`${path}: cannot read it as JSON (${(e as Error).message}); pass the file 'hotup check --out' wrote`);
  }
  const fail = (field: string, problem: string): never => {
    throw new EventsFileError(`${path}: field '${field}' ${problem}; pass the file 'hotup check --out' wrote`);
  };
  if (data === null || typeof data !== 'object' || data.format !== FORMAT) fail('format', `must be "${FORMAT}"`);
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
      return parseFaults(typeof data.faults === 'string' ? data.faults : '');
    } catch (e) {
      return fail('faults', (e as Error).message);
    }
  })();
  const properties = data.properties === null || data.properties === undefined ? null : data.properties;
  if (properties !== null && !(Array.isArray(properties) && properties.every((p) => typeof p === 'string'))) fail('properties', 'must be null or a list of ids');
  if (typeof data.violation !== 'string') fail('violation', 'must name the broken property');
  const events = data.events;
  if (!Array.isArray(events) || !events.every((e) => e !== null && typeof e === 'object' && typeof (e as { kind?: unknown }).kind === 'string')) {
    fail('events', 'must be a list of environment events, each with a "kind"');
  }
  const loopStart = data.loopStart === null || data.loopStart === undefined ? null : data.loopStart;
  if (loopStart !== null && !(Number.isInteger(loopStart) && (loopStart as number) >= 0 && (loopStart as number) < (events as unknown[]).length)) {
    fail('loopStart', 'must be null or the index of an event');
  }
  return {
    topology,
    mutant,
    faults,
    properties: properties as string[] | null,
    violation: data.violation as string,
    events: events as EnvEvent[],
    loopStart: loopStart as number | null,
  };
}
