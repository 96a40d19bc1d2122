/**
 * Writes the committed proofs docs/claims.md, docs/spec.md and `hotup list`
 * are rendered from:
 * - bench/results/mutant-proofs.json: every design mutant checked exhaustively
 *   against every INV-* and LIVE-* alone on every preset (caught, with the
 *   shortest counterexample, or proven unreachable, with the states searched);
 * - bench/results/claims-check.json: the correct design checked exhaustively on
 *   every claim topology (src/report/claims-check.ts says with which faults);
 * - bench/results/coverage-proof.json: every machine state and transition the
 *   correct design can take on each preset, with the guard outcomes and the
 *   transition pairs (src/report/coverage-proof.ts says under which faults).
 * Run `npm run proofs` (or `npm run proofs -- --only mutants,claims,coverage`), then
 * `npm run docs`, after changing a machine, a property or a mutant.
 * `--topology claims-1-9,claims-10-11` limits the coverage part to those presets;
 * each coverage setting is written to the file as soon as it is proven, so an
 * interrupted run keeps the ones it finished.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLAIM_CHECKS, CLAIMS_CHECK_FILE, runClaimCheck } from '../src/report/claims-check.js';
import { PROOFS_FILE, proveAll } from '../src/report/mutant-proofs.js';
import { COVERAGE_FILE, COVERAGE_SETTINGS, proveCoverage, settingKey, type CoverageProof } from '../src/report/coverage-proof.js';
import { PRESETS } from '../src/topology/presets.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PARTS = ['mutants', 'claims', 'coverage'] as const;
const i = process.argv.indexOf('--only');
const only = i < 0 ? [...PARTS] : (process.argv[i + 1] ?? '').split(',');
const unknown = only.filter((p) => !(PARTS as readonly string[]).includes(p));
if (unknown.length || only.length === 0) {
  process.stderr.write(`--only: unknown part '${unknown.join(',')}'; use ${PARTS.join(', ')} (comma-separated)\n`);
  process.exit(2);
}

const t = process.argv.indexOf('--topology');
const presets = t < 0 ? null : (process.argv[t + 1] ?? '').split(',');
const badPreset = presets?.filter((p) => !(p in PRESETS)) ?? [];
if (presets && (badPreset.length || presets.length === 0)) {
  process.stderr.write(`--topology: unknown preset '${badPreset.join(',')}'; use ${Object.keys(PRESETS).join(', ')} (comma-separated)\n`);
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
  const file = join(root, COVERAGE_FILE);
  const kept = new Map<string, CoverageProof>((existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CoverageProof[]) : []).map((p) => [settingKey(p), p]));
  const inOrder = (): CoverageProof[] => COVERAGE_SETTINGS.flatMap((s) => kept.get(settingKey(s)) ?? []);
  for (const s of COVERAGE_SETTINGS.filter((x) => !presets || presets.includes(x.topology))) {
    const t0 = performance.now();
    const p = proveCoverage(s);
    kept.set(settingKey(s), p);
    writeJson(COVERAGE_FILE, inOrder());
    process.stderr.write(`${p.topology} (${p.faults.length} faults): coverage of ${p.states} states in ${((performance.now() - t0) / 1000).toFixed(0)} s, written\n`);
  }
  process.stdout.write(`wrote ${COVERAGE_FILE}: ${inOrder().length} of ${COVERAGE_SETTINGS.length} settings\n`);
}
