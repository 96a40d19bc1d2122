import { TOPOLOGY_SCHEMA } from './topology-schema.js';

/** Where the shipped schema and its page live, relative to the repository. */
export const TOPOLOGY_SCHEMA_FILE = 'schema/hotup-topology.schema.json';
export const TOPOLOGY_DOC_FILE = 'docs/topology-format.md';

/** The shipped schema file's text. */
export const topologySchemaText = (): string => `${JSON.stringify(TOPOLOGY_SCHEMA, null, 2)}\n`;

interface FieldSchema {
  readonly type?: string | readonly string[];
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly pattern?: string;
  readonly default?: unknown;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, FieldSchema>>;
}

function valuesOf(f: FieldSchema): string {
  if (f.enum) return f.enum.map((v) => `\`${v}\``).join(', ');
  if (f.minimum !== undefined && f.maximum !== undefined) return `whole number ${f.minimum}..${f.maximum}`;
  if (f.pattern === '^N[1-8]$') return 'a netdev name `N1`..`N8`, or `null`';
  if (f.type === 'object') return 'object';
  return Array.isArray(f.type) ? f.type.join(' or ') : String(f.type ?? '');
}

const defaultOf = (name: string, f: FieldSchema, required: readonly string[]): string =>
  required.includes(name) ? 'required' : f.default !== undefined ? `\`${JSON.stringify(f.default)}\`` : name === 'name' ? 'the file name' : '';

function rows(fields: Readonly<Record<string, FieldSchema>>, required: readonly string[], prefix = ''): string[] {
  return Object.entries(fields).flatMap(([name, f]) => [
    `| \`${prefix}${name}\` | ${valuesOf(f)} | ${defaultOf(name, f, required)} | ${f.description ?? ''} |`,
    ...(f.properties ? rows(f.properties, [], `${prefix}${name}.`) : []),
  ]);
}

const EXAMPLE = {
  name: 'four-netdevs',
  children: 3,
  binding: { N1: 'C1', N2: 'C2', N3: 'C1', N4: 'C3' },
  bond: { mode: 'active-backup', primary: 'N2', primary_reselect: 'always', downdelay: 1, updelay: 1 },
  channel: 'chardev',
  max_in_flight: 2,
  flows: 1,
};

/** docs/topology-format.md: every field of a topology file, from the schema. */
export function topologyFormatMarkdown(): string {
  const s = TOPOLOGY_SCHEMA as unknown as FieldSchema & { required: readonly string[] };
  return [
    '# Topology files',
    '',
    '<!-- generated from src/topology/topology-schema.ts by `npm run docs`; do not edit -->',
    '',
    `\`--topology FILE.json\` (explore, replay, report, check, compare, conform, import) reads a JSON object that ${TOPOLOGY_SCHEMA.description.replace(/^A system/, 'describes a system').replace(/ See docs\/topology-format\.md\.$/, '')}`,
    '',
    `Every file is validated against [\`${TOPOLOGY_SCHEMA_FILE}\`](../${TOPOLOGY_SCHEMA_FILE}) (JSON Schema 2020-12), then against what a schema cannot say: the netdevs are named N1..Nn with no gap, every child binds at least one sub-device, a child named in the binding is at most \`children\`, and \`primary\` is one of the netdevs. A refused file exits 2 with the field and the fix. A byte-order mark is allowed; a key given twice, nesting deeper than 64 levels and files over 1 MB are refused.`,
    '',
    '```json',
    JSON.stringify(EXAMPLE, null, 2),
    '```',
    '',
    '| field | values | default | meaning |',
    '| --- | --- | --- | --- |',
    ...rows(s.properties!, s.required),
    '',
    "A replay command printed for a run on a file names the file by its path, shell-quoted (`npx hotup replay --topology './my topo.json' ...`), never by its `name` field, which may be anything, a preset's name too.",
    '',
  ].join('\n');
}

/** The generated files of the topology format, by path. */
export const topologyDocs = (): Map<string, string> =>
  new Map([
    [TOPOLOGY_SCHEMA_FILE, topologySchemaText()],
    [TOPOLOGY_DOC_FILE, topologyFormatMarkdown()],
  ]);
