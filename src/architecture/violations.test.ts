import { describe, expect, it } from 'vitest';
import { folderGraph, unitOf } from './folder-graph.js';
import type { SourceFile } from './sources.js';
import { relativeImports } from './sources.js';
import { folderCycles, formatViolations, layerViolations } from './violations.js';

const file = (path: string, ...imports: string[]): SourceFile => ({ path, lines: 10, imports });
const LAYERS = [['machines'], ['src/a', 'src/b'], ['src/cli']];

describe('the folder graph', () => {
  it('maps a file to its folder unit', () => {
    expect(unitOf('machines/bond.ts')).toBe('machines');
    expect(unitOf('bench/peers/run.ts')).toBe('bench');
    expect(unitOf('src/check/bfs.ts')).toBe('src/check');
    expect(unitOf('src/mutants.ts')).toBe('src/mutants');
  });

  it('reads relative imports of every kind, and no package import', () => {
    const text = [
      "import { x } from './x.js';",
      "import type { Y } from '../y/y.js';",
      "export * from './z.js';",
      "const w = await import('./w.js');",
      "import ts from 'typescript';",
      "import { x as x2 } from './x.js';",
    ].join('\n');
    expect(relativeImports('src/a/f.ts', text)).toEqual(['src/a/w.ts', 'src/a/x.ts', 'src/a/z.ts', 'src/y/y.ts']);
  });

  it('counts file imports per edge and leaves out imports within a unit', () => {
    const g = folderGraph([file('src/a/f.ts', 'src/a/g.ts', 'machines/m.ts'), file('src/a/g.ts', 'machines/m.ts'), file('machines/m.ts')]);
    expect([...g.units.keys()]).toEqual(['machines', 'src/a']);
    expect(g.edges.map((e) => [e.from, e.to, e.imports.length])).toEqual([['src/a', 'machines', 2]]);
  });
});

describe('the violation finder', () => {
  it('finds nothing in a graph that keeps the order', () => {
    const g = folderGraph([file('src/cli/c.ts', 'src/a/a.ts'), file('src/a/a.ts', 'src/b/b.ts'), file('src/b/b.ts', 'machines/m.ts'), file('machines/m.ts')]);
    expect(layerViolations(g, LAYERS)).toEqual([]);
  });

  it('reports an upward import, a loop within a layer and an unlisted folder, naming the files', () => {
    const g = folderGraph([
      file('machines/m.ts', 'src/cli/c.ts'),
      file('src/cli/c.ts'),
      file('src/a/a.ts', 'src/b/b.ts'),
      file('src/b/b.ts', 'src/a/a.ts'),
      file('extra/e.ts', 'machines/m.ts'),
    ]);
    const found = layerViolations(g, LAYERS);
    expect(found.map((v) => v.kind).sort()).toEqual(['cycle', 'unlisted', 'upward']);
    expect(found).toContainEqual({ kind: 'unlisted', unit: 'extra' });
    expect(found).toContainEqual({ kind: 'upward', from: 'machines', to: 'src/cli', imports: [{ from: 'machines/m.ts', to: 'src/cli/c.ts' }] });
    const text = formatViolations(found);
    expect(text).toContain('machines imports src/cli, a higher layer:\n    machines/m.ts -> src/cli/c.ts');
    expect(text).toContain('loop between src/a, src/b, closed by:\n    src/a/a.ts -> src/b/b.ts\n    src/b/b.ts -> src/a/a.ts');
    expect(text).toContain('extra is in no layer: add it to LAYERS');
  });

  it('names a loop by the imports that close it: the upward one, not the downward ones', () => {
    const g = folderGraph([file('machines/m.ts', 'src/cli/c.ts'), file('src/cli/c.ts', 'src/a/a.ts'), file('src/a/a.ts', 'machines/m.ts')]);
    const loop = layerViolations(g, LAYERS).find((v) => v.kind === 'cycle');
    expect(loop).toEqual({ kind: 'cycle', units: ['machines', 'src/a', 'src/cli'], imports: [{ from: 'machines/m.ts', to: 'src/cli/c.ts' }] });
  });

  it('finds a loop through three folders and none in a chain', () => {
    const edge = (from: string, to: string) => ({ from, to, imports: [] });
    expect(folderCycles(['x', 'y', 'z', 'w'], [edge('x', 'y'), edge('y', 'z'), edge('z', 'x'), edge('w', 'x')])).toEqual([['x', 'y', 'z']]);
    expect(folderCycles(['x', 'y', 'z'], [edge('x', 'y'), edge('y', 'z')])).toEqual([]);
  });
});
