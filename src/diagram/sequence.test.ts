import { describe, expect, it } from 'vitest';
import { explore } from '../explore/explore.js';
import { FAULTS } from '../model/faults.js';
import { createSystem } from '../engine/system.js';
import { CORRECT_DESIGN } from '../../machines/design.js';
import { CLAIMS_1_9, CLAIMS_10_11 } from '../topology/presets.js';
import { receiverOf } from './message-label.js';
import { ENV, senderOf } from './sender.js';
import { sequenceDiagram } from './sequence-mermaid.js';
import { lifelines } from './sequence-model.js';
import { sequenceSvg } from './sequence-svg.js';

describe('counterexample sequence charts', () => {
  const cx = explore({ topology: CLAIMS_1_9, mutant: 'MUT-NO-WAIT-FAILOVER', runs: 100, steps: 40, seed: 42, faults: [] }).counterexample!;

  it('has one lifeline per upgrade tool, child, parent, netdev, bond and traffic', () => {
    const text = sequenceDiagram(CLAIMS_1_9, cx.steps, cx.violation);
    for (const p of ['tool', 'C1', 'C2', 'parent', 'N1', 'N2', 'bond0', 'traffic']) expect(text).toMatch(new RegExp(`^  participant ${p} as `, 'm'));
  });

  it('draws each message from its sender to its receiver and ends with the violation', () => {
    const text = sequenceDiagram(CLAIMS_1_9, cx.steps, cx.violation);
    expect(text).toContain('C1->>parent: takeOver(S1)');
    expect(text).toContain('parent->>N1: carrierOff');
    expect(text).toContain('N1->>bond0: slaveState(N1 down)');
    expect(text).toContain('N1->>traffic: DROPPED(carrier-off)');
    expect(text.trimEnd().split('\n').pop()).toBe(`  Note over env,traffic: VIOLATED ${cx.violation.id}: ${cx.violation.message}`);
  });

  it('writes an SVG with a group per step', () => {
    const svg = sequenceSvg(CLAIMS_1_9, cx.steps, cx.violation);
    expect(svg.startsWith('<svg ')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<g class="step"/g)).toHaveLength(cx.steps.length);
    expect(svg).toContain('VIOLATED INV-NO-LOSS');
  });

  it('names as sender only the environment or a lifeline that already received a message in the same step', () => {
    // A long walk over the bigger topology with every fault but the parent's removal (which ends all traffic).
    const system = createSystem(CLAIMS_10_11, CORRECT_DESIGN);
    const faults = FAULTS.filter((f) => f !== 'FAULT-PARENT-REMOVE');
    const names = new Set(lifelines(CLAIMS_10_11).map((l) => l.id));
    const types = new Set<string>();
    let s = system.initial();
    for (let n = 0; n < 600; n++) {
      const enabled = system.enabled(s, faults);
      const { state, log } = system.step(s, enabled[(n * 7) % enabled.length]!);
      log.forEach((m, i) => {
        const from = senderOf(log, i);
        types.add(m.event.type);
        expect(names).toContain(receiverOf(m));
        if (i === 0) expect(from).toBe(ENV);
        else expect(log.slice(0, i).map(receiverOf)).toContain(from);
      });
      s = state;
    }
    // The walk reached the messages whose sender is least obvious.
    for (const t of ['dropped', 'processed', 'slaveState', 'takeOver', 'notification', 'program']) expect(types).toContain(t);
  });
});
