import { TRACE_FORMAT_VERSION } from './export.js';
import { EVENTS, OBSERVATIONS, SLAVE_LINKS, type FieldType } from './vocabulary.js';

/** The `$id` of the shipped schema; sub-schemas are addressed as `${SCHEMA_ID}#/$defs/...`. */
export const SCHEMA_ID = 'urn:hotup:trace-line:1';

const name = { type: 'string', minLength: 1 };

/** The JSON Schema of one field type. */
function fieldSchema(t: FieldType, description?: string): Record<string, unknown> {
  const d = description ? { description } : {};
  if (typeof t === 'object') return { enum: [...t.enum], ...d };
  switch (t) {
    case 'netdev':
    case 'child':
    case 'subdev':
    case 'holder':
      return { ...name, ...d };
    case 'netdev-or-none':
    case 'child-or-none':
      return { type: ['string', 'null'], minLength: 1, ...d };
    case 'netdev-list':
      return { type: 'array', items: name, ...d };
    case 'bool':
      return { type: 'boolean', ...d };
    case 'ifindex':
      return { type: 'integer', minimum: 1, ...d };
    case 'version':
    case 'mac':
      return { type: ['integer', 'string'], minimum: 0, minLength: 1, ...d };
    case 'mtu':
      return { type: 'integer', minimum: 68, maximum: 65535, ...d };
    case 'flow':
    case 'count':
      return { type: 'integer', minimum: 0, ...d };
    case 'text':
      return { type: 'string', ...d };
    case 'bond-value':
      return { type: ['string', 'null'], minLength: 1, ...d };
    case 'subdev-states':
      return { type: 'object', additionalProperties: { enum: ['unbound', 'bound', 'failed', 'gone'] }, ...d };
    case 'slave-states':
      return { type: 'object', additionalProperties: { enum: [...SLAVE_LINKS, 'released'] }, ...d };
  }
}

const common = {
  seq: { type: 'integer', minimum: 0, description: 'sequence number: required, strictly increasing' },
  ts: { type: ['number', 'string'], description: 'timestamp (seconds since boot, or RFC 3339): orders the lines of several merged files' },
  cpu: { type: ['integer', 'string'], description: 'the CPU (or context, e.g. a thread "T1234") that logged the line: lines of one keep their order, lines of different ones may interleave across model steps' },
};
const extensions = { '^x-': { description: "the implementation's own fields: ignored" } };

function record(discriminator: 'event' | 'observe', kind: string, says: string, fields: Readonly<Record<string, FieldType>>, required: readonly string[]) {
  return {
    description: says,
    type: 'object',
    properties: { ...common, [discriminator]: { const: kind }, ...Object.fromEntries(Object.entries(fields).map(([k, t]) => [k, fieldSchema(t)])) },
    required: ['seq', discriminator, ...required],
    patternProperties: extensions,
    additionalProperties: false,
  };
}

/** Dispatches on the discriminator to one sub-schema per kind, so a validator reports the kind's own fields. */
function dispatch(discriminator: 'event' | 'observe', kinds: readonly string[], prefix: string) {
  return {
    type: 'object',
    properties: { seq: common.seq, [discriminator]: { enum: [...kinds] } },
    required: ['seq', discriminator],
    allOf: kinds.map((k) => ({ if: { properties: { [discriminator]: { const: k } } }, then: { $ref: `#/$defs/${prefix}${k}` } })),
  };
}

/**
 * The JSON Schema (2020-12) of one line of a hotup trace, built from the
 * vocabulary: a line is the header, an event or an observation. It checks
 * each line alone; what depends on the topology (is there an N4?) and on
 * order (seq increasing) is the reader's.
 */
export function buildTraceSchema(): Record<string, unknown> {
  const defs: Record<string, unknown> = {
    header: {
      description: 'the first line: the format, the topology, and what the implementation logs',
      type: 'object',
      properties: {
        format: { const: 'hotup-trace' },
        version: { const: TRACE_FORMAT_VERSION },
        topology: {
          description: 'a preset name (hotup list) or a topology object as `--topology FILE.json` takes; required unless `hotup conform --topology` gives it',
          type: ['string', 'object'],
        },
        start: { enum: ['booted'], description: 'the trace begins at the booted system: parent probed, every child loaded at version 1 and bound, MTU 9000, bond settled, tool idle' },
        records: {
          description: 'the event kinds the implementation logs (a kind, or a prefix ending in .*); events of other kinds are taken as unlogged. Default: every kind',
          type: 'array',
          items: name,
        },
        names: {
          description: "the implementation's names for netdevs, children and sub-devices: {\"eth0\": \"N1\", \"mlx_c1\": \"C1\"}",
          type: 'object',
          additionalProperties: { type: 'string', pattern: '^[NCS][1-9][0-9]*$' },
        },
        source: { type: 'string', description: 'free text: where the trace came from' },
      },
      required: ['format', 'version'],
      patternProperties: extensions,
      additionalProperties: false,
    },
    event: dispatch(
      'event',
      EVENTS.map((e) => e.kind),
      'event:',
    ),
    observation: dispatch(
      'observe',
      OBSERVATIONS.map((o) => o.kind),
      'observe:',
    ),
  };
  for (const e of EVENTS) {
    const r = record('event', e.kind, e.says, e.fields, e.required);
    defs[`event:${e.kind}`] = e.kind === 'user.config' ? { ...r, oneOf: ['mtu', 'mac', 'admin'].map((f) => ({ required: [f] })) } : r;
  }
  for (const o of OBSERVATIONS) defs[`observe:${o.kind}`] = record('observe', o.kind, o.says, o.fields, o.subject ? [o.subject] : []);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMA_ID,
    title: 'hotup trace line',
    description:
      'One line of a hotup trace (JSON Lines): the header first, then events and observations, each with a sequence number. See docs/trace-format.md.',
    type: 'object',
    if: { required: ['format'] },
    then: { $ref: '#/$defs/header' },
    else: { if: { required: ['event'] }, then: { $ref: '#/$defs/event' }, else: { $ref: '#/$defs/observation' } },
    $defs: defs,
  };
}
