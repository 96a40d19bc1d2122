import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchConform, conformLine } from './conform.js';
import { benchExplore, exploreTables } from './explore.js';

/** Writes a result file atomically, so an interrupted run leaves nothing half-written. */
export function writeResult(name: string, data: unknown): string {
  const dir = join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(data, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return file;
}

const explore = benchExplore();
const meta = { node: process.version, platform: `${process.platform}-${process.arch}`, date: new Date().toISOString() };
writeResult('explore', { ...meta, ...explore });
process.stdout.write(`${exploreTables(explore)}\n`);
const conform = await benchConform();
writeResult('conform', { ...meta, ...conform });
process.stdout.write(`\n${conformLine(conform)}\n`);
