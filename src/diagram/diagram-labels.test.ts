import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTopology } from '../topology/parse.js';
import { CLAIMS_1_9, CLAIMS_10_11, PRESETS } from '../topology/presets.js';
import { explore } from '../explore/explore.js';
import { sequenceSvg } from './sequence-svg.js';
import { diagramMachines } from './diagram-files.js';
import { machineDot } from './machine-dot.js';
import { machineGraph } from './machine-graph.js';
import { renderSvg } from './render.js';
import { topologyDot } from './topology-dot.js';
import { topologyParts } from './topology-parts.js';

/** Debian's chromium (scripts/install-chromium.sh): it lays the SVG's text out with real fonts, as a reader's browser does. */
const CHROMIUM = '/usr/bin/chromium';

/** Five netdevs whose links would tempt Graphviz to reorder them. */
const FIVE = parseTopology({ name: 'five-netdevs', children: 3, binding: { N1: 'C3', N2: 'C1', N3: 'C2', N4: 'C1', N5: 'C3' } });

interface Box {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

let browser: Awaited<ReturnType<typeof chromium.launch>>;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/install-chromium.sh`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}, 30_000);

afterAll(async () => {
  await browser?.close();
});

/** Every text's box as the browser lays it out, and the picture's own box. */
async function measure(svg: string): Promise<{ svg: Box; texts: Box[] }> {
  const page = await browser.newPage();
  try {
    await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
    return await page.evaluate(() => {
      const box = (e: Element, text = '') => {
        const r = e.getBoundingClientRect();
        return { text, x: r.x, y: r.y, w: r.width, h: r.height };
      };
      const root = document.querySelector('svg')!;
      return { svg: box(root), texts: [...root.querySelectorAll('text')].filter((t) => t.textContent!.trim() !== '').map((t) => box(t, t.textContent!)) };
    });
  } finally {
    await page.close();
  }
}

/** Text boxes that stick out of the picture, and pairs of text boxes that overlap (by more than `slack` px each way). */
function problems(m: { svg: Box; texts: Box[] }, slack = 0.5): string[] {
  const out: string[] = [];
  for (const t of m.texts) {
    if (t.x < m.svg.x - slack || t.y < m.svg.y - slack || t.x + t.w > m.svg.x + m.svg.w + slack || t.y + t.h > m.svg.y + m.svg.h + slack) out.push(`clipped: "${t.text}"`);
  }
  m.texts.forEach((a, i) => {
    for (const b of m.texts.slice(i + 1)) {
      const dx = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const dy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      // Lines of one label are stacked: their boxes may share the descender's pixel row.
      if (dx > slack && dy > 2) out.push(`overlap: "${a.text}" / "${b.text}"`);
    }
  });
  return out;
}

describe('diagrams as a browser draws them', () => {
  it('no machine diagram has a label clipped by the picture or overlapping another', async () => {
    const found: string[] = [];
    for (const m of diagramMachines()) for (const p of problems(await measure(await renderSvg(machineDot(machineGraph(m)))))) found.push(`${m.id}: ${p}`);
    expect(found).toEqual([]);
  }, 60_000);

  it('no topology picture has a label clipped or overlapping, and netdevs, sub-devices and children stand in name order', async () => {
    const found: string[] = [];
    const orders: string[] = [];
    for (const t of [...Object.values(PRESETS), FIVE]) {
      const svg = await renderSvg(topologyDot(topologyParts(t)));
      const m = await measure(svg);
      for (const p of problems(m)) found.push(`${t.name}: ${p}`);
      const xOf = (label: string): number => m.texts.find((b) => b.text.startsWith(label))!.x;
      for (const [prefix, n] of [['netdev N', t.netdevs], ['child driver C', t.children], ['S', t.netdevs]] as const) {
        const xs = Array.from({ length: n }, (_, i) => xOf(`${prefix}${i + 1}${prefix === 'S' ? ' ' : ''}`));
        if (xs.some((x, i) => i > 0 && x <= xs[i - 1]!)) orders.push(`${t.name}: ${prefix}1..${n} not left to right`);
      }
    }
    expect(found).toEqual([]);
    expect(orders).toEqual([]);
  }, 60_000);

  it('no sequence chart of an example counterexample has a label clipped or overlapping', async () => {
    const found: string[] = [];
    for (const [topology, mutant] of [[CLAIMS_1_9, 'MUT-NO-WAIT-FAILOVER'], [CLAIMS_1_9, 'MUT-PARALLEL-UPGRADE'], [CLAIMS_10_11, 'MUT-NO-REOPEN'], [FIVE, 'MUT-PARALLEL-UPGRADE']] as const) {
      const cx = explore({ topology, mutant, runs: 100, steps: 40, seed: 42, faults: [] }).counterexample!;
      for (const p of problems(await measure(sequenceSvg(topology, cx.steps, cx.violation)))) found.push(`${topology.name} ${mutant}: ${p}`);
    }
    expect(found).toEqual([]);
  }, 60_000);
});
