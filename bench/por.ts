import { check } from '../src/check/check.js';
import { FAULTS } from '../src/model/faults.js';
import { PRESETS } from '../src/topology/presets.js';

/** One search with and without the partial-order reduction. */
export interface PorRow {
  readonly topology: string;
  readonly faults: string;
  readonly properties: string;
  readonly statesWithout: number;
  readonly statesWith: number;
  /** States without over states with: 1 when the reduction pruned nothing. */
  readonly factor: number;
  readonly note: string;
}

const FIVE = FAULTS.filter((f) => f !== 'FAULT-USER-CONFIG');

/**
 * The reduction on the claim topologies under five faults, for all INV-* at
 * once and for each invariant alone (the setting of the mutant proofs), so
 * its factor is measured, not assumed.
 */
export function benchPor(log: (line: string) => void = () => {}): { rows: PorRow[] } {
  const rows: PorRow[] = [];
  for (const preset of ['claims-1-9', 'claims-10-11']) {
    for (const props of [[], ...['INV-BUS', 'INV-NO-LOSS', 'INV-ONE-DOWN', 'INV-TRAFFIC-PATH'].map((p) => [p])]) {
      const run = (por: boolean) => check({ topology: PRESETS[preset]!, mutant: null, faults: FIVE, properties: props, liveness: false, audit: false, por });
      const off = run(false);
      const on = run(true);
      const row = { topology: preset, faults: 'five (all but FAULT-USER-CONFIG)', properties: props.length ? props.join(',') : 'all INV-*', statesWithout: off.states, statesWith: on.states, factor: off.states / on.states, note: on.por.note };
      log(`  ${row.topology} ${row.properties}: ${row.statesWithout} -> ${row.statesWith} (x${row.factor.toFixed(2)})`);
      rows.push(row);
    }
  }
  return { rows };
}

/** The rows as a markdown table. */
export function porTable(r: { rows: readonly PorRow[] }): string {
  return [
    '| topology | faults | properties | states without | states with | factor | what the reduction said |',
    '| --- | --- | --- | ---: | ---: | ---: | --- |',
    ...r.rows.map((x) => `| ${x.topology} | ${x.faults} | ${x.properties} | ${x.statesWithout.toLocaleString('en-US')} | ${x.statesWith.toLocaleString('en-US')} | ${x.factor.toFixed(2)} | ${x.note} |`),
  ].join('\n');
}
