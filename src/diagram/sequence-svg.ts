import type { Violation } from '../../properties/property.js';
import type { TraceStep } from '../trace/trace.js';
import type { Topology } from '../topology/topology.js';
import { sequenceModel, type SequenceModel } from './sequence-model.js';

/** Monospace text, so that a label's width is its length times one advance. */
const FONT = 11;
const ADVANCE = 6.7;
const MIN_GAP = 96;
const HEAD_H = 30;
const ROW_H = 22;
const STEP_H = 20;
const SELF_W = 26;

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const textWidth = (s: string): number => s.length * ADVANCE;

/** x of each lifeline: neighbours stand far enough apart for the widest label between them. */
function columns(model: SequenceModel): number[] {
  const index = new Map(model.lifelines.map((l, i) => [l.id, i]));
  const head = model.lifelines.map((l) => textWidth(l.title) + 14);
  const gaps = head.slice(1).map((w, i) => Math.max(MIN_GAP, (w + head[i]!) / 2 + 10));
  for (const r of model.rows) {
    if (r.kind !== 'message') continue;
    const a = index.get(r.from)!;
    const b = index.get(r.to)!;
    const lo = Math.min(a, b);
    const n = Math.abs(a - b);
    if (n === 0) continue;
    // Spread the label over the gaps it crosses.
    const need = (textWidth(r.label) + 16) / n;
    for (let g = lo; g < lo + n; g++) gaps[g] = Math.max(gaps[g]!, need);
  }
  const first = head[0]! / 2 + 8;
  const xs = [first];
  for (const g of gaps) xs.push(xs[xs.length - 1]! + g);
  return xs.map((x) => Math.round(x));
}

/** The chart's width for lifelines at `xs`. */
const chartWidth = (model: SequenceModel, xs: readonly number[]): number =>
  xs[xs.length - 1]! + (textWidth(model.lifelines[model.lifelines.length - 1]!.title) + 14) / 2 + SELF_W + 8;

/** The participants' heading boxes, one per lifeline, in a `<g class="heads">`. */
function headings(model: SequenceModel, xs: readonly number[]): string {
  const heads = model.lifelines.map((l, i) => {
    const w = textWidth(l.title) + 14;
    const cx = xs[i]!;
    return [
      `<rect class="head" x="${cx - w / 2}" y="6" width="${w}" height="${HEAD_H - 6}" rx="4"/>`,
      `<text class="title" x="${cx}" y="${6 + (HEAD_H - 6) / 2 + 4}" text-anchor="middle">${xml(l.title)}</text>`,
    ].join('\n');
  });
  return `<g class="heads">\n${heads.join('\n')}\n</g>`;
}

const svgOpen = (cls: string, width: number, height: number): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" class="${cls}" width="${Math.ceil(width)}" height="${height}" viewBox="0 0 ${Math.ceil(width)} ${height}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="${FONT}">`;
const HEAD_STYLE = '.head{fill:#ddf4ff;stroke:#54aeff}.title{fill:#0a3069}';

/**
 * Only the participants' headings of a chart, as wide as the chart: a page
 * keeps it in view (sticky) above the chart while the steps scroll.
 */
export function sequenceHeadsSvgOf(model: SequenceModel): string {
  const xs = columns(model);
  return [svgOpen('sequence-heads', chartWidth(model, xs), HEAD_H + 4), `<style>${HEAD_STYLE}</style>`, '<rect width="100%" height="100%" fill="#ffffff"/>', headings(model, xs), '</svg>', ''].join('\n');
}

/**
 * A sequence model as a self-contained SVG: lifeline headings, one arrow per
 * message with its label, a band per step and a red band for the violation.
 * Each step is a `<g class="step" data-step="n">`, so a page can highlight it.
 */
export function sequenceSvgOf(model: SequenceModel): string {
  const xs = columns(model);
  const x = new Map(model.lifelines.map((l, i) => [l.id, xs[i]!]));
  const width = chartWidth(model, xs);
  const body: string[] = [];
  let y = HEAD_H + 16;
  let open = false;
  const close = (): void => {
    if (open) body.push('</g>');
    open = false;
  };
  for (const r of model.rows) {
    if (r.kind === 'step') {
      close();
      body.push(`<g class="step" id="step-${r.step}" data-step="${r.step}">`);
      open = true;
      body.push(`<rect class="band" x="4" y="${y}" width="${width - 8}" height="${STEP_H - 4}" rx="3"/>`);
      body.push(`<text class="heading" x="10" y="${y + STEP_H - 8}">${xml(r.text)}</text>`);
      y += STEP_H;
    } else if (r.kind === 'message') {
      const x1 = x.get(r.from)!;
      const x2 = x.get(r.to)!;
      const cls = r.label.startsWith('DROPPED') || r.label.startsWith('OOPS') ? 'msg bad' : 'msg';
      if (x1 === x2) {
        body.push(`<path class="${cls}" d="M${x1},${y + 6} h${SELF_W} v10 h${-SELF_W}" marker-end="url(#arrow)"/>`);
        body.push(`<text class="label" x="${x1 + SELF_W + 4}" y="${y + 14}">${xml(r.label)}</text>`);
      } else {
        body.push(`<line class="${cls}" x1="${x1}" y1="${y + 14}" x2="${x2}" y2="${y + 14}" marker-end="url(#arrow)"/>`);
        body.push(`<text class="label" x="${(x1 + x2) / 2}" y="${y + 10}" text-anchor="middle">${xml(r.label)}</text>`);
      }
      y += ROW_H;
    } else {
      close();
      const h = STEP_H + 4;
      body.push(`<g class="violation"><rect x="4" y="${y + 4}" width="${width - 8}" height="${h}" rx="3"/>`);
      body.push(`<text x="10" y="${y + h - 4}">${xml(r.text)}</text></g>`);
      y += h + 8;
    }
  }
  close();
  const height = y + 12;
  const lifelines = xs.map((cx) => `<line class="lifeline" x1="${cx}" y1="${HEAD_H + 6}" x2="${cx}" y2="${height - 6}"/>`);
  return [
    svgOpen('sequence', width, height),
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#24292f"/></marker></defs>',
    '<style>',
    `.lifeline{stroke:#8c959f;stroke-dasharray:4 3}${HEAD_STYLE}`,
    '.band{fill:#f6f8fa;stroke:none}.heading{fill:#57606a;font-weight:bold}.msg{stroke:#24292f;fill:none}.label{fill:#24292f}',
    '.bad{stroke:#cf222e}.violation rect{fill:#ffebe9;stroke:#cf222e}.violation text{fill:#82071e;font-weight:bold}',
    '.step.current .band{fill:#fff8c5}',
    '</style>',
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...lifelines,
    headings(model, xs),
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/** A counterexample (or any run) as an SVG sequence chart; see `sequenceDiagram` for the Mermaid text. */
export function sequenceSvg(topology: Topology, steps: readonly TraceStep[], violation: Violation | null): string {
  return sequenceSvgOf(sequenceModel(topology, steps, violation));
}

/** The headings of a run's sequence chart alone (see `sequenceHeadsSvgOf`). */
export function sequenceHeadsSvg(topology: Topology, steps: readonly TraceStep[], violation: Violation | null): string {
  return sequenceHeadsSvgOf(sequenceModel(topology, steps, violation));
}
