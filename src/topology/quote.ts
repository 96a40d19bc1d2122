/** The longest part of an offending value an error message shows. */
export const QUOTE_LIMIT = 40;

/**
 * A value as an error message quotes it: JSON, cut to a short prefix with the
 * total length, so a 50 MB field never comes back whole on the terminal.
 */
export function shortQuote(value: unknown, limit = QUOTE_LIMIT): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : `a number too large to hold (${value > 0 ? '' : '-'}1e309 and beyond read as ${value > 0 ? '' : '-'}Infinity)`;
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value.length > limit * 2 ? value.slice(0, limit * 2) : value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  const total = typeof value === 'string' ? value.length : text.length;
  return text.length > limit ? `${text.slice(0, limit)}... (${total.toLocaleString('en-US')} characters)` : text;
}

/** The longest file path an error message shows whole. */
export const PATH_LIMIT = 160;

/**
 * A file path as an error message quotes it: JSON, whole up to `limit`
 * characters, else its last `limit` with the total length. A path keeps its
 * end, the file's name, which says which file; a value cut by `shortQuote`
 * keeps its start.
 */
export function quotePath(path: string, limit = PATH_LIMIT): string {
  if (path.length <= limit) return JSON.stringify(path);
  return `"...${JSON.stringify(path.slice(-limit)).slice(1)} (${path.length.toLocaleString('en-US')} characters)`;
}

/** Cuts any message part to `limit` characters (a backstop for text built from input). */
export function clip(text: string, limit = 240): string {
  return text.length > limit ? `${text.slice(0, limit)}...` : text;
}

/** A word as a POSIX shell reads it back unchanged: bare when it is safe, else in single quotes. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
