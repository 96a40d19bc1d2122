import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { shortQuote } from './quote.js';
import { TOPOLOGY_SCHEMA } from './topology-schema.js';

/** A field of a topology, what is wrong with it and the fix (TopologyError carries them). */
export interface SchemaProblem {
  readonly field: string;
  readonly problem: string;
  readonly fix: string;
}

let validate: ValidateFunction | null = null;

const fieldOf = (path: string): string => path.split('/').slice(1).join('.');

function valueAt(data: unknown, path: string): unknown {
  let v = data;
  for (const k of path.split('/').slice(1)) v = (v as Record<string, unknown>)[k.replace(/~1/g, '/').replace(/~0/g, '~')];
  return v;
}

/** An ajv error as the field, the problem and the fix a user can act on. */
function translate(e: ErrorObject, data: unknown): SchemaProblem {
  const field = fieldOf(e.instancePath);
  const p = e.params as Record<string, unknown>;
  const s = (e.parentSchema ?? {}) as Record<string, unknown>;
  const got = shortQuote(valueAt(data, e.instancePath));
  const known = (props: unknown) => Object.keys((props ?? {}) as object).join(', ');
  switch (e.keyword) {
    case 'required':
      return { field: String(p.missingProperty), problem: 'missing', fix: p.missingProperty === 'children' ? 'give the number of child drivers, e.g. "children": 2' : 'map each netdev to a child, e.g. "binding": { "N1": "C1", "N2": "C2" }' };
    case 'additionalProperties': {
      const f = `${field ? `${field}.` : ''}${String(p.additionalProperty)}`;
      return { field: shortQuote(f).replace(/^"|"$/g, ''), problem: 'unknown field', fix: `remove it; known fields are ${known(s.properties)}` };
    }
    case 'type':
      if (field === '') return { field: '(top level)', problem: `expected a JSON object, got ${got}`, fix: 'write { "children": 2, "binding": { "N1": "C1", "N2": "C2" } }' };
      if (s.type === 'integer' || (s.minimum !== undefined && s.maximum !== undefined))
        return { field, problem: `expected a whole number from ${String(s.minimum)} to ${String(s.maximum)}, got ${got}`, fix: `set it to a value in ${String(s.minimum)}..${String(s.maximum)}` };
      if (field.startsWith('binding.')) return { field, problem: `${got} is not a child`, fix: 'write a child name, e.g. "C1"' };
      return { field, problem: `expected ${Array.isArray(s.type) ? s.type.join(' or ') : String(s.type)}, got ${got}`, fix: field === 'binding' ? 'write e.g. "binding": { "N1": "C1", "N2": "C2" }' : `see docs/topology-format.md for "${field}"` };
    case 'minimum':
    case 'maximum':
      return { field, problem: `expected a whole number from ${String(s.minimum)} to ${String(s.maximum)}, got ${got}`, fix: `set it to a value in ${String(s.minimum)}..${String(s.maximum)}` };
    case 'enum':
      return { field, problem: `unknown value ${got}`, fix: `use one of: ${(p.allowedValues as unknown[]).join(', ')}` };
    case 'pattern':
      if (field.startsWith('binding.')) return { field, problem: `${got} is not a child`, fix: 'use a child name C1..C8 (and at most "children" of them)' };
      return { field, problem: `${got} is not a netdev`, fix: 'use null or a netdev name N1..N8 of the binding' };
    case 'minLength':
    case 'maxLength':
      return { field, problem: `expected a string of 1 to ${String(s.maxLength)} characters, got ${got}`, fix: 'name the topology, e.g. "four-netdevs"' };
    case 'minProperties':
    case 'maxProperties': {
      const n = Object.keys(valueAt(data, e.instancePath) as object).length;
      return { field, problem: `has ${n} netdev${n === 1 ? '' : 's'}`, fix: 'bind 2 to 8 netdevs, N1..N8 (a bond of one slave has nothing to fail over to, so no upgrade can keep it up)' };
    }
    default:
      return { field: field || '(top level)', problem: e.message ?? 'does not match the topology schema', fix: 'see docs/topology-format.md' };
  }
}

/** The first way `data` breaks the topology schema, or null when it fits. */
export function schemaProblem(data: unknown): SchemaProblem | null {
  validate ??= new Ajv2020({ allErrors: false, strict: true, verbose: true }).compile(TOPOLOGY_SCHEMA);
  if (validate(data)) return null;
  return translate(validate.errors![0]!, data);
}
