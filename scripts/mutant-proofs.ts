/**
 * Writes bench/results/mutant-proofs.json: every design mutant checked
 * exhaustively against every INV-* and LIVE-* alone on every preset (caught,
 * with the shortest counterexample, or proven unreachable, with the states
 * searched). `hotup list`, docs/spec.md and docs/claims.md render their mutant
 * table from it; run `npm run proofs` then `npm run docs` after changing a
 * machine, a property or a mutant.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROOFS_FILE, proveAll } from '../src/report/mutant-proofs.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const t0 = performance.now();
const proofs = proveAll((p) =>
  process.stderr.write(`${p.mutant} ${p.property} ${p.topology}: ${p.verdict === 'caught' ? `caught (${p.length} steps)` : `unreachable (${p.states} states)`}\n`),
);
const file = join(root, PROOFS_FILE);
// Written whole, then renamed: an interrupted run leaves the committed file as it was.
writeFileSync(`${file}.tmp`, `${JSON.stringify(proofs, null, 1)}\n`);
renameSync(`${file}.tmp`, file);
process.stdout.write(`wrote ${PROOFS_FILE}: ${proofs.proofs.length} proofs in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
