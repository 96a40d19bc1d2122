import { readFileSync } from 'node:fs';
import { PROPERTY_IDS } from '../../properties/index.js';
import { expectedIds, MUTANTS } from '../mutants.js';
import { PROOFS_FILE, type MutantProof, type MutantProofs } from './mutant-proofs.js';

/** The committed proofs (bench/results/mutant-proofs.json), or an error saying how to make them. */
export function loadProofs(url: URL = new URL(`../../${PROOFS_FILE}`, import.meta.url)): MutantProofs {
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch {
    throw new Error(`${PROOFS_FILE} is missing: run \`npm run proofs\` to write it`);
  }
  const data = JSON.parse(text) as MutantProofs;
  if (!Array.isArray(data.proofs) || !Array.isArray(data.topologies)) throw new Error(`${PROOFS_FILE}: no 'proofs' or 'topologies' array; run \`npm run proofs\` to write it again`);
  return data;
}

/** How the registry (src/mutants.ts) files a property of a mutant: `breaks`, `also breaks` (either with `, only on P...`), `cannot break` or `none`. */
export type Expectation = string;

/** One line of the mutant table: a mutant, a property, what the registry says, and the verdict on each preset. */
export interface MutantTableRow {
  readonly mutant: string;
  readonly property: string;
  readonly expectation: Expectation;
  /** One per topology of the proofs, in their order: `caught in N` or `unreachable (S states)`. */
  readonly cells: readonly string[];
}

const n = (x: number): string => x.toLocaleString('en-US');

/** A verdict as the tables print it. */
export const verdictCell = (p: MutantProof | undefined): string =>
  !p ? 'not checked' : p.verdict === 'caught' ? `caught in ${p.length}` : `unreachable (${n(p.states)} states)`;

function expectation(mutant: string, property: string): Expectation {
  const m = MUTANTS.find((x) => x.id === mutant);
  if (!m) return 'none';
  const only = m.onlyOn?.[property] ? `, only on ${m.onlyOn[property].presets.join(', ')}` : '';
  if (m.breaks.includes(property)) return `breaks${only}`;
  if (m.alsoBreaks?.includes(property)) return `also breaks${only}`;
  if (m.cannotBreak?.[property]) return 'cannot break';
  return 'none';
}

/**
 * The rows every rendering shows: for each mutant, each property it is filed
 * under (breaks, also breaks, cannot break) and each other property some
 * preset catches it with; the properties that hold under the mutant on every
 * preset are left out (the file has them).
 */
export function mutantTableRows(p: MutantProofs): MutantTableRow[] {
  const at = new Map(p.proofs.map((x) => [`${x.mutant}/${x.property}/${x.topology}`, x]));
  const mutants = [...new Set(p.proofs.map((x) => x.mutant))];
  const rows: MutantTableRow[] = [];
  for (const mutant of mutants) {
    const m = MUTANTS.find((x) => x.id === mutant);
    const filed = m ? [...expectedIds(m), ...Object.keys(m.cannotBreak ?? {})] : [];
    for (const property of PROPERTY_IDS) {
      const cells = p.topologies.map((t) => at.get(`${mutant}/${property}/${t}`));
      if (!filed.includes(property) && !cells.some((c) => c?.verdict === 'caught')) continue;
      rows.push({ mutant, property, expectation: expectation(mutant, property), cells: cells.map(verdictCell) });
    }
  }
  return rows;
}

/** What the proofs were run with, one sentence. */
export const proofsSetting = (p: MutantProofs): string =>
  `each mutant checked exhaustively against one property at a time on each preset (\`hotup check --topology T --mutant M --property P --faults ${p.faults.join(',')} --user-changes ${p.userChanges} --full-history\`); "caught in N": the shortest counterexample has N steps after boot; "unreachable": every reachable state searched, none breaks it (\`${p.command}\` writes ${PROOFS_FILE})`;

const esc = (s: string): string => s.replace(/\|/g, '\\|');

/** The mutant table in Markdown, as docs/spec.md and docs/claims.md show it. */
export function mutantTableMarkdown(p: MutantProofs): string {
  const out = [`| mutant | property | registry | ${p.topologies.join(' | ')} |`, `| --- | --- | --- | ${p.topologies.map(() => '---').join(' | ')} |`];
  for (const r of mutantTableRows(p)) out.push(`| ${[r.mutant, r.property, r.expectation, ...r.cells].map(esc).join(' | ')} |`);
  return out.join('\n');
}

/** The mutant table as plain columns, as `hotup list` prints it. */
export function mutantTableText(p: MutantProofs): string {
  const head = ['mutant', 'property', 'registry', ...p.topologies];
  const body = mutantTableRows(p).map((r) => [r.mutant, r.property, r.expectation, ...r.cells]);
  const width = head.map((h, j) => Math.max(h.length, ...body.map((r) => r[j]!.length)));
  return [head, ...body].map((r) => `  ${r.map((c, j) => c.padEnd(width[j]!)).join('  ').trimEnd()}`).join('\n');
}

/** Replaces what lies between the `<!-- BEGIN name ... -->` and `<!-- END name -->` lines of `text` by `body`; an error when the markers are missing. */
export function spliceGenerated(text: string, name: string, body: string): string {
  const begin = new RegExp(`^<!-- BEGIN ${name}\\b.*-->$`, 'm').exec(text);
  const end = new RegExp(`^<!-- END ${name} -->$`, 'm').exec(text);
  if (!begin || !end || end.index < begin.index) throw new Error(`no <!-- BEGIN ${name} --> ... <!-- END ${name} --> block to fill`);
  return `${text.slice(0, begin.index + begin[0].length)}\n${body}\n${text.slice(end.index)}`;
}

/** The generated block docs/spec.md carries: the setting, then the table. */
export const mutantProofsBlock = (p: MutantProofs): string => `Proofs: ${proofsSetting(p)}.\n\n${mutantTableMarkdown(p)}`;
