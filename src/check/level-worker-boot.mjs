// Starts a worker of a parallel check under tsx's loader (as bin/hotup.js starts the CLI), so the worker's TypeScript runs with no build step.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
