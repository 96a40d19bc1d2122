import { instance, type Viz } from '@viz-js/viz';

let viz: Promise<Viz> | null = null;

/**
 * Renders DOT to SVG with Graphviz compiled to WebAssembly: no browser, no
 * system Graphviz, and the same bytes on every machine for the same input.
 * Throws on DOT that Graphviz rejects.
 */
export async function renderSvg(dot: string): Promise<string> {
  viz ??= instance();
  return (await viz).renderString(dot, { format: 'svg', engine: 'dot' });
}
