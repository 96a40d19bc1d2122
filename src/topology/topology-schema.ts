/**
 * The JSON Schema (2020-12) of a topology file: what `--topology FILE.json`
 * reads. parseTopology validates every file against it before the checks a
 * schema cannot say (netdevs named N1..Nn with no gap, every child binding a
 * sub-device, the primary among the netdevs); schema/hotup-topology.schema.json
 * and docs/topology-format.md are written from it (`npm run docs`).
 */

/** The `$id` of the shipped topology schema. */
export const TOPOLOGY_SCHEMA_ID = 'urn:hotup:topology:1';

/** One field as the docs list it. */
interface FieldDoc {
  readonly description: string;
  readonly default?: unknown;
}

const whole = (min: number, max: number, doc: FieldDoc) => ({ type: 'integer', minimum: min, maximum: max, ...doc });

const BOND = {
  type: 'object',
  description: 'the one bond over every netdev (Linux bonding driver options)',
  additionalProperties: false,
  properties: {
    mode: { enum: ['active-backup', 'balance-xor'], default: 'active-backup', description: 'bonding mode: active-backup (one active slave, failover on carrier loss) or balance-xor (flows hashed onto the up slaves)' },
    primary: {
      type: ['string', 'null'],
      pattern: '^N[1-8]$',
      default: null,
      description: 'active-backup only: the preferred slave (a netdev name), which becomes active again when its link returns; null for none',
    },
    primary_reselect: {
      enum: ['always', 'better', 'failure'],
      default: 'always',
      description: "when the primary takes over again after its link returns, as the bonding driver's primary_reselect",
    },
    downdelay: whole(0, 3, { default: 0, description: 'miimon passes a slave must be down before the bond acts on it (downdelay / miimon)' }),
    updelay: whole(0, 3, { default: 0, description: 'miimon passes a slave must be up before the bond uses it (updelay / miimon)' }),
  },
} as const;

/** The schema as a value (ajv compiles it; the generator prints it). */
export const TOPOLOGY_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: TOPOLOGY_SCHEMA_ID,
  title: 'hotup topology',
  description:
    'A system to model: the child drivers, the netdevs (one auxiliary sub-device each) and which child binds each, one bond over all netdevs, and how the tool hears of a finished load. See docs/topology-format.md.',
  type: 'object',
  required: ['children', 'binding'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 64, description: "the topology's name in reports and trace headers (default: the file name without .json); replay commands give the file's path, not this name" },
    children: whole(1, 8, { description: 'the number of child driver modules, C1..Cn; each must bind at least one sub-device' }),
    binding: {
      type: 'object',
      minProperties: 2,
      maxProperties: 8,
      description: 'netdev -> child: N1..Nn (no gap, 2 to 8 of them; a bond needs two slaves to fail over) each mapped to the child C1..Cm whose driver binds its sub-device',
      additionalProperties: { type: 'string', pattern: '^C[1-8]$' },
    },
    bond: BOND,
    channel: { enum: ['netlink', 'chardev'], default: 'netlink', description: "how the parent driver tells the upgrade tool that a child finished loading: a netlink message or a character-device read" },
    max_in_flight: whole(1, 3, { default: 1, description: 'transmits that may be in flight on the bond at once (a larger value lets a packet be in a slave driver while its child unloads)' }),
    flows: whole(1, 4, { default: 1, description: 'distinct flows the traffic source sends; in balance-xor each hashes onto a slave' }),
  },
} as const;
