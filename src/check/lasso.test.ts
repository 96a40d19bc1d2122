import { describe, expect, it } from 'vitest';
import { designOf } from '../mutants.js';
import type { EnvEvent } from '../model/env-event.js';
import { PRESETS } from '../topology/presets.js';
import { createSystem } from '../engine/system.js';
import { withMonitors } from '../engine/monitor.js';
import { plainLasso } from './lasso.js';
import { ReplayError } from './replay.js';

const system = createSystem(PRESETS['claims-1-9']!, designOf(null));
const booted = withMonitors(system, system.initial());
const changeMtu = (s: typeof booted): EnvEvent => system.enabled(s, ['FAULT-USER-CONFIG']).find((x) => x.kind === 'user.mtu' && x.netdev === 0)!;
/** A user's MTU change on N1 and the change back: the components return, the fault bit stays. */
const there = changeMtu(booted);
const back = changeMtu(system.step(booted, there).state);
const loop = [there, back];

describe('the plain lasso behind a fair cycle of the reduced search', () => {
  it('is the loop itself when one pass brings the plain system back', () => {
    const lasso = plainLasso(system, ['FAULT-USER-CONFIG'], null, loop, loop);
    expect(lasso).toEqual({ events: [...loop, ...loop], loopStart: 2 });
  });

  it('unrolls the loop once when its first pass sets a fault bit the reduced state does not keep', () => {
    // From the booted state the first pass records FAULT-USER-CONFIG; the second starts where the third does.
    const lasso = plainLasso(system, ['FAULT-USER-CONFIG'], null, [], loop);
    expect(lasso).toEqual({ events: [...loop, ...loop], loopStart: 2 });
  });

  it('says so when the loop never comes back', () => {
    expect(() => plainLasso(system, ['FAULT-USER-CONFIG'], null, [], [there])).toThrow(ReplayError);
  });
});
