import type { Topology } from './topology.js';

const activeBackup = { mode: 'active-backup', primary: null, primaryReselect: 'always', downdelay: 0, updelay: 0 } as const;

/** Claims 1-9: N1, N2; C1 binds S1, C2 binds S2; one bond of N1, N2. */
export const CLAIMS_1_9: Topology = {
  name: 'claims-1-9',
  children: 2,
  netdevs: 2,
  binding: [0, 1],
  bond: activeBackup,
  channel: 'netlink',
  maxInFlight: 1,
  flows: 1,
};

/** Claims 10-11: N1, N2, N3; C1 binds S1 and S3, C2 binds S2; one bond of all three. */
export const CLAIMS_10_11: Topology = {
  name: 'claims-10-11',
  children: 2,
  netdevs: 3,
  binding: [0, 1, 0],
  bond: activeBackup,
  channel: 'netlink',
  maxInFlight: 1,
  flows: 1,
};

/** The named topologies `--topology` accepts. */
export const PRESETS: Readonly<Record<string, Topology>> = {
  'claims-1-9': CLAIMS_1_9,
  'claims-10-11': CLAIMS_10_11,
  'claims-10-11-xor': { ...CLAIMS_10_11, name: 'claims-10-11-xor', bond: { ...activeBackup, mode: 'balance-xor' }, flows: 2 },
  'claims-10-11-primary': {
    ...CLAIMS_10_11,
    name: 'claims-10-11-primary',
    bond: { ...activeBackup, primary: 0, primaryReselect: 'always', downdelay: 1, updelay: 1 },
    channel: 'chardev',
  },
};

/** The topology `npm start` explores. */
export const DEFAULT_TOPOLOGY = 'claims-10-11';
