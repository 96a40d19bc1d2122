import { and, not } from 'xstate';
import { describe, expect, it } from 'vitest';
import { graphOf } from '../explore/coverage.js';
import { diagramMachines } from './diagram-files.js';
import { machineDot } from './machine-dot.js';
import { guardText, machineGraph } from './machine-graph.js';
import { machineMermaid } from './machine-mermaid.js';

describe('machine graphs', () => {
  for (const m of diagramMachines()) {
    describe(m.id, () => {
      const g = machineGraph(m);
      const mermaid = machineMermaid(g);
      const dot = machineDot(g);

      it('has every state and transition that toDirectedGraph lists, under the keys Coverage records', () => {
        const reference = graphOf(m);
        expect(g.states.map((s) => s.id)).toEqual(reference.states);
        const keys = new Set(g.transitions.map((t) => t.key));
        for (const t of reference.transitions) expect(keys).toContain(t);
      });

      it('draws every state, event and guard in Mermaid and in DOT', () => {
        for (const s of g.states.slice(1)) {
          const path = s.id.slice(m.id.length + 1).replace(/\./g, '_');
          expect(mermaid).toContain(s.children.length ? `state ${path} {` : `state "${s.key}" as ${path}`);
          expect(dot).toContain(`label="${s.key}"`);
        }
        for (const t of g.transitions) {
          const head = t.event || 'always';
          expect(mermaid).toContain(head);
          expect(dot).toContain(head);
          if (t.guard) {
            expect(mermaid).toContain(`[${t.guard}]`);
            expect(dot).toContain(`[${t.guard.replace(/&/g, '&amp;')}]`);
          }
        }
      });
    });
  }

  it('keeps the eventless transitions toDirectedGraph leaves out', () => {
    const eventless = diagramMachines().flatMap((m) => machineGraph(m).transitions.filter((t) => t.event === '').map((t) => `${t.key} [${t.guard}]`));
    expect(eventless).toEqual([
      'child.loading:always->child.loaded [probingDone]',
      'child.unloading.removing:always->child.unloading.draining [noBoundSubdev]',
      'bond.noCarrier:always->bond.carrier [anySlaveUp]',
      'bond.carrier:always->bond.noCarrier [noSlaveUp]',
    ]);
  });

  it('writes combined guards as the machine does', () => {
    expect(guardText('childFailed')).toBe('childFailed');
    expect(guardText(and([not('childBusy'), 'childFailed']))).toBe('!childBusy && childFailed');
    expect(guardText(undefined)).toBeNull();
  });
});
