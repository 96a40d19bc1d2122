import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../../test/fuzz/run-cli.js';
import { contractBreach } from '../../test/fuzz/contract.js';
import { EXIT } from './exit-codes.js';

/**
 * Each input that once crashed, hung, failed to replay or was wrong but
 * quiet, run through main(): now a clear exit 2 naming the field (or the
 * right answer), within the exit-code contract, without a stack trace.
 */
const dir = mkdtempSync(join(tmpdir(), 'hotup-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (name: string, text: string): string => {
  const p = join(dir, `${++n}-${name}`);
  writeFileSync(p, text);
  return p;
};
const HEADER = JSON.stringify({ format: 'hotup-trace', version: 1, topology: 'claims-1-9' });
const deep = (d: number): string => '['.repeat(d) + ']'.repeat(d);

async function refused(args: string[], field: RegExp): Promise<CliRun> {
  const r = await runCli(args);
  expect(contractBreach(r), r.err).toBeNull();
  expect(r.code, r.err).toBe(EXIT.BAD_INPUT);
  expect(r.err).toMatch(field);
  return r;
}

describe('inputs that crashed', () => {
  it.each([
    ['a null state', '{"vars":["events"],"states":[null]}', /states\[0\], field '\(state\)'/],
    ['a string state', '{"vars":["events"],"states":["x"]}', /states\[0\], field '\(state\)'/],
    ['a #map of null', '{"vars":["events","netdevs"],"states":[{"netdevs":{"#map":[null]}}]}', /field '#map'/],
    ['a #bigint object', '{"vars":["events","netdevs"],"states":[{"netdevs":{"#bigint":{"toString":1}}}]}', /field '#bigint'/],
    ['a state nested 200,000 deep', `{"vars":["events"],"states":[{"x":${deep(200_000)}}]}`, /nested deeper than 64/],
  ])('malformed ITF: %s', async (_what, text, field) => {
    await refused(['conform', file('t.itf.json', text)], field);
  });

  it('a JSON Lines "from" field nested 200,000 deep', async () => {
    await refused(['conform', file('t.jsonl', `${HEADER}\n{"seq":1,"event":"bond.failover","from":${deep(200_000)}}\n`)], /line 2, field '\(line\)': nested deeper/);
  });

  it('an events file nested 200,000 deep', async () => {
    await refused(['replay-events', file('cx.json', `{"format":"hotup-events/1","events":${deep(200_000)}}`)], /cannot read it as JSON \(nested deeper than 64/);
  });

  it.each([
    ['report --out DIR', ['report', '--runs', '1', '--steps', '2', '--out', '.'], /--out: "\." is a folder/],
    ['compare --out DIR', ['compare', '--topology', 'claims-1-9', '--out', '.'], /--out: "\." is a folder/],
    ['check --out DIR', ['check', '--topology', 'claims-1-9', '--faults', 'none', '--out', '.'], /--out: "\." is a folder/],
    ['diagram --out EXISTING_FILE', ['diagram', '--out', 'package.json'], /--out: "package.json" exists and is not a folder/],
    ['diagram --out /proc/x', ['diagram', '--out', '/proc/hotup-x'], /--out: cannot make the folder/],
    ['--trace-out under a file', ['explore', '--runs', '1', '--trace-out', 'package.json/x.jsonl'], /--trace-out: .* is not a folder/],
  ])('an unwritable output path: %s', async (_what, args, message) => {
    await refused(args, message);
  });

  it('explore --trace-out and --itf-out into a missing folder make it and leave no temporary file', async () => {
    const out = join(dir, 'new', 'folder');
    const r = await runCli(['explore', '--runs', '2', '--steps', '5', '--trace-out', join(out, 'run.jsonl'), '--itf-out', join(out, 'run.itf.json')]);
    expect(r.code, r.err).toBe(EXIT.PASS);
    expect(readdirSync(out).sort()).toEqual(['run.itf.json', 'run.jsonl']);
  });

  it.each([
    ['--path abc', ['--path', 'abc', '--commands-path', 'FCAAARO:VB'], /--path takes whole numbers/],
    ['an empty --commands-path', ['--path', '0:2:2:2:1:1', '--commands-path', ''], /--commands-path takes/],
    ['a colon-less --commands-path', ['--path', '0:2:2:2:1:1', '--commands-path', 'FCAAARO'], /--commands-path takes/],
    ['another --seed', ['--path', '0:2:2:2:1:1', '--commands-path', 'FCAAARO:VB', '--seed', '7'], /--seed, --path and --commands-path|the run did not fail/],
  ])('a tampered replay: %s', async (_what, args, message) => {
    await refused(['replay', '--mutant', 'MUT-NO-TAKEOVER', '--faults', 'none', ...args], message);
  });
});

describe('inputs that hung', () => {
  it('an unknown event name of 50 MB is refused at the line limit, without a did-you-mean over it', async () => {
    const r = await refused(['conform', file('t.jsonl', `${HEADER}\n{"seq":1,"event":"${'x'.repeat(50 << 20)}"}\n`)], /line 2, field '\(line\)': longer than 1 MB/);
    expect(r.err.length).toBeLessThan(1000);
  });

  it('an unknown event name just under the line limit gets no did-you-mean search and a short quote', async () => {
    const r = await refused(['conform', file('t.jsonl', `${HEADER}\n{"seq":1,"event":"${'x'.repeat(900_000)}"}\n`)], /field 'event': unknown event "x{20}/);
    expect(r.err.length).toBeLessThan(1000);
  });

  it('a 20 MB file without a newline is refused after the first megabyte', async () => {
    await refused(['conform', file('t.jsonl', 'x'.repeat(20 << 20))], /line 1, field '\(line\)': longer than 1 MB/);
  });
});

describe('inputs that were wrong but quiet', () => {
  const topo = (o: unknown, name = 't.json') => file(name, typeof o === 'string' ? o : JSON.stringify(o));

  it('a 1-netdev topology is refused: a bond of one slave cannot fail over', async () => {
    await refused(['explore', '--topology', topo({ children: 1, binding: { N1: 'C1' } })], /topology field 'binding': has 1 netdev/);
  });

  it('a duplicate key in a binding is named, not read as a child binding nothing', async () => {
    await refused(['explore', '--topology', topo('{"children":2,"binding":{"N1":"C1","N2":"C2","N1":"C2"}}')], /topology field 'binding\.N1': .*the key "N1" appears twice/);
  });

  it('"mtu": 1e309 says the number is too large, not "got null"', async () => {
    const r = await refused(['conform', file('t.jsonl', `${HEADER}\n{"seq":1,"event":"user.config","netdev":"N1","mtu":1e309}\n`)], /field 'mtu': expected integer, got a number too large/);
    expect(r.err).not.toMatch(/got null/);
  });

  it("an unknown header key lists the header's fields", async () => {
    await refused(['conform', file('t.jsonl', `${JSON.stringify({ format: 'hotup-trace', version: 1, topology: 'claims-1-9', colour: 1 })}\n`)], /header takes format, version, topology/);
  });

  it("an xmit.begin flow beyond the topology's flows is refused", async () => {
    await refused(['conform', file('t.jsonl', `${HEADER}\n{"seq":1,"event":"xmit.begin","flow":1,"netdev":"N1"}\n`)], /field 'flow': flow 1 is not one of claims-1-9's 1 flow/);
  });

  it.each([
    ['a non-string faults', { faults: 7 }, /field 'faults' must be a string/],
    ['an unknown property id', { properties: ['INV-NOPE'] }, /field 'properties' names "INV-NOPE"/],
    ['an unknown violation id', { violation: 'LIVE-NOPE' }, /field 'violation' names "LIVE-NOPE"/],
  ])('an events file with %s is refused', async (_what, patch, message) => {
    const out = join(dir, `cx-${++n}.json`);
    expect((await runCli(['check', '--topology', 'claims-1-9', '--mutant', 'MUT-PARALLEL-UPGRADE', '--faults', 'none', '--no-liveness', '--out', out])).code).toBe(1);
    const data = { ...(JSON.parse(readFileSync(out, 'utf8')) as object), ...patch };
    await refused(['replay-events', file('cx.json', JSON.stringify(data))], message);
  });

  it('error messages quote at most a short prefix of a 52 MB value', async () => {
    const big = 'y'.repeat(52 << 20);
    for (const args of [
      ['explore', '--mutant', big],
      ['explore', '--topology', `${big}.json`],
      ['explore', '--topology', topo({ children: 2, binding: { N1: 'C1', N2: 'C2' }, name: big.slice(0, 500_000) })],
      ['explore', '--topology', topo({ children: 2, binding: { N1: 'C1', N2: big.slice(0, 500_000) } })],
      ['explore', '--topology', topo({ children: 2, binding: { N1: 'C1', N2: 'C2' }, [big.slice(0, 500_000)]: 1 })],
      ['conform', file('t.jsonl', `${HEADER}\n{"seq":1,"event":"carrier.off","netdev":"${big.slice(0, 900_000)}"}\n`)],
    ]) {
      const r = await runCli(args);
      expect(r.code).toBe(EXIT.BAD_INPUT);
      expect(r.err.length).toBeLessThan(2000);
    }
  });

  it('a byte-order mark is accepted in topology files, as in traces', async () => {
    const r = await runCli(['explore', '--runs', '1', '--steps', '2', '--topology', topo(`\uFEFF${JSON.stringify({ children: 2, binding: { N1: 'C1', N2: 'C2' } })}`, 'bom.json')]);
    expect(r.code, r.err).toBe(EXIT.PASS);
    expect((await runCli(['conform', file('t.jsonl', `\uFEFF${HEADER}\n{"seq":1,"event":"tool.start","version":2}\n`), '--no-diagnose'])).code).not.toBe(EXIT.BAD_INPUT);
  });
});

describe('flags that bound nothing', () => {
  it('check --faults none --user-changes 2 is refused: user changes are off', async () => {
    await refused(['check', '--topology', 'claims-1-9', '--faults', 'none', '--user-changes', '2'], /--user-changes bounds FAULT-USER-CONFIG steps, but --faults leaves that fault out/);
  });
});

describe('files that are not files', () => {
  it('a folder named like a topology file is bad input, not a crash', async () => {
    const bad = join(dir, 'a-folder.json');
    mkdirSync(bad);
    await refused(['explore', '--topology', bad], /is not a regular file/);
  });
});
