import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { peersMarkdown } from './peers/markdown.js';
import type { SeriesBench } from './series.js';
import { seriesMarkdown } from './series-table.js';
import { workersMarkdown, type WorkersBench } from './workers.js';
import { completeMarkdown, type CompleteBench } from './complete.js';
import { aimsMarkdown } from './aims.js';
import type { CheckBench } from './check.js';

const root = join(import.meta.dirname, '..');

/** A result file of bench/results, or null when that part has not been run. */
function result<T>(name: string): T | null {
  const file = join(root, 'bench/results', `${name}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : null;
}

/** docs/performance.md as bench/results/peers.json, workers.json, series.json, complete.json and check.json render it. */
export function performanceMarkdown(): string {
  const peers = JSON.parse(readFileSync(join(root, 'bench/results/peers.json'), 'utf8')) as Parameters<typeof peersMarkdown>[0];
  const workers = result<WorkersBench>('workers');
  const series = result<SeriesBench>('series');
  const complete = result<CompleteBench>('complete');
  const check = result<CheckBench>('check');
  const aimed = [...(check?.targets ?? []), ...(complete?.rows ?? [])];
  return `${peersMarkdown(peers)}${workers ? `\n${workersMarkdown(workers)}` : ''}${series ? `\n${seriesMarkdown(series)}` : ''}${complete ? `\n${completeMarkdown(complete)}` : ''}${aimed.length ? `\n${aimsMarkdown(aimed, peers.exhaustive)}` : ''}`;
}

/** Writes docs/performance.md from the result files, atomically. */
export function writePerformanceDoc(): string {
  const doc = join(root, 'docs/performance.md');
  const md = performanceMarkdown();
  writeFileSync(`${doc}.tmp`, md);
  renameSync(`${doc}.tmp`, doc);
  return md;
}
