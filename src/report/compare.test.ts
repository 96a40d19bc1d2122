import { describe, expect, it } from 'vitest';
import { CLAIMS_10_11 } from '../topology/presets.js';
import { compareDesigns } from './compare.js';

describe('hotup compare', () => {
  const [rolling, parallel] = compareDesigns(CLAIMS_10_11).scenarios;
  const [correct, prior, reenslaved] = rolling!.columns.map((c) => c.metrics);
  const [correctParallel] = parallel!.columns.map((c) => c.metrics);

  it('upgrades every child under the correct design with nothing re-created, lost or dropped', () => {
    expect(correct).toMatchObject({
      outcome: 'done',
      netdevsRecreated: 0,
      ifindexChanges: [],
      configLost: [],
      slavesLost: [],
      packetsDropped: 0,
      stepsBondDown: 0,
      stepsNoUsableSlave: 0,
      maxChildrenDown: 1,
      invariantsBroken: [],
    });
    expect(correct!.packetsSent).toBeGreaterThan(10);
  });

  it('counts what today\'s practice costs: every netdev re-created with a new ifindex and default MTU, the bond down, packets lost', () => {
    expect(prior!.netdevsRecreated).toBe(3);
    expect(prior!.ifindexChanges).toEqual(['N1 2->5', 'N2 3->7', 'N3 4->6']);
    expect(prior!.configLost).toEqual(['N1 mtu 9000->1500', 'N2 mtu 9000->1500', 'N3 mtu 9000->1500']);
    expect(prior!.packetsDropped).toBeGreaterThan(0);
    expect(prior!.stepsBondDown).toBeGreaterThan(0);
    expect(prior!.invariantsBroken.map((x) => x.split(' ')[0])).toEqual(expect.arrayContaining(['INV-NETDEV-PERSIST', 'INV-CONFIG-KEPT']));
  });

  it('measures outage and loss per upgrade: none under the correct design; today\'s practice down until someone acts', () => {
    expect(correct).toMatchObject({ outageSteps: 0, outageTicks: 0, downAtEnd: false, upgrades: 2 });
    expect(prior!.downAtEnd).toBe(true);
    expect(prior!.outageSteps).toBeGreaterThan(0);
    expect(prior!.packetsDropped / prior!.upgrades).toBeGreaterThan(0);
  });

  it('gives prior art its fair recovery: with user space re-enslaving the re-created netdevs the bond keeps carrying, but ifindexes and the MTU are still lost', () => {
    expect(reenslaved).toMatchObject({ slavesLost: [], downAtEnd: false, outageSteps: 0, packetsDropped: 0 });
    expect(reenslaved!.ifindexChanges).toEqual(prior!.ifindexChanges);
    expect(reenslaved!.configLost).toEqual(prior!.configLost);
    expect(reenslaved!.invariantsBroken.map((x) => x.split(' ')[0])).toEqual(['INV-NETDEV-PERSIST', 'INV-CONFIG-KEPT']);
  });

  it('shows a forced parallel upgrade taking two children down at once, even under the correct design', () => {
    expect(correctParallel!.maxChildrenDown).toBe(2);
    expect(correctParallel!.invariantsBroken.map((x) => x.split(' ')[0])).toContain('INV-ONE-DOWN');
  });
});
