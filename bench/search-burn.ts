import { parentPort, workerData } from 'node:worker_threads';
import { check } from '../src/check/check.js';
import { FAULTS } from '../src/model/faults.js';
import { PRESETS } from '../src/topology/presets.js';

/** A worker thread's body: a one-worker search of a preset (every fault, one user change, INV-* only) for a few seconds; it posts the transitions it took. */
const { topology, seconds } = workerData as { topology: string; seconds: number };
parentPort!.postMessage(check({ topology: PRESETS[topology]!, mutant: null, faults: [...FAULTS], userChanges: 1, liveness: false, audit: false, maxSeconds: seconds }).transitions);
