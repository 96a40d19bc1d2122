import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { benchCheck, checkTables } from './check.js';
import { benchConform, conformLine } from './conform.js';
import { benchExplore, exploreTables } from './explore.js';
import { benchSwarm, swarmTables } from './swarm.js';
import { benchPor, porTable } from './por.js';
import { writePerformanceDoc } from './performance-doc.js';
import { hugePagesAsked } from '../src/cli/huge-pages.js';
import { benchSeries } from './series.js';
import { seriesTable } from './series-table.js';
import { benchWorkers, workersTable } from './workers.js';
import { benchComplete, completeTable } from './complete.js';

/** Writes a file atomically, so an interrupted run leaves nothing half-written. */
function writeAtomic(file: string, text: string): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

/** Writes a result as bench/results/NAME.json and its readable table as NAME.md. */
export function writeResult(name: string, data: unknown, table: string): string {
  const dir = join(import.meta.dirname, 'results');
  const file = join(dir, `${name}.json`);
  writeAtomic(file, `${JSON.stringify(data, null, 2)}\n`);
  writeAtomic(join(dir, `${name}.md`), `# bench/results/${name}.json\n\nWritten by \`npm run bench\`; do not edit by hand.\n\n\`\`\`\n${table}\n\`\`\`\n`);
  return file;
}

const PARTS = ['explore', 'conform', 'check', 'complete', 'swarm', 'workers', 'series', 'por'] as const;

const program = new Command('bench')
  .description('measure exploration, trace conformance and exhaustive checking; writes bench/results/*.json and *.md')
  .addOption(
    new Option('--only <parts>', `comma-separated parts to run: ${PARTS.join(', ')} (complete, searches run to their end for up to an hour each, runs only when named)`).default(PARTS.filter((p) => p !== 'complete'), 'all but complete').argParser((v) => {
      const parts = v.split(',').map((x) => x.trim());
      for (const p of parts) if (!(PARTS as readonly string[]).includes(p)) throw new InvalidArgumentError(`unknown part '${p}'; use ${PARTS.join(', ')}`);
      return parts;
    }),
  )
  .addOption(
    new Option('--check-budget <seconds>', 'time budget of one exhaustive search in the check series').default(60).argParser((v) => {
      const n = Number(v);
      if (!/^[0-9]+$/.test(v) || n < 1) throw new InvalidArgumentError(`--check-budget takes a whole number of seconds, 1 or more, got '${v}'`);
      return n;
    }),
  )
  .addOption(
    new Option('--workers-max-states <n>', 'states of claims-10-11 in the workers series (its first n in breadth-first order)').default(2_000_000).argParser((v) => {
      const n = Number(v);
      if (!/^[0-9]+$/.test(v) || n < 1) throw new InvalidArgumentError(`--workers-max-states takes a whole number, 1 or more, got '${v}'`);
      return n;
    }),
  )
  .parse();

const { only, checkBudget, workersMaxStates } = program.opts<{ only: string[]; checkBudget: number; workersMaxStates: number }>();
const meta = { node: process.version, platform: `${process.platform}-${process.arch}`, date: new Date().toISOString(), hugePages: hugePagesAsked() };

if (only.includes('explore')) {
  const explore = benchExplore();
  const table = exploreTables(explore);
  writeResult('explore', { ...meta, ...explore }, table);
  process.stdout.write(`${table}\n\n`);
}
if (only.includes('conform')) {
  const conform = await benchConform();
  const line = conformLine(conform);
  writeResult('conform', { ...meta, ...conform }, line);
  process.stdout.write(`${line}\n\n`);
}
if (only.includes('check')) {
  const check = benchCheck(checkBudget, (line) => process.stderr.write(`${line}\n`));
  const table = checkTables(check);
  writeResult('check', { ...meta, ...check }, table);
  writePerformanceDoc();
  process.stdout.write(`${table}\n`);
}
if (only.includes('complete')) {
  const complete = benchComplete((line) => process.stderr.write(`${line}\n`));
  const table = completeTable(complete);
  writeResult('complete', { ...meta, ...complete }, table);
  writePerformanceDoc();
  process.stdout.write(`${table}\n`);
}
if (only.includes('swarm')) {
  const swarm = benchSwarm(10, (line) => process.stderr.write(`${line}\n`));
  const table = swarmTables(swarm);
  writeResult('swarm', { ...meta, ...swarm }, table);
  process.stdout.write(`${table}\n`);
}
if (only.includes('workers')) {
  const workers = await benchWorkers(workersMaxStates, (line) => process.stderr.write(`${line}\n`));
  const table = workersTable(workers);
  writeResult('workers', { ...meta, ...workers }, table);
  writePerformanceDoc();
  process.stdout.write(`${table}\n`);
}
if (only.includes('por')) {
  const por = benchPor((line) => process.stderr.write(`${line}\n`));
  const table = porTable(por);
  writeResult('por', { ...meta, ...por }, table);
  process.stdout.write(`${table}\n`);
}
if (only.includes('series')) {
  const series = await benchSeries((line) => process.stderr.write(`${line}\n`));
  const table = seriesTable(series);
  writeResult('series', { ...meta, ...series }, table);
  writePerformanceDoc();
  process.stdout.write(`${table}\n`);
}
