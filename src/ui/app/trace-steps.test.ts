import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { traceText } from '../../conform/writer.js';
import { explore } from '../../explore/explore.js';
import { createSystem } from '../../engine/system.js';
import { FAULTS } from '../../model/faults.js';
import { designOf } from '../../mutants.js';
import { CLAIMS_10_11 } from '../../topology/presets.js';
import { groupEvents } from './event-groups.js';
import { parseLoaded } from './files.js';
import { walkTrace } from './trace-steps.js';

const EXAMPLES = fileURLToPath(new URL('../../../docs/examples/traces/', import.meta.url));

describe("the page's walk of a trace onto model steps", () => {
  it('finds again the steps of a run hotup wrote as JSON Lines and as ITF (seed 42)', () => {
    const cx = explore({ topology: CLAIMS_10_11, mutant: 'MUT-EARLY-NOTIFY', runs: 100, steps: 40, seed: 42, faults: [...FAULTS] }).counterexample!;
    const start = createSystem(CLAIMS_10_11, designOf('MUT-EARLY-NOTIFY')).initial();
    for (const format of ['jsonl', 'itf'] as const) {
      const loaded = parseLoaded(traceText(format, CLAIMS_10_11, start, cx.steps), `cx.${format}`);
      if (loaded.kind !== 'trace') throw new Error('not read as a trace');
      const walk = walkTrace(loaded.topology!, 'MUT-EARLY-NOTIFY', loaded.records);
      expect(walk.stuckAt, `${format}; replay: ${cx.replay}`).toBeNull();
      // Silent steps may be found in another order, but every logged step is found, in order.
      const logged = (kinds: readonly string[]) => kinds.filter((k) => k !== 'bond.miimon' && k !== 'child.drain');
      expect(logged(walk.events.map((e) => e.kind)), format).toEqual(logged(cx.steps.map((s) => s.env.kind)));
    }
  });

  it('stops at the first line of a prior-art trace that no step of the correct design shows', () => {
    const loaded = parseLoaded(readFileSync(`${EXAMPLES}prior-art-upgrade.jsonl`, 'utf8'), 'prior-art-upgrade.jsonl');
    if (loaded.kind !== 'trace') throw new Error('not read as a trace');
    const walk = walkTrace(loaded.topology!, null, loaded.records);
    expect(loaded.records[walk.stuckAt!]!.where).toBe('line 11');
    expect(walk.events.length).toBe(walk.recordOfStep.length);
    expect(walkTrace(loaded.topology!, 'MUT-PRIOR-ART', loaded.records).stuckAt).toBeNull();
  });
});

describe('the enabled-event groups', () => {
  it('puts user configuration under user, operator and PCI faults under faults, and loses no event', () => {
    const system = createSystem(CLAIMS_10_11, designOf(null));
    const s = system.initial();
    const enabled = system.enabled(s, FAULTS);
    const groups = groupEvents(CLAIMS_10_11, s, enabled);
    expect(Object.values(groups).flat().map((b) => b.index).sort((a, b) => a - b)).toEqual(enabled.map((_, i) => i));
    expect(groups.user.every((b) => b.fault === 'FAULT-USER-CONFIG')).toBe(true);
    expect(groups.user.length).toBeGreaterThan(0);
    expect(groups.faults.map((b) => b.fault)).toContain('FAULT-FORCED-UNLOAD');
    expect(groups.faults.map((b) => b.fault)).toContain('FAULT-PARENT-REMOVE');
    expect(groups.tool.map((b) => b.event.kind)).toEqual(['tool.start']);
    expect(groups.traffic.map((b) => b.event.kind)).toEqual(['traffic.send']);
    expect(groups.kernel.map((b) => b.event.kind)).toEqual(['bond.miimon']);
  });
});
