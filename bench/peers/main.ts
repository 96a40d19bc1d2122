import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePerformanceDoc } from '../performance-doc.js';
import { runPeers } from './run.js';

// npm run bench:peers: runs the comparisons, writes bench/results/peers.json, then the page that renders it.
const r = runPeers();
const root = join(import.meta.dirname, '..', '..');
mkdirSync(join(root, 'bench/results'), { recursive: true });
const json = join(root, 'bench/results/peers.json');
writeFileSync(`${json}.tmp`, `${JSON.stringify(r, null, 2)}\n`);
renameSync(`${json}.tmp`, json);
// The page also renders the workers and scale series (bench/workers.ts, bench/series.ts): one writer for all.
process.stdout.write(writePerformanceDoc());
