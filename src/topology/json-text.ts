/** JSON text that a hotup reader refuses before parsing it: too deep, a repeated key. */
export class JsonTextError extends Error {
  constructor(
    readonly problem: string,
    readonly fix: string,
    /** The path of the value at fault (binding.N1), when known. */
    readonly path: string | null = null,
  ) {
    super(`${problem}; ${fix}`);
    this.name = 'JsonTextError';
  }
}

/**
 * Nesting deeper than any hotup file needs. JSON.parse copes with more, but
 * the validators and printers that walk the value recurse, and a stack
 * overflow is a crash, not an answer.
 */
export const MAX_JSON_DEPTH = 64;

const BOM = '\uFEFF';

/** The text without a leading byte-order mark (editors on Windows write one; every reader accepts it). */
export const stripBom = (text: string): string => (text.startsWith(BOM) ? text.slice(1) : text);

/**
 * Scans JSON text without recursion: refuses nesting beyond `maxDepth` and an
 * object key given twice (JSON.parse keeps the last silently, so a repeated
 * binding would lose a netdev without a word). Invalid JSON passes through for
 * JSON.parse to name.
 */
export function scanJsonText(text: string, maxDepth = MAX_JSON_DEPTH): void {
  // One entry per open object or array: an object's keys so far and the key being read; an array's item count.
  const stack: ({ keys: Set<string>; expectKey: boolean; key: string } | { items: number })[] = [];
  const where = (): string =>
    stack
      .slice(0, -1)
      .map((e) => ('keys' in e ? `.${e.key.length > 40 ? `${e.key.slice(0, 40)}...` : e.key}` : `[${e.items}]`))
      .join('')
      .replace(/^\./, '');
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= maxDepth) throw new JsonTextError(`nested deeper than ${maxDepth} levels`, 'no hotup file nests that deep; check that it is the file you meant');
      stack.push(c === 0x7b ? { keys: new Set(), expectKey: true, key: '' } : { items: 0 });
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top && 'keys' in top) top.expectKey = true;
      else if (top) top.items++;
    } else if (c === 0x22 /* " */) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top && 'keys' in top && top.expectKey) {
        top.expectKey = false;
        let key: string;
        try {
          key = JSON.parse(text.slice(i, j + 1)) as string;
        } catch {
          return; // JSON.parse will name the syntax error
        }
        if (top.keys.has(key)) {
          top.key = key;
          const shown = key.length > 40 ? `${JSON.stringify(key.slice(0, 40))}...` : JSON.stringify(key);
          const at = `${where()}${where() ? '.' : ''}${key.length > 40 ? `${key.slice(0, 40)}...` : key}`;
          throw new JsonTextError(`the key ${shown} appears twice in one object (at ${at})`, 'keep one of them (JSON keeps only the last, silently)', at);
        }
        top.keys.add(key);
        top.key = key;
      }
      i = j;
    }
  }
}

/** Parses JSON text as every hotup file reader does: a byte-order mark allowed, depth bounded, no repeated key. */
export function parseJsonText(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  const body = stripBom(text);
  scanJsonText(body, maxDepth);
  return JSON.parse(body) as unknown;
}

/** Whether a parsed value nests deeper than `maxDepth` (stops looking there, so the walk itself stays shallow). */
export function tooDeep(value: unknown, maxDepth = MAX_JSON_DEPTH, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth >= maxDepth) return true;
  for (const v of Array.isArray(value) ? value : Object.values(value)) if (tooDeep(v, maxDepth, depth + 1)) return true;
  return false;
}
