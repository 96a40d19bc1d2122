import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../check/check.js';
import { eventsFileText, parseEventsFile } from '../check/events-file.js';
import { conform } from '../conform/conform.js';
import { CLAIMS_1_9 } from '../topology/presets.js';
import { serveUi, type UiServer } from './server.js';

/** Debian's chromium (scripts/install-chromium.sh); nothing here downloads a browser. */
const CHROMIUM = '/usr/bin/chromium';
/** Screenshots and the files the test loads, kept after the run. */
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/ui/', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../docs/examples/traces/', import.meta.url));

let server: UiServer;
let browser: Awaited<ReturnType<typeof chromium.launch>>;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/install-chromium.sh`);
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await serveUi(0);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page on the explorer, with every request and page error collected. */
async function open(): Promise<{ tab: Page; errors: string[]; fetched: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1500, height: 1100 }, acceptDownloads: true });
  const tab = await context.newPage();
  const errors: string[] = [];
  const fetched: string[] = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  tab.on('request', (r) => fetched.push(r.url()));
  await tab.goto(server.url);
  await tab.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return { tab, errors, fetched };
}

const click = (tab: Page, group: string, label: string) => tab.locator(`fieldset[data-group="${group}"] button.event`, { hasText: label }).first().click();

describe('hotup ui in headless Chromium', () => {
  it('steps the model by hand: grouped events, the topology and machines after each step, back and forward, a saved replay file', async () => {
    const { tab, errors, fetched } = await open();
    const text = (sel: string) => tab.locator(sel).innerText();
    expect(await text('#position')).toBe('step 0 of 0');
    expect(await tab.locator('[data-netdev]').evaluateAll((es) => es.map((e) => e.getAttribute('data-netdev')))).toEqual(['N1', 'N2', 'N3']);
    expect(await tab.locator('#topo-bond').getAttribute('data-active')).toBe('N1');
    for (const g of ['tool', 'kernel', 'traffic', 'faults', 'user']) expect(await tab.locator(`fieldset[data-group="${g}"]`).count()).toBe(1);
    expect(await tab.locator('#machines figure.machine').count()).toBe(6);
    expect(await tab.locator('#machine-child g.current').count()).toBeGreaterThan(0);

    await click(tab, 'tool', 'start the rolling upgrade');
    expect(await text('#position')).toBe('step 1 of 1');
    expect(await text('#caption')).toBe('tool: start the rolling upgrade');
    expect(await tab.locator('#topo-tool').getAttribute('data-phase')).toBe('selecting');
    expect(await tab.locator('tr.changed[data-var="tool.state"]').count()).toBe(1);
    expect(await tab.locator('tr.changed').count()).toBe(1);
    expect(await tab.locator('#machine-tool g.edge.taken').count()).toBe(1);
    expect(await tab.locator('#machine-tool g.current[id="state:tool.selecting"]').count()).toBe(1);
    // Guards read as the machine wrote them (the bundle keeps the names of and/or/not).
    expect(await tab.locator('#machine-tool').textContent()).toContain('[!childBusy && bondSettledAndChildOld]');

    await click(tab, 'tool', 'next action');
    expect(await text('#effects')).toContain('rmmod C1');
    expect(await tab.locator('[data-child="C1"]').getAttribute('data-state')).toBe('unloading');
    await click(tab, 'kernel', 'C1 remove(S1)');
    const n1 = tab.locator('[data-netdev="N1"]');
    expect(await n1.getAttribute('data-carrier')).toBe('off');
    expect(await n1.getAttribute('data-ops')).toBe('parent');
    expect(await tab.locator('#topo-bond').getAttribute('data-active')).not.toBe('N1');
    expect(await tab.locator('tr.changed[data-var="N1.carrier"]').count()).toBe(1);
    expect(await tab.locator('#machine-child g.edge.taken').count()).toBeGreaterThan(0);
    await click(tab, 'kernel', 'miimon pass');
    expect(await n1.getAttribute('data-mii')).toBe('down');
    // Of the transitions sharing the bond's "in any state" edge, only the line of the one taken is marked.
    expect(await tab.locator('#machine-bond text.taken').allTextContents()).toEqual(['miimon']);
    await tab.screenshot({ path: `${ARTIFACTS}ui-stepping.png` });

    await tab.click('#back');
    expect(await text('#position')).toBe('step 3 of 4');
    expect(await n1.getAttribute('data-mii')).toBe('up');
    await tab.keyboard.press('ArrowLeft');
    await tab.keyboard.press('ArrowLeft');
    expect(await tab.locator('[data-child="C1"]').getAttribute('data-state')).toBe('loaded');
    await tab.click('#forward');
    await tab.click('#forward');
    expect(await n1.getAttribute('data-carrier')).toBe('off');

    const download = tab.waitForEvent('download');
    await tab.click('#save-replay');
    const saved = await (await download).path();
    const replay = parseEventsFile(readFileSync(saved, 'utf8'), 'run.events.json');
    expect(replay.events.map((e) => e.kind)).toEqual(['tool.start', 'tool.step', 'child.remove']);
    const traceDownload = tab.waitForEvent('download');
    await tab.click('#save-trace');
    const trace = await conform({ text: readFileSync(await (await traceDownload).path(), 'utf8') });
    expect(trace.verdict).toBe('conforming');
    expect(trace.modelSteps).toBe(3);
    expect(errors).toEqual([]);
    expect(fetched.filter((u) => !u.startsWith(server.url) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
  }, 60_000);

  it("loads check's counterexample and steps through it to the violation", async () => {
    const r = check({ topology: CLAIMS_1_9, mutant: 'MUT-PARALLEL-UPGRADE', faults: [], audit: false });
    const cx = r.counterexample!;
    const file = `${ARTIFACTS}parallel-upgrade.events.json`;
    writeFileSync(file, eventsFileText({ topology: CLAIMS_1_9, mutant: 'MUT-PARALLEL-UPGRADE', faults: [], properties: null, violation: cx.violation.id, events: cx.events, loopStart: cx.loopStart }));
    const { tab, errors } = await open();
    await tab.setInputFiles('#load-file', file);
    const n = cx.events.length;
    await expect.poll(() => tab.locator('#position').innerText(), { timeout: 15_000 }).toBe(`step ${n} of ${n}`);
    expect(await tab.locator('#mutant').inputValue()).toBe('MUT-PARALLEL-UPGRADE');
    expect(await tab.locator('#topology').inputValue()).toBe('claims-1-9');
    expect(await tab.locator('#violation').isVisible()).toBe(true);
    expect(await tab.locator('#violation').innerText()).toContain(cx.violation.id);
    expect(await tab.locator('#steps li.violating').count()).toBe(1);
    await tab.screenshot({ path: `${ARTIFACTS}ui-counterexample.png` });
    await tab.click('#back');
    expect(await tab.locator('#violation').isVisible()).toBe(false);
    await tab.click('#steps li[data-step="0"]');
    expect(await tab.locator('#position').innerText()).toBe(`step 0 of ${n}`);

    // A lasso breaking a LIVE-*: its loop marked, its steps tagged fair, the property named at the end.
    const live = check({ topology: CLAIMS_1_9, mutant: 'MUT-NO-REOPEN', faults: [], properties: ['LIVE-RESTORE'], audit: false }).counterexample!;
    const lasso = `${ARTIFACTS}no-reopen.events.json`;
    writeFileSync(lasso, eventsFileText({ topology: CLAIMS_1_9, mutant: 'MUT-NO-REOPEN', faults: [], properties: ['LIVE-RESTORE'], violation: 'LIVE-RESTORE', events: live.events, loopStart: live.loopStart }));
    await tab.setInputFiles('#load-file', lasso);
    const m = live.events.length;
    await expect.poll(() => tab.locator('#position').innerText(), { timeout: 15_000 }).toBe(`step ${m} of ${m}`);
    expect(await tab.locator('#violation').innerText()).toContain('LIVE-RESTORE');
    expect(await tab.locator('#violation').innerText()).toContain('repeats forever');
    expect(await tab.locator('#steps li.loop-mark').count()).toBe(1);
    expect(await tab.locator('#steps .tag.fair').count()).toBe(m - live.loopStart!);
    await tab.click('#back');
    expect(await tab.locator('#violation').isVisible()).toBe(false);
    expect(errors).toEqual([]);
  }, 60_000);

  it("loads traces with conform's verdict: the divergent line of a prior-art trace is marked, an ITF trace is stepped through", async () => {
    const { tab, errors } = await open();
    await tab.setInputFiles('#load-file', `${EXAMPLES}prior-art-upgrade.jsonl`);
    await expect.poll(() => tab.locator('#trace-verdict').innerText(), { timeout: 30_000 }).toContain('NOT-CONFORMING');
    expect(await tab.locator('#trace-lines li.divergent').innerText()).toContain('line 12');
    expect(await tab.locator('#trace-lines li.divergent').innerText()).toContain('netdev.unregister');
    await tab.screenshot({ path: `${ARTIFACTS}ui-trace.png` });

    // The broken design conform names explains the trace: the page lays it onto that design's steps.
    await tab.click('button.as-design[data-mutant="MUT-PRIOR-ART"]');
    await expect.poll(() => tab.locator('#trace-verdict').innerText(), { timeout: 30_000 }).toMatch(/conform: \S*CONFORMING/);
    expect(await tab.locator('#mutant').inputValue()).toBe('MUT-PRIOR-ART');
    expect(await tab.locator('#status').innerText()).not.toContain('no model step explains');
    await tab.selectOption('#mutant', '');

    await tab.setInputFiles('#load-file', `${EXAMPLES}rolling-upgrade.itf.json`);
    await expect.poll(() => tab.locator('#trace-verdict').innerText(), { timeout: 30_000 }).toContain('conform: CONFORMING');
    expect(await tab.locator('#trace-lines li.divergent').count()).toBe(0);
    expect(await tab.locator('#status').innerText()).not.toContain('no model step explains');
    const steps = Number(/of (\d+)/.exec(await tab.locator('#position').innerText())![1]);
    expect(steps).toBeGreaterThan(5);
    await tab.click('#forward');
    expect(await tab.locator('#trace-lines li.current').count()).toBe(1);
    expect(errors).toEqual([]);
  }, 60_000);

  it('explores at random and checks exhaustively in a Web Worker, then jumps to the violation', async () => {
    const { tab, errors } = await open();
    await tab.selectOption('#topology', 'claims-1-9');
    await tab.selectOption('#mutant', 'MUT-NO-WAIT-FAILOVER');
    for (const f of await tab.locator('#faults input').all()) await f.uncheck();
    await tab.click('#boot');
    await tab.fill('#runs', '100');
    await tab.click('#explore');
    await expect.poll(() => tab.locator('#search-result').innerText(), { timeout: 30_000 }).toContain('VIOLATION INV-NO-LOSS');
    await tab.click('#jump');
    await expect.poll(() => tab.locator('#violation').innerText(), { timeout: 15_000 }).toContain('INV-NO-LOSS');

    await tab.click('#check');
    await expect.poll(() => tab.locator('#search-result').innerText(), { timeout: 30_000 }).toContain('VIOLATION INV-NO-LOSS');
    expect(await tab.locator('#search-progress').innerText()).toContain('VIOLATION');
    await tab.click('#jump');
    await expect.poll(() => tab.locator('#violation').innerText(), { timeout: 15_000 }).toContain('INV-NO-LOSS');
    const shortest = Number(/of (\d+)/.exec(await tab.locator('#position').innerText())![1]);
    expect(shortest).toBeGreaterThan(0);
    await tab.screenshot({ path: `${ARTIFACTS}ui-search.png` });
    expect(errors).toEqual([]);
  }, 90_000);

  it('boots a pasted JSON topology, its five netdevs drawn in name order, and names the field of a bad one', async () => {
    const { tab, errors } = await open();
    await tab.selectOption('#topology', 'custom');
    await tab.fill('#topology-json', JSON.stringify({ name: 'five', children: 3, binding: { N1: 'C3', N2: 'C1', N3: 'C2', N4: 'C1', N5: 'C3' } }));
    await tab.click('#boot');
    await expect.poll(() => tab.locator('#status').innerText(), { timeout: 15_000 }).toBe('booted five');
    expect(await tab.locator('[data-netdev]').evaluateAll((es) => es.map((e) => e.getAttribute('data-netdev')))).toEqual(['N1', 'N2', 'N3', 'N4', 'N5']);
    expect(await tab.locator('[data-child]').count()).toBe(3);
    await click(tab, 'traffic', 'transmit begins');
    expect(await tab.locator('[data-netdev="N1"] .packet').allInnerTexts()).toEqual(['pkt via C3']);
    expect(await tab.locator('#topo-bond').innerText()).toContain('1 in flight');
    expect(await tab.locator('tr.changed[data-var="traffic.in_flight"]').count()).toBe(1);
    await tab.fill('#topology-json', JSON.stringify({ children: 2, binding: { N1: 'C9' } }));
    await tab.click('#boot');
    expect(await tab.locator('#status').innerText()).toMatch(/^cannot boot: topology field 'binding/);
    expect(await tab.locator('[data-netdev]').count()).toBe(5);
    expect(errors).toEqual([]);
  }, 60_000);
});
