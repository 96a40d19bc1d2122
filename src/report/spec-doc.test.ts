import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareSpecDoc, parseSpecDoc, specRegistry, type SpecRegistry } from './spec-doc.js';

// This test names no property id and no registry by name, on purpose: docs/claims.md
// credits a test to the properties it names, and this one checks the page, not the model.

const PAGE = readFileSync(new URL('../../docs/spec.md', import.meta.url), 'utf8');

/** The page without the `### id` section (up to the next heading). */
const withoutSection = (text: string, id: string): string => text.replace(new RegExp(`### ${id}\\n[\\s\\S]*?(?=\\n##)`), '');

/** The page with one `- key: value` line of the `### id` section replaced. */
const withField = (text: string, id: string, key: string, value: string): string =>
  text.replace(new RegExp(`(### ${id}\\n(?:- .*\\n)*?)- ${key}: .*\\n`), `$1- ${key}: ${value}\n`);

describe('docs/spec.md', () => {
  it('has every id of the code and no other, with the claims and mutant expectations of the code', () => {
    expect(compareSpecDoc(parseSpecDoc(PAGE), specRegistry())).toEqual([]);
  });

  it('has a section for each id, and the fields its kind needs', () => {
    const doc = parseSpecDoc(PAGE);
    const need = (id: string): string[] =>
      /^(INV|LIVE)-/.test(id) ? ['claims', 'applies', 'excused by', 'code'] : id.startsWith('FAULT-') ? ['injects'] : ['flips', 'breaks', 'also breaks', 'only on', 'cannot break'];
    for (const s of doc.sections) expect([...s.fields.keys()].sort(), s.id).toEqual(need(s.id).sort());
  });

  it('reports a section the page lost, a claim it changed and a mutant expectation it changed', () => {
    const code = specRegistry();
    const lost = code.properties[0]!.id;
    const changed = code.properties.find((p, i) => i > 0 && p.claims.length > 0)!;
    const mutant = code.mutants[0]!;
    let page = withoutSection(PAGE, lost);
    page = withField(page, changed.id, 'claims', '99');
    page = withField(page, mutant.id, 'breaks', 'none');
    expect(page).not.toBe(PAGE);
    expect(compareSpecDoc(parseSpecDoc(page), code)).toEqual([
      `${lost}: in code, no section in the doc`,
      `${changed.id}: claims in the doc 99, in code ${changed.claims.join(', ')}`,
      `${mutant.id}: breaks in the doc none, in code ${mutant.breaks.join(', ')}`,
    ]);
  });
});

describe('the comparison, on a small registry', () => {
  const code: SpecRegistry = {
    properties: [
      { id: 'INV-A', claims: [1, 2] },
      { id: 'LIVE-B', claims: [] },
    ],
    faults: ['FAULT-C'],
    mutants: [{ id: 'MUT-D', flip: { x: false }, breaks: ['INV-A'], alsoBreaks: [], onlyOn: [], cannotBreak: [] }],
  };
  const page = [
    '# spec',
    '## properties',
    '### INV-A',
    '- claims: 1, 2',
    '',
    'Text naming FAULT-C.',
    '### LIVE-B',
    '- claims: none',
    '## faults',
    '### FAULT-C',
    '- injects: `c`',
    '## mutants',
    '### MUT-D',
    '- flips: x = false',
    '- breaks: INV-A',
    '- also breaks: none',
    '- only on: none',
    '- cannot break: none',
    '',
  ].join('\n');

  it('agrees when the page says what the code says', () => {
    expect(compareSpecDoc(parseSpecDoc(page), code)).toEqual([]);
  });

  it('reports every kind of difference, both ways', () => {
    const broken = page
      .replace('### INV-A\n- claims: 1, 2\n', '### INV-E\n- claims: 1, 2\n')
      .replace('- claims: none', '- claims: 3')
      .replace('naming FAULT-C', 'naming FAULT-Z')
      .replace('- flips: x = false', '- flips: x = true')
      .replace('- breaks: INV-A', '- breaks: INV-A, LIVE-B')
      .replace('- cannot break: none\n', '')
      .replace('- only on: none', '- only on: INV-A: p1')
      .concat('### FAULT-C\n- injects: `d`\n');
    expect(compareSpecDoc(parseSpecDoc(broken), code)).toEqual([
      'FAULT-C: two sections in the doc',
      'INV-A: in code, no section in the doc',
      'INV-E: a section in the doc, not in code',
      'FAULT-Z: mentioned in the doc, not in code',
      'LIVE-B: claims in the doc 3, in code none',
      'MUT-D: flips in the doc x = true, in code x = false',
      'MUT-D: breaks in the doc INV-A, LIVE-B, in code INV-A',
      'MUT-D: cannot break in the doc (missing), in code none',
      'MUT-D: only on in the doc INV-A: p1, in code none',
    ]);
  });
});
