#!/usr/bin/env node
import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { INVARIANTS, LIVENESS } from '../../properties/index.js';
import { explore, type ExploreOptions } from '../explore/explore.js';
import { expectedIds, MUTANTS } from '../mutants.js';
import { loadProofs, mutantTableText, proofsSetting } from '../report/mutant-table.js';
import { FAULT_DESCRIPTIONS, FAULTS, type FaultId } from '../model/faults.js';
import { DEFAULT_TOPOLOGY, PRESETS } from '../topology/presets.js';
import { loadTopology } from '../topology/parse.js';
import type { Topology } from '../topology/topology.js';
import { faultsOption, intOption, mutantOption, propertiesOption, topologyOption } from './options.js';
import { exploreJson, formatExploreSummary } from './report.js';
import { writeSequenceChart } from '../diagram/sequence-files.js';
import { writeRunTrace } from '../conform/writer.js';
import { registerDiagramCommand } from './diagram-command.js';
import { registerReportCommand } from './report-command.js';
import { registerCompareCommand } from './compare-command.js';
import { registerConformCommand } from './conform-command.js';
import { registerCheckCommand } from './check-command.js';
import { registerImportCommand } from './import-command.js';

interface ExploreFlags {
  topology: Topology;
  runs: number;
  steps: number;
  seed: number;
  mutant?: string;
  faults: FaultId[];
  property?: string[];
  json?: boolean;
  path?: string;
  commandsPath?: string;
  seqOut?: string;
  traceOut?: string;
  itfOut?: string;
}

function runExplore(flags: ExploreFlags, replay: boolean): void {
  const showBar = !flags.json && !replay && process.stderr.isTTY;
  const bar = showBar
    ? new cliProgress.SingleBar(
        { format: 'exploring [{bar}] {value}/{total} runs | {duration_formatted}', stream: process.stderr, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(flags.runs, 0);
  const options: ExploreOptions = {
    topology: flags.topology,
    mutant: flags.mutant ?? null,
    runs: flags.runs,
    steps: flags.steps,
    seed: flags.seed,
    faults: flags.faults,
    coverage: !replay,
    ...(flags.property ? { properties: flags.property } : {}),
    ...(flags.path ? { path: flags.path } : {}),
    ...(flags.commandsPath !== undefined ? { commandsPath: flags.commandsPath } : {}),
    ...(bar ? { onRun: (n: number) => bar.update(Math.min(n, flags.runs)) } : {}),
  };
  const result = explore(options);
  bar?.stop();
  if (replay && !result.counterexample) {
    process.stderr.write('hotup replay: the run did not fail; check that --topology, --mutant, --steps, --faults, --property, --seed and --path are exactly as printed\n');
    process.exitCode = 2;
    return;
  }
  process.stdout.write(flags.json ? `${JSON.stringify(exploreJson(result), null, 2)}\n` : `${formatExploreSummary(result)}\n`);
  const cx = result.counterexample;
  const run = { topology: flags.topology, mutant: flags.mutant ?? null, steps: cx?.steps ?? result.lastRun, ...(cx ? { source: cx.replay } : {}) };
  if (flags.traceOut) writeRunTrace(flags.traceOut, 'jsonl', run);
  if (flags.itfOut) writeRunTrace(flags.itfOut, 'itf', run);
  if (flags.seqOut && cx) process.stderr.write(`sequence chart: ${writeSequenceChart(flags.seqOut, flags.topology, cx.steps, cx.violation).join(', ')}\n`);
  process.exitCode = result.counterexample ? 1 : 0;
}

function exploreOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--topology <name|file>', 'a preset (hotup list) or a JSON topology file').default(loadTopology(DEFAULT_TOPOLOGY), DEFAULT_TOPOLOGY).argParser(topologyOption))
    .addOption(new Option('--runs <n>', 'number of random runs').default(100).argParser(intOption('--runs', 1, 10_000_000)))
    .addOption(new Option('--steps <n>', 'random steps per run (the fair steps that check liveness come on top)').default(40).argParser(intOption('--steps', 1, 100_000)))
    .addOption(new Option('--seed <n>', 'fast-check seed').default(42).argParser(intOption('--seed', 0, 2 ** 31 - 1)))
    .addOption(new Option('--mutant <id>', 'explore a broken design (MUT-*)').argParser(mutantOption))
    .addOption(new Option('--faults <list>', "faults to inject: 'all', 'none' or FAULT-* ids").default([...FAULTS], 'all').argParser(faultsOption))
    .addOption(new Option('--property <ids>', 'check only these INV-*/LIVE-* ids (comma-separated)').argParser(propertiesOption))
    .option('--json', 'print the result as JSON')
    .option('--trace-out <file>', 'write the counterexample (or the last run) as a hotup trace (JSON Lines, docs/trace-format.md)')
    .option('--itf-out <file>', 'write the counterexample (or the last run) as an ITF trace (Quint, Apalache)')
    .option('--seq-out <file>', 'write a counterexample as a sequence chart: <file>.mmd (Mermaid) and <file>.svg');
}

const program = new Command('hotup')
  .description('Executable specification of a kernel network-driver hot-upgrade design')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

exploreOptions(program.command('explore').description('random exploration with fast-check; exit 1 on a violation')).action((flags: ExploreFlags) =>
  runExplore(flags, false),
);

exploreOptions(program.command('replay').description('re-run a counterexample printed by explore, from its seed and path'))
  .requiredOption('--path <path>', "fast-check's replay path, as printed")
  .requiredOption('--commands-path <path>', 'which commands ran, as printed')
  .action((flags: ExploreFlags) => runExplore(flags, true));

program
  .command('list')
  .description('name the topologies, invariants, liveness properties, faults and mutants')
  .option('--json', 'print as JSON')
  .action((flags: { json?: boolean }) => {
    const data = {
      topologies: Object.values(PRESETS).map((t) => ({
        name: t.name,
        children: t.children,
        netdevs: t.netdevs,
        binding: t.binding.map((k, i) => `N${i + 1}:C${k + 1}`),
        bond: t.bond.mode,
      })),
      invariants: INVARIANTS.map((p) => ({ id: p.id, claims: p.claims, description: p.description })),
      liveness: LIVENESS.map((p) => ({ id: p.id, claims: p.claims, description: p.description })),
      faults: FAULTS.map((f) => ({ id: f, description: FAULT_DESCRIPTIONS[f] })),
      mutants: MUTANTS.map((m) => ({ id: m.id, description: m.description, breaks: expectedIds(m), onlyOn: m.onlyOn ?? {}, cannotBreak: m.cannotBreak ?? {} })),
      mutantProofs: loadProofs(),
    };
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      return;
    }
    const out: string[] = ['topologies:'];
    for (const t of data.topologies) out.push(`  ${t.name.padEnd(22)} ${t.children} children, ${t.netdevs} netdevs (${t.binding.join(' ')}), ${t.bond}`);
    out.push('invariants:');
    for (const p of data.invariants) out.push(`  ${p.id.padEnd(20)} claims ${(p.claims.join(',') || '-').padEnd(8)} ${p.description}`);
    out.push('liveness:');
    for (const p of data.liveness) out.push(`  ${p.id.padEnd(20)} claims ${(p.claims.join(',') || '-').padEnd(8)} ${p.description}`);
    out.push('faults:');
    for (const f of data.faults) out.push(`  ${f.id.padEnd(20)} ${f.description}`);
    out.push('mutants:');
    for (const m of data.mutants) out.push(`  ${m.id.padEnd(22)} ${m.description}`);
    out.push(`mutants, proven (${proofsSetting(data.mutantProofs)}):`, mutantTableText(data.mutantProofs));
    process.stdout.write(`${out.join('\n')}\n`);
  });

// Further commands: one import above and one register call here each.
registerDiagramCommand(program);
registerReportCommand(program);
registerCompareCommand(program);
registerConformCommand(program);
registerCheckCommand(program);
registerImportCommand(program);

program.parse();
