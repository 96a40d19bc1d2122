import { describe, expect, it } from 'vitest';
import { PATH_LIMIT, QUOTE_LIMIT, quotePath, shortQuote } from './quote.js';

describe('quoting input in error messages', () => {
  it('keeps the start of a long value, with its length', () => {
    const long = 'a'.repeat(QUOTE_LIMIT) + 'TAIL';
    expect(shortQuote(long)).toBe(`"${'a'.repeat(QUOTE_LIMIT - 1)}... (${long.length} characters)`);
    expect(shortQuote('short')).toBe('"short"');
  });

  it('shows a path whole up to its limit, and past it keeps the end, where the file name is', () => {
    const dir = `/tmp/${'d'.repeat(80)}/runs`;
    expect(quotePath(`${dir}/member-3-of-16.json`)).toBe(JSON.stringify(`${dir}/member-3-of-16.json`));
    const deep = `/${'x'.repeat(PATH_LIMIT)}/member-3-of-16.json`;
    const q = quotePath(deep);
    expect(q).toMatch(/^"\.\.\.x+\/member-3-of-16\.json" \(1[\d,]+ characters\)$/);
    expect(q).toContain(`(${deep.length} characters)`);
    expect(quotePath('a "quoted" name.json')).toBe('"a \\"quoted\\" name.json"');
  });
});
