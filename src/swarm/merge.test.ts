import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventsFileText } from '../check/events-file.js';
import { FAULTS } from '../model/faults.js';
import { PRESETS } from '../topology/presets.js';
import { runMember, type MemberOptions } from './member.js';
import { memberFileText, memberRecord, type MemberRecord } from './member-file.js';
import { memberFileName, mergeSwarm } from './merge.js';
import { formatSwarmReport, swarmReportJson } from './report.js';
import { stateKey } from '../model/canonical.js';
import { SKETCH_ERROR } from './union-sketch.js';

const claims = PRESETS['claims-1-9']!;
const mutantRun: Omit<MemberOptions, 'member'> = { topology: claims, mutant: 'MUT-PARALLEL-UPGRADE', faults: [], userChanges: null, rounds: 1, properties: null, members: 4, swarmSeed: 1 };
const correctRun: Omit<MemberOptions, 'member'> = { ...mutantRun, mutant: null, faults: [...FAULTS], userChanges: 1, members: 3, maxStates: 200 };

/** Runs member K and writes its files as `hotup check --swarm K/N --swarm-out dir/` does; returns the member file. */
function writeMember(dir: string, o: Omit<MemberOptions, 'member'>, member: number): string {
  const r = runMember({ ...o, member });
  const events = `counterexample-${member}-of-${o.members}.json`;
  const cx = r.counterexample;
  if (cx) writeFileSync(join(dir, events), eventsFileText({ topology: r.topology, mutant: r.mutant, faults: r.faults, properties: r.properties, violation: cx.property, events: cx.events, loopStart: null }));
  const file = join(dir, memberFileName(member, o.members));
  writeFileSync(file, memberFileText(memberRecord(r, cx ? events : null)));
  return file;
}

const fresh = (): string => mkdtempSync(join(tmpdir(), 'hotup-swarm-'));

describe('hotup swarm merge', () => {
  const mutantDir = fresh();
  const mutantFiles = [0, 1, 2, 3].map((k) => writeMember(mutantDir, mutantRun, k));
  const records = mutantFiles.map((f) => JSON.parse(readFileSync(f, 'utf8')) as MemberRecord);

  it('reports a violation once per property, with the members that found it and the shortest counterexample to replay', () => {
    const r = mergeSwarm([mutantDir]);
    expect(r.verdict).toBe('violation');
    expect(r.members.map((m) => m.member)).toEqual([0, 1, 2, 3]);
    expect(r.missing).toEqual([]);
    const found = records.filter((m) => m.violation);
    expect(r.violations.map((v) => v.property)).toEqual([...new Set(found.map((m) => m.violation!.property))].sort());
    for (const v of r.violations) {
      const by = found.filter((m) => m.violation!.property === v.property);
      expect(v.members).toEqual(by.map((m) => m.member));
      expect(v.steps).toBe(Math.min(...by.map((m) => m.violation!.steps)));
      expect(v.replay).toBe(`npx hotup replay-events ${v.eventsFile}`);
      expect(JSON.parse(readFileSync(v.eventsFile, 'utf8')).violation).toBe(v.property);
    }
    expect(r.states.largestMember).toBe(Math.max(...records.map((m) => m.states)));
    expect(r.states.upperBound).toBe(records.reduce((s, m) => s + m.states, 0));
    const text = formatSwarmReport(r);
    expect(text).toMatch(/^VIOLATION: \d distinct propert/m);
    expect(text).toContain('A swarm never proves anything');
    expect(text).toMatch(/at most [\d,]+ \(an upper bound/);
    expect(swarmReportJson(r)).toMatchObject({ format: 'hotup-swarm-report/1', verdict: 'violation', proves: false });
  });

  it('says INCOMPLETE, never a pass, when no member breaks anything, and names the members missing', () => {
    const dir = fresh();
    const files = [0, 1].map((k) => writeMember(dir, correctRun, k));
    const r = mergeSwarm(files);
    expect(r.verdict).toBe('incomplete');
    expect(r.missing).toEqual([2]);
    expect(r.violations).toEqual([]);
    expect(r.members.every((m) => m.cut?.by === 'max-states')).toBe(true);
    const text = formatSwarmReport(r);
    expect(text).toContain('missing members (no file given): 2');
    expect(text).toMatch(/^INCOMPLETE: no member broke any of the \d+ INV-\* checked\. A swarm never proves anything/m);
    expect(text).not.toMatch(/^PASS/m);
  });
});

describe('hotup swarm merge estimates the distinct states the members covered together', () => {
  it('from the union of their sketches, within three standard errors of the exact union, which neither bound comes near', () => {
    const dir = fresh();
    const run: Omit<MemberOptions, 'member'> = { ...correctRun, faults: FAULTS.filter((f) => f !== 'FAULT-USER-CONFIG'), members: 4, maxStates: 8000, bitstateBits: 20 };
    const union = new Set<string>();
    for (const k of [0, 1, 2, 3]) {
      const r = runMember({ ...run, member: k, onNewState: (s) => union.add(stateKey(s)) });
      writeFileSync(join(dir, memberFileName(k, 4)), memberFileText(memberRecord(r, null)));
    }
    const s = mergeSwarm([dir]).states;
    // The members overlap, and each covers only part of the union: the bounds are both far from it.
    expect(union.size).toBeGreaterThan(s.largestMember * (1 + 4 * SKETCH_ERROR));
    expect(union.size).toBeLessThan(s.upperBound * (1 - 4 * SKETCH_ERROR));
    expect(Math.abs(s.estimate! - union.size)).toBeLessThanOrEqual(3 * SKETCH_ERROR * union.size);
    expect(formatSwarmReport(mergeSwarm([dir]))).toMatch(/^covered: about [\d,]+ distinct states, from the union of the members' HyperLogLog sketches \(standard error 0\.8 %\)$/m);
  });

  it('gives no estimate, and says which member lacks a sketch, for member files written without one', () => {
    const dir = fresh();
    const a = writeMember(dir, correctRun, 0);
    const r = JSON.parse(readFileSync(a, 'utf8'));
    delete r.coverage;
    writeFileSync(a, JSON.stringify(r));
    const report = mergeSwarm([a]);
    expect(report.states.estimate).toBeNull();
    expect(formatSwarmReport(report)).toContain('covered: no estimate (member 0 wrote no sketch of its states)');
  });
});

describe('hotup swarm merge refuses files that are not members of one swarm', () => {
  const dir = fresh();
  const a = writeMember(dir, correctRun, 0);
  const other = (name: string, edit: (r: Record<string, any>) => void): string => {
    const r = JSON.parse(readFileSync(a, 'utf8'));
    edit(r);
    const f = join(dir, name);
    writeFileSync(f, JSON.stringify(r));
    return f;
  };

  it('a member from another fault set, topology, seed or size of swarm: names the field and the flag', () => {
    const faults = join(fresh(), 'b.json');
    writeFileSync(faults, readFileSync(writeMember(fresh(), { ...correctRun, faults: ['FAULT-PROBE-FAIL'] }, 1), 'utf8'));
    expect(() => mergeSwarm([a, faults])).toThrow(/field 'swarm\.faults' is "FAULT-PROBE-FAIL", but .* has .*: these are not members of one swarm; merge only files from runs with the same --faults/);
    const topology = writeMember(fresh(), { ...correctRun, topology: PRESETS['claims-10-11']! }, 1);
    expect(() => mergeSwarm([a, topology])).toThrow(/field 'swarm\.topology'.*the same --topology/);
    expect(() => mergeSwarm([a, other('seed.json', (r) => (r.swarm.seed = 9))])).toThrow(/field 'swarm\.seed'.*the same --seed/);
    expect(() => mergeSwarm([a, other('n.json', (r) => (r.swarm.members = 5))])).toThrow(/field 'swarm\.members'.*N of --swarm K\/N/);
  });

  it('the same member twice', () => {
    expect(() => mergeSwarm([a, other('again.json', () => {})])).toThrow(/field 'member' is 0, and so is .*: pass each member's file once/);
  });

  it('a malformed file, a bad field, a counterexample file in place of a member, an empty folder', () => {
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"format": "hotup-swarm-member/1", ');
    expect(() => mergeSwarm([junk])).toThrow(/junk\.json.*cannot read it as JSON.*pass the files 'hotup check --swarm K\/N --swarm-out' wrote/);
    expect(() => mergeSwarm([other('neg.json', (r) => (r.states = -1))])).toThrow(/field 'states' must be a whole number from 1/);
    expect(() => mergeSwarm([other('k.json', (r) => (r.member = 3))])).toThrow(/field 'member' is 3, but the swarm has 3 members \(0 to 2\)/);
    expect(() => mergeSwarm([other('cut.json', (r) => (r.cut = null))])).toThrow(/field 'cut' must name the limit when 'ended' is "cut"/);
    expect(() => mergeSwarm([other('order.json', (r) => (r.order.strategy = 'random'))])).toThrow(/field 'order\.strategy' must be one of dfs, bfs/);
    expect(() => mergeSwarm([other('sketch.json', (r) => (r.coverage.registers = 'AAAA'))])).toThrow(/field 'coverage\.registers' must be the base64 of 16384 registers/);
    const mutantDir = fresh();
    writeMember(mutantDir, mutantRun, 2);
    expect(() => mergeSwarm([join(mutantDir, 'counterexample-2-of-4.json')])).toThrow(/field 'format' .*this is a counterexample events file/);
    rmSync(join(mutantDir, 'counterexample-2-of-4.json'));
    expect(() => mergeSwarm([mutantDir])).toThrow(/field 'violation\.eventsFile' names .*counterexample-2-of-4\.json.*keep the counterexample file beside its member file/);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect(() => mergeSwarm([empty])).toThrow(/holds no member-K-of-N\.json/);
    expect(() => mergeSwarm([])).toThrow(/no member files given/);
    expect(() => mergeSwarm([join(dir, 'absent.json')])).toThrow(/absent\.json.*cannot read it/);
  });
});
