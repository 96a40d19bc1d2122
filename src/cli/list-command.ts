import type { Command } from 'commander';
import { INVARIANTS, LIVENESS } from '../../properties/index.js';
import { FAULT_DESCRIPTIONS, FAULTS } from '../model/faults.js';
import { expectedIds, MUTANTS } from '../mutants.js';
import { loadProofs, mutantTableRows, mutantTableText, proofsSetting } from '../report/mutant-table.js';
import { PROOFS_FILE } from '../report/mutant-proofs.js';
import { EXIT } from './exit-codes.js';
import { PRESETS } from '../topology/presets.js';
import { netdevName, type Topology } from '../topology/topology.js';

const EXAMPLES = `
Examples:
  npx hotup list
  npx hotup list --json | jq '.mutants[].id'
  npx hotup list --json --proofs | jq '.mutantProofs.proofs | length'   # every exhaustive verdict, not only the table`;

/** Everything that tells two presets apart: the bond's options, the notification channel, traffic. */
export function presetOptions(t: Topology): string {
  const b = t.bond;
  const parts: string[] = [b.mode];
  if (b.primary !== null) parts.push(`primary ${netdevName(b.primary)}, primary_reselect ${b.primaryReselect}`);
  if (b.downdelay || b.updelay) parts.push(`downdelay ${b.downdelay}, updelay ${b.updelay}`);
  parts.push(`${t.channel} notification`);
  if (t.flows > 1) parts.push(`${t.flows} flows`);
  if (t.maxInFlight > 1) parts.push(`${t.maxInFlight} transmits in flight`);
  return parts.join(', ');
}

/** `hotup list`: the presets, properties, faults and mutants by id. */
export function registerListCommand(program: Command): void {
  program
    .command('list')
    .description('name the topologies, invariants, liveness properties, faults and mutants')
    .option('--json', 'print as JSON')
    .option('--proofs', `with --json, add every exhaustive mutant verdict (${PROOFS_FILE}), not only the table`)
    .addHelpText('after', EXAMPLES)
    .action((flags: { json?: boolean; proofs?: boolean }) => {
      if (flags.proofs && !flags.json) {
        process.stderr.write('hotup list: --proofs adds the verdicts to the JSON listing; add --json (the text listing always shows the table)\n');
        process.exitCode = EXIT.BAD_INPUT;
        return;
      }
      const proofs = loadProofs();
      const data = {
        topologies: Object.values(PRESETS).map((t) => ({
          name: t.name,
          children: t.children,
          netdevs: t.netdevs,
          binding: t.binding.map((k, i) => `N${i + 1}:C${k + 1}`),
          bond: t.bond.mode,
          options: presetOptions(t),
        })),
        invariants: INVARIANTS.map((p) => ({ id: p.id, claims: p.claims, description: p.description })),
        liveness: LIVENESS.map((p) => ({ id: p.id, claims: p.claims, description: p.description })),
        faults: FAULTS.map((f) => ({ id: f, description: FAULT_DESCRIPTIONS[f] })),
        mutants: MUTANTS.map((m) => ({ id: m.id, description: m.description, breaks: expectedIds(m), onlyOn: m.onlyOn ?? {}, cannotBreak: m.cannotBreak ?? {} })),
        // The table `hotup list` prints: a row per mutant and property it is filed under or caught by, a cell per preset.
        mutantTable: { setting: proofsSetting(proofs), topologies: proofs.topologies, rows: mutantTableRows(proofs) },
      };
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(flags.proofs ? { ...data, mutantProofs: proofs } : data, null, 2)}\n`);
        return;
      }
      const out: string[] = ['topologies:'];
      for (const t of data.topologies) out.push(`  ${t.name.padEnd(22)} ${t.children} children, ${t.netdevs} netdevs (${t.binding.join(' ')}); ${t.options}`);
      out.push('invariants:');
      for (const p of data.invariants) out.push(`  ${p.id.padEnd(20)} claims ${(p.claims.join(',') || '-').padEnd(8)} ${p.description}`);
      out.push('liveness:');
      for (const p of data.liveness) out.push(`  ${p.id.padEnd(20)} claims ${(p.claims.join(',') || '-').padEnd(8)} ${p.description}`);
      out.push('faults:');
      for (const f of data.faults) out.push(`  ${f.id.padEnd(20)} ${f.description}`);
      out.push('mutants:');
      for (const m of data.mutants) out.push(`  ${m.id.padEnd(22)} ${m.description}`);
      out.push(`mutants, proven (${data.mutantTable.setting}):`, mutantTableText(proofs));
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
