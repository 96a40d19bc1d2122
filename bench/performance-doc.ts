import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { peersMarkdown } from './peers/run.js';
import { workersMarkdown, type WorkersBench } from './workers.js';

const root = join(import.meta.dirname, '..');

/** docs/performance.md as bench/results/peers.json and workers.json render it. */
export function performanceMarkdown(): string {
  const peers = JSON.parse(readFileSync(join(root, 'bench/results/peers.json'), 'utf8')) as Parameters<typeof peersMarkdown>[0];
  const workersFile = join(root, 'bench/results/workers.json');
  const workers = existsSync(workersFile) ? (JSON.parse(readFileSync(workersFile, 'utf8')) as WorkersBench) : null;
  return `${peersMarkdown(peers)}${workers ? `\n${workersMarkdown(workers)}` : ''}`;
}

/** Writes docs/performance.md from the result files, atomically. */
export function writePerformanceDoc(): string {
  const doc = join(root, 'docs/performance.md');
  const md = performanceMarkdown();
  writeFileSync(`${doc}.tmp`, md);
  renameSync(`${doc}.tmp`, doc);
  return md;
}
