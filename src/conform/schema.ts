import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { shortQuote } from '../topology/quote.js';
import { TraceInputError } from './input-error.js';
import { SCHEMA_ID } from './schema-build.js';
import { closest } from './suggest.js';
import { EVENT_KINDS, OBSERVATIONS, eventSpec, observationSpec, type FieldType } from './vocabulary.js';

/** The schema file the package ships; the reader validates against it, so what is documented is what is enforced. */
export const SHIPPED_SCHEMA = join(import.meta.dirname, '..', '..', 'schema', 'hotup-trace.schema.json');

let ajv: Ajv2020 | null = null;
const compiled = new Map<string, ValidateFunction>();

/** A validator for a part of the shipped schema, compiled on first use (only the kinds a trace uses are compiled). */
function validator(ref: string): ValidateFunction {
  let v = compiled.get(ref);
  if (!v) {
    if (!ajv) {
      ajv = new Ajv2020({ allErrors: false, strict: true, strictTypes: false, strictRequired: false, verbose: true });
      ajv.addSchema(JSON.parse(readFileSync(SHIPPED_SCHEMA, 'utf8')) as object);
    }
    v = ajv.getSchema(`${SCHEMA_ID}${ref}`);
    if (!v) throw new Error(`${SHIPPED_SCHEMA} has no ${ref}: regenerate it with npx tsx src/conform/gen-schema.ts`);
    compiled.set(ref, v);
  }
  return v;
}

const EXAMPLES: Record<string, string> = {
  netdev: '"N1"',
  'netdev-or-none': '"N1" or null',
  'netdev-list': '["N1", "N3"]',
  child: '"C1"',
  'child-or-none': '"C1" or null',
  subdev: '"S1"',
  holder: '"parent" or "C1"',
  bool: 'true',
  ifindex: '2',
  version: '2 or "5.2.1"',
  mac: '"02:00:00:00:00:01" or 0',
  mtu: '9000',
  flow: '0',
  count: '0',
  text: '"..."',
  'bond-value': '"N2", "always" or null',
  'subdev-states': '{"S1": "bound"}',
  'slave-states': '{"N1": "up"}',
};

const example = (t: FieldType | undefined, field = ''): string =>
  field === 'seq' ? '1' : field === 'ts' ? '12.345678' : t === undefined ? '...' : typeof t === 'object' ? t.enum.map((x) => JSON.stringify(x)).join(' or ') : EXAMPLES[t]!;

/** The field specs of the record kind a line claims to be. */
function fieldsOf(line: Record<string, unknown>): { kind: string; fields: Readonly<Record<string, FieldType>> } {
  if (typeof line.event === 'string') return { kind: line.event, fields: eventSpec(line.event)?.fields ?? {} };
  if (typeof line.observe === 'string') return { kind: `observe ${line.observe}`, fields: observationSpec(line.observe)?.fields ?? {} };
  return { kind: 'header', fields: {} };
}

/** An ajv error as a TraceInputError naming the field and the fix. */
function translate(where: string, e: ErrorObject, line: Record<string, unknown>): TraceInputError {
  const path = e.instancePath.split('/').slice(1).join('.');
  const { kind, fields } = fieldsOf(line);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const f = String(p.missingProperty);
      const fix = f === 'seq' ? 'number every line after the header: "seq": 1, 2, 3, ...' : `add "${f}": ${example(fields[f])}`;
      return new TraceInputError(where, f, `missing (${kind} requires it)`, fix);
    }
    case 'additionalProperties': {
      const f = String(p.additionalProperty);
      // The header's fields are the schema's own; a record's are its kind's, after seq and ts.
      const header = kind === 'header';
      const known = header ? Object.keys(((e.parentSchema ?? {}) as { properties?: object }).properties ?? {}) : Object.keys(fields);
      const near = closest(f, known);
      return new TraceInputError(
        where,
        f,
        `unknown field for ${kind}`,
        `${near ? `did you mean "${near}"? ` : ''}${kind} takes ${(header ? known : ['seq', 'ts', 'cpu', ...known]).join(', ')}; name the implementation's own fields "x-${f}" to carry them unchecked`,
      );
    }
    case 'oneOf':
      return new TraceInputError(where, 'mtu|mac|admin', 'user.config sets exactly one of mtu, mac, admin', 'write one user.config line per setting');
    case 'const':
      return new TraceInputError(where, path, `must be ${JSON.stringify(p.allowedValue)}`, `write "${path}": ${JSON.stringify(p.allowedValue)}`);
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map((x) => JSON.stringify(x));
      return new TraceInputError(where, path, `${shortQuote(e.data)} is not allowed`, `use one of ${allowed.join(', ')}`);
    }
    case 'type':
      return new TraceInputError(where, path, `expected ${String(p.type).replace(',', ' or ')}, got ${shortQuote(e.data)}`, `e.g. "${path.split('.').pop()}": ${example(fields[path], path)}`);
    case 'pattern':
      return new TraceInputError(where, path, `${shortQuote(e.data)} is not a model name`, 'map each name to N1.., C1.. or S1..');
    default:
      return new TraceInputError(where, path || '(line)', e.message ?? 'invalid', `see docs/trace-format.md for ${kind}`);
  }
}

/** The error to report: a oneOf's own (its branches' errors come first but say less). */
const firstError = (errors: readonly ErrorObject[]): ErrorObject => errors.find((e) => e.keyword === 'oneOf') ?? errors[0]!;

/** Checks a parsed header line against the schema. */
export function validateHeader(where: string, line: Record<string, unknown>): void {
  const v = validator('#/$defs/header');
  if (!v(line)) throw translate(where, firstError(v.errors!), line);
}

/**
 * Checks a parsed event or observation line against its kind's sub-schema,
 * naming an unknown kind with the closest known one.
 */
export function validateRecord(where: string, line: Record<string, unknown>): void {
  let key: string;
  if ('event' in line) {
    if (typeof line.event !== 'string' || !eventSpec(line.event)) {
      const near = typeof line.event === 'string' ? closest(line.event, EVENT_KINDS) : null;
      throw new TraceInputError(where, 'event', `unknown event ${shortQuote(line.event)}`, near ? `did you mean "${near}"? (docs/trace-format.md lists every event)` : `use one of ${EVENT_KINDS.join(', ')}`);
    }
    key = `#/$defs/event:${line.event}`;
  } else if ('observe' in line) {
    const names = OBSERVATIONS.map((o) => o.kind);
    if (typeof line.observe !== 'string' || !observationSpec(line.observe)) {
      throw new TraceInputError(where, 'observe', `unknown observation ${shortQuote(line.observe)}`, `use one of ${names.join(', ')}`);
    }
    key = `#/$defs/observe:${line.observe}`;
  } else {
    throw new TraceInputError(where, 'event', 'the line is neither an event nor an observation', 'give "event": KIND (or "observe": KIND), and "seq"');
  }
  const v = validator(key);
  if (!v(line)) throw translate(where, firstError(v.errors!), line);
}

/** Validates any line with the whole shipped schema (for tests and tools that check a file line by line). */
export function validateLine(line: unknown): readonly ErrorObject[] {
  const v = validator('');
  return v(line) ? [] : (v.errors ?? []);
}
