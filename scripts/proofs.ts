/**
 * Writes the committed proofs docs/claims.md, docs/spec.md and `hotup list`
 * are rendered from:
 * - bench/results/mutant-proofs.json: every design mutant checked exhaustively
 *   against every INV-* and LIVE-* alone on every preset (caught, with the
 *   shortest counterexample, or proven unreachable, with the states searched);
 * - bench/results/claims-check.json: the correct design checked exhaustively on
 *   every claim topology (src/report/claims-check.ts says with which faults);
 * - bench/results/coverage-proof.json: every machine state and transition the
 *   correct design can take on each preset (src/report/coverage-proof.ts).
 * Run `npm run proofs` (or `npm run proofs -- --only mutants,claims,coverage`), then
 * `npm run docs`, after changing a machine, a property or a mutant.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLAIM_CHECKS, CLAIMS_CHECK_FILE, runClaimCheck } from '../src/report/claims-check.js';
import { PROOFS_FILE, proveAll } from '../src/report/mutant-proofs.js';
import { COVERAGE_FILE, COVERAGE_SETTINGS, proveCoverage } from '../src/report/coverage-proof.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PARTS = ['mutants', 'claims', 'coverage'] as const;
const i = process.argv.indexOf('--only');
const only = i < 0 ? [...PARTS] : (process.argv[i + 1] ?? '').split(',');
const unknown = only.filter((p) => !(PARTS as readonly string[]).includes(p));
if (unknown.length || only.length === 0) {
  process.stderr.write(`--only: unknown part '${unknown.join(',')}'; use ${PARTS.join(', ')} (comma-separated)\n`);
  process.exit(2);
}

/** Written whole, then renamed: an interrupted run leaves the committed file as it was. */
function writeJson(path: string, data: unknown): void {
  const file = join(root, path);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(data, null, 1)}\n`);
  renameSync(`${file}.tmp`, file);
}

if (only.includes('mutants')) {
  const t0 = performance.now();
  const proofs = proveAll((p) =>
    process.stderr.write(`${p.mutant} ${p.property} ${p.topology}: ${p.verdict === 'caught' ? `caught (${p.length} steps)` : `unreachable (${p.states} states)`}\n`),
  );
  writeJson(PROOFS_FILE, proofs);
  process.stdout.write(`wrote ${PROOFS_FILE}: ${proofs.proofs.length} proofs in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
}
if (only.includes('claims')) {
  const results = CLAIM_CHECKS.map((s) => {
    const r = runClaimCheck(s);
    process.stderr.write(`${r.topology}: ${r.verdict} (${r.states} states, ${r.seconds} s + ${r.livenessSeconds} s)\n`);
    return r;
  });
  writeJson(CLAIMS_CHECK_FILE, { command: 'npm run proofs', results });
  process.stdout.write(`wrote ${CLAIMS_CHECK_FILE}\n`);
}
if (only.includes('coverage')) {
  const proofs = COVERAGE_SETTINGS.map((s) => {
    const p = proveCoverage(s);
    process.stderr.write(`${p.topology}: coverage of ${p.states} states\n`);
    return p;
  });
  writeJson(COVERAGE_FILE, proofs);
  process.stdout.write(`wrote ${COVERAGE_FILE}\n`);
}
