import { readFileSync, statSync } from 'node:fs';
import { PROPERTY_IDS } from '../../properties/index.js';
import { topologyData } from '../check/events-file.js';
import { parseFaults } from '../model/faults.js';
import { mutantById } from '../mutants.js';
import { parseJsonText } from '../topology/json-text.js';
import { parseTopology } from '../topology/parse.js';
import { clip, quotePath, shortQuote } from '../topology/quote.js';
import type { MemberResult } from './member.js';
import { MAX_MEMBERS, type Strategy, type SuccessorOrder } from './plan.js';
import { SKETCH_KIND, SKETCH_MAX_RANK, SKETCH_PRECISION, UnionSketch } from './union-sketch.js';

/** The format word of a member file. */
export const MEMBER_FORMAT = 'hotup-swarm-member/1';

/** What makes members one swarm: the same model, the same N and the same swarm seed. */
export interface SwarmIdentity {
  readonly members: number;
  readonly seed: number;
  /** The topology in the JSON form `--topology file.json` reads. */
  readonly topology: unknown;
  readonly mutant: string | null;
  /** 'none' or FAULT-* ids joined by commas, as events files write them. */
  readonly faults: string;
  readonly userChanges: number | null;
  readonly rounds: number | null;
  readonly properties: readonly string[] | null;
}

/** How a member's search ended. */
export type MemberEnd = 'violation' | 'cut' | 'exhausted';

/** A member file as written and read back: everything `hotup swarm merge` needs. */
export interface MemberRecord {
  readonly format: typeof MEMBER_FORMAT;
  readonly swarm: SwarmIdentity;
  readonly member: number;
  readonly seed: number;
  readonly order: { readonly strategy: Strategy; readonly successors: SuccessorOrder };
  /** Distinct states the member visited (exact: a bitstate search never counts one twice). */
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly deadlocks: number;
  readonly seconds: number;
  readonly bitstate: {
    readonly log2Bits: number;
    readonly bytes: number;
    readonly hashFunctions: number;
    readonly bitsSet: number;
    readonly hashFactor: number;
    readonly fill: number;
    readonly omissionProbability: number;
    readonly expectedOmissions: number;
  };
  /** A HyperLogLog sketch of the states visited (null in files that predate it): merged, it estimates the swarm's distinct states. */
  readonly coverage: { readonly sketch: typeof SKETCH_KIND; readonly precision: number; readonly registers: string } | null;
  readonly ended: MemberEnd;
  /** The limit that stopped the member (null unless `ended` is 'cut'). */
  readonly cut: { readonly by: string; readonly reason: string | null } | null;
  readonly violation: {
    readonly property: string;
    readonly message: string;
    readonly steps: number;
    /** The events file, relative to the member file's folder (or absolute). */
    readonly eventsFile: string;
  } | null;
  /** Why a member never judges LIVE-*. */
  readonly liveness: string;
}

/** What a member file says about LIVE-* (they need the whole state graph). */
export const LIVENESS_NOTE = 'not checked: LIVE-* need every reachable state and its transitions, which no bitstate member keeps';

/** The record of a member's result; `eventsFile` is where its counterexample was written (relative to the member file's folder). */
export function memberRecord(r: MemberResult, eventsFile: string | null): MemberRecord {
  const cx = r.counterexample;
  if (cx && eventsFile === null) throw new Error('a member with a counterexample needs the events file it was written to');
  return {
    format: MEMBER_FORMAT,
    swarm: {
      members: r.plan.members,
      seed: r.plan.swarmSeed,
      topology: topologyData(r.topology),
      mutant: r.mutant,
      faults: r.faults.length ? r.faults.join(',') : 'none',
      userChanges: r.userChanges,
      rounds: r.rounds,
      properties: r.properties,
    },
    member: r.plan.member,
    seed: r.plan.seed,
    order: { strategy: r.plan.strategy, successors: r.plan.successors },
    states: r.states,
    transitions: r.transitions,
    depth: r.depth,
    deadlocks: r.deadlocks,
    seconds: Number(r.seconds.toFixed(3)),
    bitstate: r.bitstate,
    coverage: { sketch: SKETCH_KIND, precision: SKETCH_PRECISION, registers: r.sketch.toBase64() },
    ended: cx ? 'violation' : r.cutBy ? 'cut' : 'exhausted',
    cut: cx || !r.cutBy ? null : { by: r.cutBy, reason: r.cutReason },
    violation: cx && { property: cx.property, message: cx.message, steps: cx.events.length, eventsFile: eventsFile! },
    liveness: LIVENESS_NOTE,
  };
}

/** The text of a member file. */
export function memberFileText(r: MemberRecord): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

/** A member file that cannot be used, naming the file, the field and the fix (exit 2). */
export class SwarmFileError extends Error {}

/** Far above any member file (some 25 kilobytes, most of it the sketch of its states). */
const MAX_BYTES = 16 << 20;

const FIX = "pass the files 'hotup check --swarm K/N --swarm-out' wrote, unedited";

/** Reads and validates a member file. */
export function readMemberFile(path: string): MemberRecord {
  let text: string;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a regular file');
    if (st.size > MAX_BYTES) throw new Error(`${st.size.toLocaleString('en-US')} bytes, more than any member file`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new SwarmFileError(`${quotePath(path)}: cannot read it (${clip((e as Error).message, 160)}); ${FIX}`);
  }
  return parseMemberFile(text, path);
}

/** Validates a member file's text; `path` names it in errors. */
export function parseMemberFile(text: string, path: string): MemberRecord {
  const shown = quotePath(path);
  let data: unknown;
  try {
    data = parseJsonText(text);
  } catch (e) {
    throw new SwarmFileError(`${shown}: cannot read it as JSON (${clip((e as Error).message, 160)}); ${FIX}`);
  }
  const fail = (field: string, problem: string): never => {
    throw new SwarmFileError(`${shown}: field '${field}' ${clip(problem, 300)}; ${FIX}`);
  };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return fail('format', `must be "${MEMBER_FORMAT}" in a JSON object`);
  const d = data as Record<string, unknown>;
  if (d.format !== MEMBER_FORMAT) {
    const hint = d.format === 'hotup-events/1' ? ' (this is a counterexample events file: replay it with hotup replay-events, and merge the member-*.json beside it)' : '';
    fail('format', `must be "${MEMBER_FORMAT}", got ${shortQuote(d.format)}${hint}`);
  }
  const obj = (v: unknown, field: string): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : fail(field, `must be an object, got ${shortQuote(v)}`));
  const whole = (v: unknown, field: string, min = 0, max = Number.MAX_SAFE_INTEGER): number =>
    Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max ? (v as number) : fail(field, `must be a whole number from ${min} to ${max}, got ${shortQuote(v)}`);
  const num = (v: unknown, field: string): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fail(field, `must be a number of at least 0, got ${shortQuote(v)}`));
  const str = (v: unknown, field: string): string => (typeof v === 'string' && v.length > 0 ? v : fail(field, `must be a non-empty string, got ${shortQuote(v)}`));
  const oneOf = <T extends string>(v: unknown, field: string, words: readonly T[]): T => (words.includes(v as T) ? (v as T) : fail(field, `must be one of ${words.join(', ')}, got ${shortQuote(v)}`));
  const nullOr = <T>(v: unknown, f: (x: unknown) => T): T | null => (v === null ? null : f(v));

  const s = obj(d.swarm, 'swarm');
  const members = whole(s.members, 'swarm.members', 1, MAX_MEMBERS);
  try {
    parseTopology(s.topology);
  } catch (e) {
    fail('swarm.topology', `is not a valid topology (${(e as Error).message})`);
  }
  const mutant = nullOr(s.mutant, (v) => str(v, 'swarm.mutant'));
  if (mutant !== null) {
    try {
      mutantById(mutant);
    } catch (e) {
      fail('swarm.mutant', (e as Error).message);
    }
  }
  const faults = str(s.faults, 'swarm.faults');
  try {
    parseFaults(faults);
  } catch (e) {
    fail('swarm.faults', (e as Error).message);
  }
  const properties = nullOr(s.properties, (v) => (Array.isArray(v) && v.every((p) => typeof p === 'string' && PROPERTY_IDS.includes(p)) ? (v as string[]) : fail('swarm.properties', 'must be null or a list of INV-*/LIVE-* ids')));
  const swarm: SwarmIdentity = {
    members,
    seed: whole(s.seed, 'swarm.seed', 0, 2 ** 32 - 1),
    topology: s.topology,
    mutant,
    faults,
    userChanges: nullOr(s.userChanges, (v) => whole(v, 'swarm.userChanges')),
    rounds: nullOr(s.rounds, (v) => whole(v, 'swarm.rounds', 1)),
    properties,
  };
  const member = whole(d.member, 'member');
  if (member >= members) fail('member', `is ${member}, but the swarm has ${members} members (0 to ${members - 1})`);
  const order = obj(d.order, 'order');
  const b = obj(d.bitstate, 'bitstate');
  const ended = oneOf(d.ended, 'ended', ['violation', 'cut', 'exhausted'] as const);
  const cut = nullOr(d.cut, (v) => {
    const c = obj(v, 'cut');
    return { by: oneOf(c.by, 'cut.by', ['max-states', 'max-seconds', 'max-memory', 'interrupted'] as const), reason: nullOr(c.reason, (x) => str(x, 'cut.reason')) };
  });
  if ((ended === 'cut') !== (cut !== null)) fail('cut', ended === 'cut' ? "must name the limit when 'ended' is \"cut\"" : `must be null when 'ended' is "${ended}"`);
  const violation = nullOr(d.violation, (v) => {
    const x = obj(v, 'violation');
    const property = str(x.property, 'violation.property');
    if (!PROPERTY_IDS.includes(property)) fail('violation.property', `names ${shortQuote(property)}, which is no INV-*/LIVE-* id (hotup list)`);
    return { property, message: str(x.message, 'violation.message'), steps: whole(x.steps, 'violation.steps', 1), eventsFile: str(x.eventsFile, 'violation.eventsFile') };
  });
  const coverage = d.coverage === undefined ? null : nullOr(d.coverage, (v) => {
    const c = obj(v, 'coverage');
    if (c.sketch !== SKETCH_KIND || c.precision !== SKETCH_PRECISION) fail('coverage', `must be a ${SKETCH_KIND} sketch of precision ${SKETCH_PRECISION}, got ${shortQuote(c.sketch)} of ${shortQuote(c.precision)}`);
    const registers = str(c.registers, 'coverage.registers');
    if (!UnionSketch.fromBase64(registers)) fail('coverage.registers', `must be the base64 of ${2 ** SKETCH_PRECISION} registers of at most ${SKETCH_MAX_RANK}`);
    return { sketch: SKETCH_KIND, precision: SKETCH_PRECISION, registers };
  });
  if ((ended === 'violation') !== (violation !== null)) fail('violation', ended === 'violation' ? "must describe the counterexample when 'ended' is \"violation\"" : `must be null when 'ended' is "${ended}"`);
  return {
    format: MEMBER_FORMAT,
    swarm,
    member,
    seed: whole(d.seed, 'seed', 0, 2 ** 32 - 1),
    order: { strategy: oneOf(order.strategy, 'order.strategy', ['dfs', 'bfs'] as const), successors: oneOf(order.successors, 'order.successors', ['forward', 'reverse', 'shuffle'] as const) },
    states: whole(d.states, 'states', 1),
    transitions: whole(d.transitions, 'transitions'),
    depth: whole(d.depth, 'depth'),
    deadlocks: whole(d.deadlocks, 'deadlocks'),
    seconds: num(d.seconds, 'seconds'),
    bitstate: {
      log2Bits: whole(b.log2Bits, 'bitstate.log2Bits', 1, 64),
      bytes: whole(b.bytes, 'bitstate.bytes', 1),
      hashFunctions: whole(b.hashFunctions, 'bitstate.hashFunctions', 1, 64),
      bitsSet: whole(b.bitsSet, 'bitstate.bitsSet'),
      hashFactor: num(b.hashFactor, 'bitstate.hashFactor'),
      fill: num(b.fill, 'bitstate.fill'),
      omissionProbability: num(b.omissionProbability, 'bitstate.omissionProbability'),
      expectedOmissions: num(b.expectedOmissions, 'bitstate.expectedOmissions'),
    },
    coverage,
    ended,
    cut,
    violation,
    liveness: typeof d.liveness === 'string' ? d.liveness : LIVENESS_NOTE,
  };
}
