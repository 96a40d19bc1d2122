import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROPERTY_IDS } from '../../properties/index.js';
import { MUTANTS, presetsBreaking } from '../mutants.js';
import { PRESETS } from '../topology/presets.js';
import { PROOF_FAULTS, PROOF_USER_CHANGES, proveOne, type MutantProof } from './mutant-proofs.js';
import { loadProofs, mutantTableRows } from './mutant-table.js';

const ROOT = new URL('../../', import.meta.url);
const PROOFS = loadProofs();
const STALE = 'run `npm run proofs`, then `npm run docs`, and commit the result';
const key = (p: { mutant: string; property: string; topology: string }): string => `${p.mutant}/${p.property}/${p.topology}`;
const AT = new Map(PROOFS.proofs.map((p) => [key(p), p]));
const caughtOn = (mutant: string, property: string): string[] => PROOFS.topologies.filter((t) => AT.get(key({ mutant, property, topology: t }))?.verdict === 'caught');

/** The cells of a Markdown table whose header starts `| mutant | property | registry |`, one array per body row. */
function markdownRows(text: string): string[][] {
  const lines = text.split('\n');
  const head = lines.findIndex((l) => l.startsWith('| mutant | property | registry |'));
  expect(head, 'no mutant table').toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (let i = head + 2; i < lines.length && lines[i]!.startsWith('|'); i++) rows.push(lines[i]!.slice(2, -2).split(' | '));
  return rows;
}

/** The columns of the text table `hotup list` prints after its `mutants, proven` line. */
function textRows(out: string): string[][] {
  const lines = out.split('\n');
  const head = lines.findIndex((l) => /^ {2}mutant\s+property\s+registry/.test(l));
  expect(head, 'no mutant table in hotup list').toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (let i = head + 1; i < lines.length && /^ {2}MUT-/.test(lines[i]!); i++) rows.push(lines[i]!.trim().split(/ {2,}/));
  return rows;
}

const expected = (): string[][] => mutantTableRows(PROOFS).map((r) => [r.mutant, r.property, r.expectation, ...r.cells]);

describe('bench/results/mutant-proofs.json', () => {
  it('holds one exhaustive verdict for every mutant, property and preset, under the proof faults', () => {
    expect(PROOFS.faults).toEqual(PROOF_FAULTS);
    expect(PROOFS.userChanges).toBe(PROOF_USER_CHANGES);
    expect(PROOFS.topologies).toEqual(Object.keys(PRESETS));
    const want = MUTANTS.flatMap((m) => PROPERTY_IDS.flatMap((property) => PROOFS.topologies.map((topology) => key({ mutant: m.id, property, topology }))));
    expect(PROOFS.proofs.map(key).sort(), STALE).toEqual(want.sort());
    for (const p of PROOFS.proofs) expect(p.verdict === 'caught' ? p.length! > 0 : p.length === null && p.states > 0, key(p)).toBe(true);
  });

  it('agrees with src/mutants.ts: each property filed as broken is caught on exactly its presets, every other one on none', () => {
    const disagree: string[] = [];
    for (const m of MUTANTS) {
      for (const property of PROPERTY_IDS) {
        const want = presetsBreaking(m, property, PROOFS.topologies);
        const got = caughtOn(m.id, property);
        if (want.join() !== got.join()) disagree.push(`${m.id} ${property}: the registry says caught on [${want.join(', ')}], the proofs on [${got.join(', ')}]`);
      }
      for (const property of Object.keys(m.cannotBreak ?? {})) {
        if (m.breaks.includes(property) || m.alsoBreaks?.includes(property)) disagree.push(`${m.id} ${property}: filed both as broken and as cannot break`);
      }
      for (const [property, o] of Object.entries(m.onlyOn ?? {})) {
        if (o.presets.length === 0 || o.presets.length === PROOFS.topologies.length) disagree.push(`${m.id} ${property}: 'only on' must name some presets, not none or all`);
      }
    }
    expect(disagree).toEqual([]);
  });

  // Corrected expectations, and each mutant's first filed property on the smallest preset that catches it: searched again and compared field by field.
  const again: [string, string, string][] = [
    ...PROOFS.topologies.map((t): [string, string, string] => ['MUT-NO-LINK-CLOSE', 'INV-NO-LOSS', t]),
    ...PROOFS.topologies.map((t): [string, string, string] => ['MUT-EARLY-NOTIFY', 'INV-BOND-UP', t]),
    ...MUTANTS.map((m): [string, string, string] => [m.id, m.breaks[0]!, caughtOn(m.id, m.breaks[0]!)[0] ?? PROOFS.topologies[0]!]),
  ];
  it.each(again)('%s against %s on %s: the committed verdict is what hotup check finds now', (mutant, property, topology) => {
    const now: MutantProof = proveOne(mutant, property, topology);
    expect(AT.get(key(now)), STALE).toEqual(now);
  });
});

describe('the mutant table', () => {
  it('hotup list prints the table rendered from the proofs', () => {
    const r = spawnSync(process.execPath, ['bin/hotup.js', 'list'], { encoding: 'utf8', cwd: ROOT });
    expect(r.status).toBe(0);
    expect(textRows(r.stdout)).toEqual(expected());
  });

  it('hotup list --json carries the same table, a row per line', () => {
    const r = spawnSync(process.execPath, ['bin/hotup.js', 'list', '--json'], { encoding: 'utf8', cwd: ROOT });
    expect(r.status).toBe(0);
    const table = (JSON.parse(r.stdout) as { mutantTable: { topologies: string[]; rows: { mutant: string; property: string; expectation: string; cells: string[] }[] } }).mutantTable;
    expect(table.topologies).toEqual(PROOFS.topologies);
    expect(table.rows.map((x) => [x.mutant, x.property, x.expectation, ...x.cells])).toEqual(expected());
  });

  it.each(['docs/spec.md', 'docs/claims.md'])('%s shows the same table', (path) => {
    expect(markdownRows(readFileSync(new URL(path, ROOT), 'utf8')), `${path}: ${STALE}`).toEqual(expected());
  });

  it('shows every filed property of every mutant, the corrected ones with their presets', () => {
    const rows = expected();
    for (const m of MUTANTS) for (const p of [...m.breaks, ...(m.alsoBreaks ?? []), ...Object.keys(m.cannotBreak ?? {})]) expect(rows.some((r) => r[0] === m.id && r[1] === p), `${m.id} ${p}`).toBe(true);
    expect(rows.find((r) => r[0] === 'MUT-NO-LINK-CLOSE' && r[1] === 'INV-NO-LOSS')).toEqual([
      'MUT-NO-LINK-CLOSE',
      'INV-NO-LOSS',
      'breaks, only on claims-10-11-xor',
      ...PROOFS.topologies.map((t) => (t === 'claims-10-11-xor' ? expect.stringMatching(/^caught in \d+$/) : expect.stringMatching(/^unreachable \([\d,]+ states\)$/))),
    ]);
    expect(rows.find((r) => r[0] === 'MUT-EARLY-NOTIFY' && r[1] === 'INV-BOND-UP')!.slice(2)).toEqual(['cannot break', ...PROOFS.topologies.map(() => expect.stringMatching(/^unreachable/))]);
  });
});
