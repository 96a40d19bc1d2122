import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { folderGraph } from './folder-graph.js';
import { ABOUT, LAYERS } from './layers.js';
import { readSources } from './sources.js';
import { formatViolations, layerViolations } from './violations.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the layering of the code', () => {
  it('no folder imports a higher layer, and no folders import each other in a loop', () => {
    const violations = layerViolations(folderGraph(readSources(ROOT)), LAYERS);
    expect(violations, `the layer order in src/architecture/layers.ts is broken:\n${formatViolations(violations)}`).toEqual([]);
  });

  it('lists every unit once, with one line saying what lives there', () => {
    const units = LAYERS.flat();
    expect(new Set(units).size, 'a unit is in two layers').toBe(units.length);
    expect(Object.keys(ABOUT).sort()).toEqual([...units].sort());
  });
});
