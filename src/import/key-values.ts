import { TraceInputError } from '../conform/input-error.js';

/** One `key=value` pair of a hotup line, in the order written. */
export interface KeyValue {
  readonly key: string;
  readonly value: string;
}

const PAIR_SYNTAX = 'write space-separated key=value pairs, e.g. event=carrier.off netdev=eth0 (quote a value with spaces: report="C2 timed out")';
const KEY = /^[A-Za-z][\w.-]*$/;

/** Reads a double-quoted value starting at `i` (the opening quote): the value and the index after the closing quote. */
function quoted(text: string, i: number, where: string, key: string): { value: string; end: number } {
  let value = '';
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j]!;
    if (c === '"') return { value, end: j + 1 };
    if (c === '\\' && j + 1 < text.length) {
      value += text[++j]!;
      continue;
    }
    value += c;
  }
  throw new TraceInputError(where, key, 'the quoted value is not closed', 'end it with a double quote');
}

/**
 * Splits `event=subdev.probe child=C1 subdev=S1 result=ok` into its pairs.
 * Values run to the next space unless double-quoted (`\"` and `\\` escape).
 * A token without `=`, an empty key or a key given twice is an error naming
 * `where` (the input line).
 */
export function parseKeyValues(text: string, where: string): KeyValue[] {
  const out: KeyValue[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    const eq = text.indexOf('=', i);
    const space = text.slice(i).search(/\s/);
    const tokenEnd = space < 0 ? text.length : i + space;
    if (eq < 0 || eq > tokenEnd) {
      throw new TraceInputError(where, text.slice(i, tokenEnd), 'not a key=value pair', PAIR_SYNTAX);
    }
    const key = text.slice(i, eq);
    if (!KEY.test(key)) throw new TraceInputError(where, key || '(empty)', 'not a valid key', PAIR_SYNTAX);
    let value: string;
    if (text[eq + 1] === '"') {
      const q = quoted(text, eq + 1, where, key);
      value = q.value;
      i = q.end;
      if (i < text.length && !/\s/.test(text[i]!)) throw new TraceInputError(where, key, 'text follows the closing quote', PAIR_SYNTAX);
    } else {
      const rest = text.slice(eq + 1).search(/\s/);
      const end = rest < 0 ? text.length : eq + 1 + rest;
      value = text.slice(eq + 1, end);
      i = end;
    }
    if (out.some((p) => p.key === key)) throw new TraceInputError(where, key, 'given twice', 'give each key once');
    out.push({ key, value });
  }
  return out;
}
