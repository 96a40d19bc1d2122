/** A DOT string literal. */
export const q = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/** A Graphviz HTML-like label (`label=<...>`), written as given. */
export interface HtmlLabel {
  readonly html: string;
}

/** Text for inside an HTML-like label. */
export const htmlText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

type Value = string | number | HtmlLabel | undefined;

/** DOT attributes `[a="x", b="y"]`, leaving out undefined ones; '' when none. */
export function attrs(a: Readonly<Record<string, Value>>): string {
  const parts = Object.entries(a)
    .filter((e): e is [string, Exclude<Value, undefined>] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? String(v) : typeof v === 'string' ? q(v) : `<${v.html}>`}`);
  return parts.length ? ` [${parts.join(', ')}]` : '';
}

/**
 * The graph, node and edge defaults every hotup diagram shares, so they look
 * alike. Text is monospaced: Graphviz sizes boxes and places labels from its
 * own estimate of each font's widths, and only a fixed-width font renders as
 * wide in every browser as estimated (a proportional one falls back to a
 * wider face where Helvetica is missing, and labels then overflow).
 */
export const DOT_DEFAULTS = [
  'graph [fontname="Courier", fontsize=12, nodesep=0.35, ranksep=0.45, labelloc=t];',
  'node [fontname="Courier", fontsize=11];',
  'edge [fontname="Courier", fontsize=9, arrowsize=0.7];',
];

/**
 * An edge label with a margin of its own: Graphviz places labels as boxes
 * exactly as big as their text, so two neighbouring labels can touch.
 */
export const paddedLabel = (html: string): HtmlLabel => ({
  html: `<table border="0" cellborder="0" cellspacing="0" cellpadding="3"><tr><td>${html}</td></tr></table>`,
});
