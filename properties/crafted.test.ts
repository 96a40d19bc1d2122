import { describe, expect, it } from 'vitest';
import type { Message } from '../machines/messages.js';
import { CORRECT_DESIGN } from '../machines/design.js';
import { createSystem } from '../src/engine/system.js';
import { PRESETS } from '../src/topology/presets.js';
import { INV_BUS } from './inv-bus.js';
import { INV_TRAFFIC_PATH } from './inv-traffic-path.js';
import { withMonitors } from '../src/engine/monitor.js';
import { brokenBy, type StepView } from './property.js';
import { INV_NO_FREED_CODE } from './inv-no-freed-code.js';

// Each state or step that would break INV-BUS or INV-TRAFFIC-PATH, crafted by
// hand; MUT-SUBDEV-ON-PCI and MUT-WRONG-CHILD reach such states in the model.
const topology = PRESETS['claims-10-11']!;
const system = createSystem(topology, CORRECT_DESIGN);
const booted = withMonitors(system, system.initial());
const view = (over: Partial<StepView>): StepView => ({ topology, before: booted, env: { kind: 'bond.miimon' }, log: [], after: booted, ...over });

describe('INV-BUS', () => {
  it('holds in the booted system', () => {
    expect(INV_BUS.check(undefined, view({}))).toBeNull();
  });

  it('catches a child bound to a sub-device its id_table does not name', () => {
    const c = booted.children[1]!;
    const wrong = { ...c, context: { ...c.context, idTable: 'hotup.c9eth' } } as typeof c;
    const after = { ...booted, children: [booted.children[0]!, wrong] };
    expect(INV_BUS.check(undefined, view({ after }))).toMatch(/C2 \(id hotup.c9eth\) is bound to auxiliary device hotup.c2eth.1/);
  });

  it('catches a child bound to a sub-device presented on the physical bus', () => {
    const p = booted.parent;
    const after = { ...booted, parent: { ...p, context: { ...p.context, subdevBus: ['auxiliary', 'pci', 'auxiliary'] } } as typeof p };
    expect(INV_BUS.check(undefined, view({ after }))).toMatch(/C2 is bound to S2, which sits on the pci bus/);
  });

  it('catches a parent that is not on the physical bus', () => {
    const p = booted.parent;
    const after = { ...booted, parent: { ...p, context: { ...p.context, bus: 'auxiliary' } } as unknown as typeof p };
    expect(INV_BUS.check(undefined, view({ after }))).toMatch(/not on the physical/);
  });
});

describe('INV-TRAFFIC-PATH', () => {
  const processed = (netdev: number, child: number, version: number): Message => ({
    to: 'traffic',
    event: { type: 'processed', netdev, child, version },
  });

  it('accepts a packet processed by the child that binds its sub-device', () => {
    expect(INV_TRAFFIC_PATH.check(undefined, view({ log: [processed(2, 0, 1)] }))).toBeNull();
  });

  it('catches a packet processed under a child that does not bind the sub-device', () => {
    expect(INV_TRAFFIC_PATH.check(undefined, view({ log: [processed(1, 0, 1)] }))).toMatch(/N2 was processed by C1/);
  });

  it('catches a packet processed by code that is not the loaded version', () => {
    expect(INV_TRAFFIC_PATH.check(undefined, view({ log: [processed(0, 0, 2)] }))).toMatch(/not loaded/);
  });
});

describe('INV-NO-FREED-CODE', () => {
  it("catches a transmit that ran in freed code in its step part, which the state after alone cannot show", () => {
    const oops: Message = { to: 'traffic', event: { type: 'oops', netdev: 0, child: 0 } };
    const step = view({ log: [oops] });
    expect(INV_NO_FREED_CODE.check(undefined, step)).toBeNull();
    expect(INV_NO_FREED_CODE.checkStep!(undefined, step)).toMatch(/ndo_start_xmit on N1 ran in C1's freed code \(kernel oops\)/);
    expect(brokenBy(INV_NO_FREED_CODE, undefined, step)).toMatch(/kernel oops/);
    expect(brokenBy(INV_NO_FREED_CODE, undefined, view({}))).toBeNull();
  });
});
