import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topologyToJson } from '../conform/topology-json.js';
import { topologyJson, jsonEdit, applyEdits } from '../../test/fuzz/arbitraries.js';
import { parseTopology, TopologyError } from './parse.js';
import { PRESETS } from './presets.js';
import { TOPOLOGY_DOC_FILE, TOPOLOGY_SCHEMA_FILE, topologyDocs } from './topology-docs.js';

const root = join(import.meta.dirname, '..', '..');
const shipped = JSON.parse(readFileSync(join(root, TOPOLOGY_SCHEMA_FILE), 'utf8')) as object;
const validate = new Ajv2020({ strict: true }).compile(shipped);

describe('the topology schema', () => {
  it.each([...topologyDocs()].map(([path, text]) => [path, text]))('%s is fresh (npm run docs)', (path, text) => {
    expect(readFileSync(join(root, path), 'utf8')).toBe(text);
  });

  it.each(Object.keys(PRESETS))('accepts preset %s in its file form', (name) => {
    expect(validate(topologyToJson(PRESETS[name]!)), JSON.stringify(validate.errors)).toBe(true);
    expect(parseTopology(topologyToJson(PRESETS[name]!))).toMatchObject({ ...PRESETS[name], name });
  });

  it('documents every field, bond options included', () => {
    const doc = readFileSync(join(root, TOPOLOGY_DOC_FILE), 'utf8');
    for (const f of ['name', 'children', 'binding', 'bond', 'bond.mode', 'bond.primary', 'bond.primary_reselect', 'bond.downdelay', 'bond.updelay', 'channel', 'max_in_flight', 'flows']) {
      expect(doc).toContain(`| \`${f}\` |`);
    }
  });

  it('is what parseTopology enforces: whatever it accepts, the shipped schema accepts (fixed seed, 300 inputs)', () => {
    fc.assert(
      fc.property(topologyJson, fc.array(jsonEdit, { maxLength: 2 }), (t, edits) => {
        const data = applyEdits(t, edits);
        let accepted = true;
        try {
          parseTopology(data);
        } catch (e) {
          if (!(e instanceof TopologyError)) throw e;
          accepted = false;
        }
        if (accepted) expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
      }),
      { seed: 19, numRuns: 300 },
    );
  });
});
