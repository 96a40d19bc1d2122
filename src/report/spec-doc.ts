import { INVARIANTS, LIVENESS } from '../../properties/index.js';
import { FAULTS } from '../model/faults.js';
import { MUTANTS } from '../mutants.js';

/** One `### ID` section of docs/spec.md: its `- key: value` lines, keys as written. */
export interface SpecSection {
  readonly id: string;
  readonly fields: ReadonlyMap<string, string>;
}

/** docs/spec.md parsed: its sections in order, and every id mentioned anywhere on the page. */
export interface SpecDoc {
  readonly sections: readonly SpecSection[];
  readonly mentioned: ReadonlySet<string>;
}

/** What the code defines: the properties with their claims, the fault ids, the mutants with their switch and expectations. */
export interface SpecRegistry {
  readonly properties: readonly { readonly id: string; readonly claims: readonly number[] }[];
  readonly faults: readonly string[];
  readonly mutants: readonly {
    readonly id: string;
    readonly flip: Readonly<Record<string, unknown>>;
    readonly breaks: readonly string[];
    readonly alsoBreaks: readonly string[];
    /** `ID: preset, preset` for each property broken on some presets only, in code order. */
    readonly onlyOn: readonly string[];
    readonly cannotBreak: readonly string[];
  }[];
}

const ID = /\b(?:INV|LIVE|FAULT|MUT)-[A-Z0-9]+(?:-[A-Z0-9]+)*\b/g;

/** Parses docs/spec.md: a `### ID` heading opens a section; the `- key: value` lines right after it are its fields. */
export function parseSpecDoc(text: string): SpecDoc {
  const sections: SpecSection[] = [];
  let open: { id: string; fields: Map<string, string>; inFields: boolean } | null = null;
  for (const line of text.split('\n')) {
    const heading = /^###\s+(\S+)\s*$/.exec(line);
    if (heading) {
      open = { id: heading[1]!, fields: new Map(), inFields: true };
      sections.push(open);
      continue;
    }
    if (/^#{1,2}\s/.test(line)) open = null;
    if (!open?.inFields) continue;
    const field = /^- ([a-z ]+):\s*(.*)$/.exec(line);
    if (field) open.fields.set(field[1]!, field[2]!.trim());
    else open.inFields = false;
  }
  return { sections, mentioned: new Set(text.match(ID) ?? []) };
}

/** The registries in code (properties/index.ts, src/model/faults.ts, src/mutants.ts) in the shape the comparison reads. */
export function specRegistry(): SpecRegistry {
  return {
    properties: [...INVARIANTS, ...LIVENESS].map((p) => ({ id: p.id, claims: p.claims })),
    faults: [...FAULTS],
    mutants: MUTANTS.map((m) => ({
      id: m.id,
      flip: m.flip,
      breaks: m.breaks,
      alsoBreaks: m.alsoBreaks ?? [],
      onlyOn: Object.entries(m.onlyOn ?? {}).map(([id, o]) => `${id}: ${o.presets.join(', ')}`),
      cannotBreak: Object.keys(m.cannotBreak ?? {}),
    })),
  };
}

/** A comma-separated list field, `none` being empty; undefined when the field is absent. */
const list = (v: string | undefined): string[] | undefined =>
  v === undefined ? undefined : v === 'none' ? [] : v.split(',').map((x) => x.trim().replace(/^`|`$/g, ''));

const same = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const show = (a: readonly unknown[] | undefined): string => (a === undefined ? '(missing)' : a.length === 0 ? 'none' : a.join(', '));

/**
 * Every difference between the page and the code, one line each (empty when
 * they agree): ids in one and not the other (headings both ways, and any id
 * mentioned in the text), duplicated headings, each property's claims, and
 * each mutant's flipped switch, `breaks`, `also breaks`, `only on` and `cannot break`.
 * Lists compare in order, as written in code.
 */
export function compareSpecDoc(doc: SpecDoc, code: SpecRegistry): string[] {
  const out: string[] = [];
  const byId = new Map<string, SpecSection>();
  for (const s of doc.sections) {
    if (byId.has(s.id)) out.push(`${s.id}: two sections in the doc`);
    byId.set(s.id, s);
  }
  const codeIds = new Set([...code.properties.map((p) => p.id), ...code.faults, ...code.mutants.map((m) => m.id)]);
  for (const id of codeIds) if (!byId.has(id)) out.push(`${id}: in code, no section in the doc`);
  for (const id of byId.keys()) if (!codeIds.has(id)) out.push(`${id}: a section in the doc, not in code`);
  for (const id of doc.mentioned) if (!codeIds.has(id) && !byId.has(id)) out.push(`${id}: mentioned in the doc, not in code`);

  for (const p of code.properties) {
    const s = byId.get(p.id);
    if (!s) continue;
    const raw = list(s.fields.get('claims'));
    const claims = raw?.map(Number);
    if (!claims || !same(claims, p.claims)) out.push(`${p.id}: claims in the doc ${show(raw)}, in code ${show(p.claims)}`);
  }
  for (const m of code.mutants) {
    const s = byId.get(m.id);
    if (!s) continue;
    const flips = Object.entries(m.flip).map(([k, v]) => `${k} = ${String(v)}`);
    const docFlips = list(s.fields.get('flips'));
    if (!docFlips || !same(docFlips, flips)) out.push(`${m.id}: flips in the doc ${show(docFlips)}, in code ${show(flips)}`);
    for (const [key, ids] of [['breaks', m.breaks], ['also breaks', m.alsoBreaks], ['cannot break', m.cannotBreak]] as const) {
      const doc = list(s.fields.get(key));
      if (!doc || !same(doc, ids)) out.push(`${m.id}: ${key} in the doc ${show(doc)}, in code ${show(ids)}`);
    }
    const raw = s.fields.get('only on');
    const onlyOn = raw === undefined ? undefined : raw === 'none' ? [] : raw.split(';').map((x) => x.trim());
    if (!onlyOn || !same(onlyOn, m.onlyOn)) out.push(`${m.id}: only on in the doc ${show(onlyOn)}, in code ${show(m.onlyOn)}`);
  }
  return out;
}
