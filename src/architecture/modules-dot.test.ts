import { describe, expect, it } from 'vitest';
import { folderGraph } from './folder-graph.js';
import { approxLines, modulesDot } from './modules-dot.js';
import { layerViolations } from './violations.js';

describe('the module diagram', () => {
  it('rounds line counts to two significant digits', () => {
    expect([4, 94, 218, 2275, 12_345].map(approxLines)).toEqual(['10', '90', '220', '2,300', '12,000']);
  });

  it('puts each layer on a rank, labels edges with import counts and draws only the upward edge in red', () => {
    const layers = [['machines'], ['src/cli'], ['bench']];
    const g = folderGraph([
      { path: 'machines/m.ts', lines: 5, imports: ['src/cli/c.ts'] },
      { path: 'src/cli/c.ts', lines: 5, imports: [] },
      { path: 'src/cli/d.ts', lines: 5, imports: ['machines/m.ts'] },
    ]);
    const dot = modulesDot(g, layers, layerViolations(g, layers));
    expect(dot).toContain('{ rank=same; "layer 0" [shape=plaintext, style="", fontcolor="#57606a"]; "machines" [label="machines\\n≈ 10 lines"]; }');
    expect(dot).toContain('"src/cli" -> "machines" [label="1"];');
    expect(dot).toContain('"machines" -> "src/cli" [label="1", color="#cf222e"');
    expect(dot).not.toContain('"bench"');
  });
});
