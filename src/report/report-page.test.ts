import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CLAIMS_1_9 } from '../topology/presets.js';
import { buildEventsReport, buildReport } from './report-data.js';
import { check } from '../check/check.js';
import { reportHtml } from './report-html.js';

/** Debian's chromium; nothing here downloads a browser. */
const CHROMIUM = '/usr/bin/chromium';
const missing = !existsSync(CHROMIUM);
const SKIP_REASON = `${CHROMIUM} is missing: run scripts/install-chromium.sh`;
/** Kept after the run (gitignored): the page and a screenshot of it at the violation. */
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

if (missing) console.warn(`report-page.test.ts skipped: ${SKIP_REASON}`);

describe('hotup report in headless Chromium', () => {
  it.skipIf(missing)(`steps through a counterexample in ${CHROMIUM}, showing the state after each step`, async () => {
    const data = await buildReport({ topology: CLAIMS_1_9, mutant: 'MUT-NO-WAIT-FAILOVER', runs: 100, steps: 40, seed: 42, faults: [] });
    const cx = data.counterexample!;
    const last = cx.steps.length - 1;
    mkdirSync(ARTIFACTS, { recursive: true });
    const page = `${ARTIFACTS}report.html`;
    writeFileSync(page, reportHtml(data));

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      // playwright-core gives every launch a fresh temporary profile; the context is offline besides.
      const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 1000 } });
      const tab = await context.newPage();
      const fetched: string[] = [];
      const errors: string[] = [];
      tab.on('request', (r) => fetched.push(r.url()));
      tab.on('pageerror', (e) => errors.push(e.message));
      await tab.goto(`file://${page}`);
      const text = (sel: string) => tab.locator(sel).innerText();

      expect(await text('#cx-index')).toBe(`step 0 of ${last}`);
      expect(await text('#cx-caption')).toContain('booted');
      expect(await tab.locator('#cx-prev').isDisabled()).toBe(true);
      expect(await tab.locator('#cx-violation').isVisible()).toBe(false);

      await tab.click('#cx-next');
      expect(await text('#cx-index')).toBe(`step 1 of ${last}`);
      expect(await text('#cx-caption')).toBe('tool: start the rolling upgrade');
      expect(await text('#cx-state')).toContain('tool selecting');

      for (let n = 1; n < last; n++) await tab.keyboard.press('ArrowRight');
      expect(await text('#cx-index')).toBe(`step ${last} of ${last}`);
      expect(await text('#cx-caption')).toBe(cx.steps[last]!.caption);
      expect(await text('#cx-effects')).toContain('DROPPED (carrier-off)');
      expect(await text('#cx-state')).toContain('N1 ifindex 2, carrier off, ops parent');
      expect(await tab.locator('#cx-violation').isVisible()).toBe(true);
      expect(await text('#cx-violation')).toContain('INV-NO-LOSS');
      expect(await tab.locator('svg.sequence g.step.current').getAttribute('data-step')).toBe(String(last));
      expect(await tab.locator('#cx-next').isDisabled()).toBe(true);
      await tab.locator('#counterexample').evaluate((e) => e.scrollIntoView());
      await tab.screenshot({ path: `${ARTIFACTS}report.png` });

      await tab.click('#cx-prev');
      expect(await text('#cx-index')).toBe(`step ${last - 1} of ${last}`);
      expect(await text('#cx-caption')).toBe(cx.steps[last - 1]!.caption);
      expect(await tab.locator('#cx-violation').isVisible()).toBe(false);

      // The participants' headings stay in view while the chart scrolls.
      await tab.locator('.seq').evaluate((e) => {
        (e as HTMLElement).style.maxHeight = '160px';
        e.scrollTop = 400;
      });
      const [seqTop, headsTop, bodyTop] = await tab.evaluate(() => ['.seq', '.seq-heads', '.seq-body'].map((q) => document.querySelector(q)!.getBoundingClientRect().top));
      expect(headsTop).toBeCloseTo(seqTop! + 1, 0);
      expect(bodyTop).toBeLessThan(seqTop! - 100);
      expect(await tab.locator('.seq-heads text.title').first().isVisible()).toBe(true);

      expect(await text('tr[data-property="INV-NO-LOSS"]')).toContain('violated');
      expect(await tab.locator('#diagram-child .node.visited').count()).toBeGreaterThan(0);
      expect(await tab.locator('#diagram-tool .edge.visited').count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      expect(fetched.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it.skipIf(missing)("shows a check counterexample (a 'check --out' file) step by step, its loop's steps tagged fair", async () => {
    const r = check({ topology: CLAIMS_1_9, mutant: 'MUT-NO-REOPEN', faults: [], properties: ['LIVE-RESTORE'], audit: false });
    const cx = r.counterexample!;
    expect(cx.loopStart).not.toBeNull();
    const data = await buildEventsReport(
      { topology: CLAIMS_1_9, mutant: 'MUT-NO-REOPEN', faults: [], properties: ['LIVE-RESTORE'], violation: cx.violation.id, events: cx.events, loopStart: cx.loopStart },
      'cx.json',
    );
    mkdirSync(ARTIFACTS, { recursive: true });
    const page = `${ARTIFACTS}report-check.html`;
    writeFileSync(page, reportHtml(data));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const tab = await (await browser.newContext({ offline: true })).newPage();
      await tab.goto(`file://${page}`);
      const last = cx.events.length;
      expect(await tab.locator('#summary').innerText()).toContain('from hotup check');
      expect(await tab.locator('#cx-index').innerText()).toBe(`step 0 of ${last}`);
      for (let n = 0; n < last; n++) await tab.click('#cx-next');
      expect(await tab.locator('#cx-violation').innerText()).toContain(cx.violation.id);
      expect(await tab.locator('#cx-tag').innerText()).toContain('fair');
      for (let n = last; n > cx.loopStart!; n--) await tab.click('#cx-prev');
      expect(await tab.locator('#cx-tag').innerText()).not.toContain('fair');
      expect(await tab.locator('#counterexample + p').innerText()).toContain('hotup replay-events cx.json');
    } finally {
      await browser.close();
    }
  });
});
