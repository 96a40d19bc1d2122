import fc from 'fast-check';
import { FAULTS } from '../../src/model/faults.js';
import { MUTANTS } from '../../src/mutants.js';
import { PROPERTY_IDS } from '../../properties/index.js';

/** Values a careless or hostile file puts where a field goes. */
export const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  {
    weight: 4,
    arbitrary: fc.constantFrom<unknown>(
      null, true, -1, 0, 1, 2, 3, 9, 1.5, 2 ** 53, -0, '', ' ', 'N1', 'N9', 'N0', 'C1', 'C9', 'S1', 'claims-1-9', 'all', 'none', 'x'.repeat(300),
      [], {}, [null], { '#bigint': 'x' }, { '#bigint': { toString: 1 } }, { '#bigint': '99999999999999999999' }, { '#map': [null] }, { '#map': 'x' },
      { '#map': [[{}, 1]] }, { '#set': 5 }, { '#tup': [1, 2] }, { tag: 'Some', value: null }, { tag: 'None' }, { '#unserializable': 'x' },
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer({ min: 70, max: 400 }).map((d) => nested(d)) },
  { weight: 1, arbitrary: fc.constantFrom(20_000, 200_000).map((n) => 'é'.repeat(n)) },
);

/** An array nested `depth` levels deep (built without recursion). */
export function nested(depth: number): unknown {
  let v: unknown = 0;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/** One edit to a JSON value: where (a walk of indices into keys/items), what, with what. */
export interface JsonEdit {
  readonly walk: readonly number[];
  readonly op: 'replace' | 'delete' | 'add' | 'wrap';
  readonly key: string;
  readonly value: unknown;
}

export const jsonEdit: fc.Arbitrary<JsonEdit> = fc.record({
  walk: fc.array(fc.nat(50), { maxLength: 5 }),
  op: fc.constantFrom('replace', 'delete', 'add', 'wrap'),
  key: fc.oneof(fc.constantFrom('colour', 'x-vendor', 'seq', 'event', 'netdev', 'flow', 'mtu', 'name', 'bond', 'faults', '#meta', '__proto__'), fc.string({ maxLength: 6 })),
  value: weirdValue,
});

/** Applies edits to a deep copy of `value` (a walk stops where the value stops being a container). */
export function applyEdits(value: unknown, edits: readonly JsonEdit[]): unknown {
  let root: unknown = structuredClone(value);
  for (const e of edits) {
    let parent: Record<string, unknown> | unknown[] | null = null;
    let key: string | number | null = null;
    let cur = root;
    for (const i of e.walk) {
      if (cur === null || typeof cur !== 'object') break;
      const keys = Array.isArray(cur) ? cur.map((_, n) => n) : Object.keys(cur);
      if (keys.length === 0) break;
      parent = cur as Record<string, unknown>;
      key = keys[i % keys.length]!;
      cur = (cur as Record<string | number, unknown>)[key];
    }
    const set = (v: unknown): void => {
      if (parent === null) root = v;
      else (parent as Record<string | number, unknown>)[key!] = v;
    };
    if (e.op === 'replace') set(e.value);
    else if (e.op === 'wrap') set([cur]);
    else if (e.op === 'delete') {
      if (parent === null) root = undefined;
      else if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Record<string, unknown>)[key as string];
    } else if (cur !== null && typeof cur === 'object' && !Array.isArray(cur)) Object.defineProperty(cur, e.key, { value: e.value, enumerable: true, writable: true, configurable: true });
    else set(e.value);
  }
  return root;
}

/** Edits of JSON text that no value can express: a byte-order mark, a repeated key, 1e309, a cut, deep nesting, a long line. */
export type TextEdit =
  | { readonly kind: 'none' }
  | { readonly kind: 'bom' }
  | { readonly kind: 'duplicate-key' }
  | { readonly kind: 'huge-number' }
  | { readonly kind: 'cut'; readonly at: number }
  | { readonly kind: 'deep'; readonly depth: number }
  | { readonly kind: 'garbage'; readonly at: number; readonly text: string }
  | { readonly kind: 'crlf' };

export const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'none' } as const) },
  { weight: 1, arbitrary: fc.constant({ kind: 'bom' } as const) },
  { weight: 1, arbitrary: fc.constant({ kind: 'duplicate-key' } as const) },
  { weight: 1, arbitrary: fc.constant({ kind: 'huge-number' } as const) },
  { weight: 1, arbitrary: fc.constant({ kind: 'crlf' } as const) },
  { weight: 1, arbitrary: fc.nat(5000).map((at) => ({ kind: 'cut', at }) as const) },
  { weight: 1, arbitrary: fc.constantFrom(100, 5000, 200_000).map((depth) => ({ kind: 'deep', depth }) as const) },
  { weight: 1, arbitrary: fc.record({ at: fc.nat(5000), text: fc.string({ maxLength: 4 }) }).map((g) => ({ kind: 'garbage', ...g }) as const) },
);

/** Applies a text edit to one JSON text (one line, or a whole document). */
export function applyTextEdit(text: string, e: TextEdit): string {
  switch (e.kind) {
    case 'none':
      return text;
    case 'bom':
      return `\uFEFF${text}`;
    case 'crlf':
      return text.replace(/\n/g, '\r\n');
    case 'duplicate-key': {
      const m = /\{"([^"]+)":([^,{}[\]]+)/.exec(text);
      return m ? text.replace(m[0], `${m[0]},"${m[1]}":${m[2]}`) : text;
    }
    case 'huge-number':
      return /:[0-9]+/.test(text) ? text.replace(/:[0-9]+/, ':1e309') : text;
    case 'cut':
      return text.slice(0, e.at % (text.length + 1));
    case 'deep': {
      const i = text.indexOf(':');
      return i < 0 ? '['.repeat(e.depth) + ']'.repeat(e.depth) : `${text.slice(0, i + 1)}${'['.repeat(e.depth)}${']'.repeat(e.depth)},"x-deep":${text.slice(i + 1)}`;
    }
    case 'garbage': {
      const at = e.at % (text.length + 1);
      return text.slice(0, at) + e.text + text.slice(at);
    }
  }
}

const nameN = (i: number) => `N${i + 1}`;
const nameC = (k: number) => `C${k + 1}`;

/** A topology in the file form, most often valid (so edits land near the edge of validity). */
export const topologyJson: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    children: fc.integer({ min: 1, max: 4 }),
    extra: fc.array(fc.nat(3), { maxLength: 4 }),
    mode: fc.constantFrom('active-backup', 'balance-xor'),
    primary: fc.option(fc.nat(5), { nil: undefined }),
    reselect: fc.option(fc.constantFrom('always', 'better', 'failure'), { nil: undefined }),
    downdelay: fc.option(fc.nat(3), { nil: undefined }),
    updelay: fc.option(fc.nat(3), { nil: undefined }),
    channel: fc.option(fc.constantFrom('netlink', 'chardev'), { nil: undefined }),
    maxInFlight: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    flows: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    name: fc.option(fc.oneof(fc.constantFrom('claims-1-9', 'claims-10-11', 'my topo; rm -rf x', "it's"), fc.string({ minLength: 1, maxLength: 10 })), { nil: undefined }),
  })
  .map((t) => {
    const owners = [...Array.from({ length: t.children }, (_, k) => k), ...t.extra.map((k) => k % t.children)];
    const binding = Object.fromEntries(owners.map((k, i) => [nameN(i), nameC(k)]));
    const bond: Record<string, unknown> = { mode: t.mode };
    if (t.mode === 'active-backup' && t.primary !== undefined) bond.primary = nameN(t.primary % owners.length);
    if (t.reselect !== undefined) bond.primary_reselect = t.reselect;
    if (t.downdelay !== undefined) bond.downdelay = t.downdelay;
    if (t.updelay !== undefined) bond.updelay = t.updelay;
    const out: Record<string, unknown> = { children: t.children, binding, bond };
    if (t.name !== undefined) out.name = t.name;
    if (t.channel !== undefined) out.channel = t.channel;
    if (t.maxInFlight !== undefined) out.max_in_flight = t.maxInFlight;
    if (t.flows !== undefined) out.flows = t.flows;
    return out;
  });

/** A topology file's text: a topology, perhaps edited as a value, then perhaps as text. */
export const topologyText: fc.Arbitrary<string> = fc
  .tuple(topologyJson, fc.array(jsonEdit, { maxLength: 2 }), textEdit)
  .map(([t, edits, te]) => applyTextEdit(JSON.stringify(applyEdits(t, edits)) ?? '', te));

/** A JSON Lines trace from base lines: some lines edited as values or text, perhaps dropped or repeated. */
export const traceLines = (base: readonly string[]): fc.Arbitrary<string> =>
  fc
    .record({
      edits: fc.array(fc.record({ line: fc.nat(), edits: fc.array(jsonEdit, { minLength: 1, maxLength: 2 }) }), { maxLength: 2 }),
      text: fc.record({ line: fc.nat(), edit: textEdit }),
      drop: fc.option(fc.nat(), { nil: undefined }),
      keep: fc.integer({ min: 1, max: base.length }),
    })
    .map(({ edits, text, drop, keep }) => {
      const lines = base.slice(0, keep).map((l) => l);
      for (const e of edits) {
        const i = e.line % lines.length;
        lines[i] = JSON.stringify(applyEdits(JSON.parse(lines[i]!), e.edits)) ?? '';
      }
      const t = text.line % lines.length;
      lines[t] = applyTextEdit(lines[t]!, text.edit);
      if (drop !== undefined && lines.length > 1) lines.splice(drop % lines.length, 1);
      return `${lines.join('\n')}\n`;
    });

/** An ITF document from a base document, edited as a value and perhaps as text. */
export const itfText = (base: unknown): fc.Arbitrary<string> =>
  fc.tuple(fc.array(jsonEdit, { minLength: 1, maxLength: 3 }), textEdit).map(([edits, te]) => applyTextEdit(JSON.stringify(applyEdits(base, edits)) ?? '', te));

/** An events file (what check --out writes) from a base, edited. */
export const eventsText = (base: unknown): fc.Arbitrary<string> =>
  fc.tuple(fc.array(jsonEdit, { maxLength: 3 }), textEdit).map(([edits, te]) => applyTextEdit(JSON.stringify(applyEdits(base, edits)) ?? '', te));

/** A flag value: the usual, the edge, and the hostile; a valid count is at most 3, so every run stays cheap. */
const numberWord = fc
  .oneof(
    fc.constantFrom('1', '2', '3'),
    fc.constantFrom('0', '-1', '', ' ', '1.5', '1e3', 'ten', '0x10', '99999999999999999999', '10000001', '2147483648', '+1', ' 2', '\u0663'),
    fc.string({ maxLength: 5 }),
  )
  .map((v) => (/^[0-9]+$/.test(v) && Number(v) > 3 && Number(v) <= 10_000_000 ? '3' : v));
const listWord = (ids: readonly string[]) =>
  fc.oneof(
    fc.subarray([...ids], { minLength: 1 }).map((a) => a.join(',')),
    fc.constantFrom('', ',', 'all', 'none', 'all,none', 'x'.repeat(100_000), `${ids[0]},,${ids[0]}`, ` ${ids[0]} `),
    fc.string({ maxLength: 8 }),
  );
const topologyWord = fc.oneof(
  fc.constantFrom('claims-1-9', 'claims-10-11', 'claims-10-11-xor', 'claims-10-11-primary', 'claims-13', '', 'x.json', '/', '/dev/null.json', '/proc/self/status.json', 'CLAIMS-1-9', 'n'.repeat(50_000)),
  fc.string({ maxLength: 8 }),
);
const mutantWord = fc.oneof(fc.constantFrom(...MUTANTS.map((m) => m.id)), fc.constantFrom('', 'MUT-', 'mut-prior-art', 'M'.repeat(100_000)), fc.string({ maxLength: 8 }));
/** Stray words; never '-' alone, which would read this process's standard input. */
const anyWord = fc.oneof(fc.string({ maxLength: 10 }).filter((w) => w !== '-'), fc.constantFrom('--', '-x', '--help', '--version', '--json', '=', '\u0000'));

/** The flags of each command with values to draw from (output paths are their own category). */
const FLAGS: Record<string, Record<string, fc.Arbitrary<string> | null>> = {
  explore: { '--topology': topologyWord, '--runs': numberWord, '--steps': numberWord, '--seed': numberWord, '--mutant': mutantWord, '--faults': listWord(FAULTS), '--property': listWord(PROPERTY_IDS), '--json': null },
  replay: {
    '--topology': topologyWord, '--runs': numberWord, '--steps': numberWord, '--seed': numberWord, '--mutant': mutantWord, '--faults': listWord(FAULTS), '--property': listWord(PROPERTY_IDS), '--json': null,
    '--path': fc.oneof(fc.constantFrom('0:2:2:2:1:1', 'abc', '', '0', '1:'), fc.string({ maxLength: 8 })),
    '--commands-path': fc.oneof(fc.constantFrom('FCAAARO:VB', '', 'x', ':', 'A:'), fc.string({ maxLength: 8 })),
  },
  report: { '--topology': topologyWord, '--runs': numberWord, '--steps': numberWord, '--seed': numberWord, '--mutant': mutantWord, '--faults': listWord(FAULTS), '--property': listWord(PROPERTY_IDS) },
  check: {
    '--topology': fc.constantFrom('claims-1-9', 'nowhere', ''), '--mutant': mutantWord, '--faults': fc.oneof(fc.constantFrom('none', ...FAULTS), fc.constantFrom('', ',', 'all,none', 'FAULT-X'), fc.string({ maxLength: 8 })),
    '--user-changes': fc.oneof(numberWord, fc.constantFrom('unbounded', 'UNBOUNDED', '10000')), '--property': listWord(PROPERTY_IDS),
    '--max-states': fc.oneof(fc.constantFrom('1', '50', '300'), numberWord), '--max-seconds': numberWord, '--no-liveness': null, '--symmetry': null, '--json': null,
  },
  conform: { '--topology': topologyWord, '--mutant': mutantWord, '--format': fc.constantFrom('auto', 'jsonl', 'itf', 'xml', ''), '--max-internal': numberWord, '--max-candidates': numberWord, '--no-diagnose': null, '--json': null },
  import: { '--format': fc.constantFrom('auto', 'dmesg', 'kmsg', 'ftrace', 'x', ''), '--topology': topologyWord, '--names': fc.oneof(fc.constantFrom('eth0=N1', 'eth0=N9', '=', 'eth0', 'a=N1,a=N2', ''), fc.string({ maxLength: 8 })), '--records': listWord(['carrier.off', 'tool.*']), '--verbose': null },
  'replay-events': { '--json': null },
  list: { '--json': null },
  compare: { '--topology': topologyWord },
};

/** Files a command line may name as its argument: real ones, and ones that are not there. */
export interface ArgumentFiles {
  readonly trace: string;
  readonly itf: string;
  readonly log: string;
  readonly events: string;
  readonly missing: string;
}

/** Budgets that keep every run cheap, put before the drawn flags (a drawn valid value is at most 3, or fixed small). */
const CHEAP: Record<string, string[]> = {
  explore: ['--runs', '1', '--steps', '5'],
  replay: ['--runs', '1', '--steps', '5'],
  report: ['--runs', '1', '--steps', '3'],
  check: ['--topology', 'claims-1-9', '--faults', 'none', '--max-states', '300'],
  conform: ['--no-diagnose'],
};

/** Every command, the often-refused ones more often (the slow ones are checked fewer times). */
export const COMMANDS = ['explore', 'explore', 'explore', 'replay', 'replay', 'check', 'check', 'conform', 'conform', 'import', 'import', 'replay-events', 'list', 'report', 'compare'];

/**
 * One command line: a command, cheap budgets, some of its flags with drawn
 * values (separate or glued with =), an argument file for the commands that
 * take one, and perhaps a stray word. `out` is where --out goes.
 */
export const commandLine = (files: ArgumentFiles, out: string): fc.Arbitrary<string[]> =>
  fc
    .constantFrom(...COMMANDS)
    .chain((cmd) =>
      fc.tuple(
        fc.constant(cmd),
        fc.array(fc.tuple(fc.constantFrom(...Object.keys(FLAGS[cmd]!), '--unknown-flag'), fc.boolean()), { maxLength: 4 }),
        fc.array(anyWord, { maxLength: 1 }),
        fc.constantFrom(files.trace, files.itf, files.log, files.events, files.missing),
      ),
    )
    .chain(([cmd, picks, stray, file]) =>
      fc.tuple(fc.constant(cmd), fc.constant(picks), fc.tuple(...picks.map(([flag]) => FLAGS[cmd]![flag] ?? fc.constant(null))), fc.constant(stray), fc.constant(file)),
    )
    .map(([cmd, picks, values, stray, file]) => {
      const args: string[] = [cmd, ...(CHEAP[cmd] ?? [])];
      if (cmd === 'report') args.push('--out', out);
      if (cmd === 'check') args.push('--out', out);
      if (cmd === 'conform' || cmd === 'import' || cmd === 'replay-events') args.push(file);
      picks.forEach(([flag, glued], i) => {
        const v = values[i] as string | null;
        if (v === null || flag === '--unknown-flag') args.push(flag);
        else if (glued) args.push(`${flag}=${v}`);
        else args.push(flag, v);
      });
      return [...args, ...stray];
    });
