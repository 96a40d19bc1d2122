// Renders docs/kernel-reference.md from bench/results/kernel.json.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kernelReferenceMarkdown, type KernelResults } from './reference-doc.js';

const ROOT = join(import.meta.dirname, '..', '..');
const results = JSON.parse(readFileSync(join(ROOT, 'bench', 'results', 'kernel.json'), 'utf8')) as KernelResults;
const out = join(ROOT, 'docs', 'kernel-reference.md');
writeFileSync(`${out}.tmp`, kernelReferenceMarkdown(results));
renameSync(`${out}.tmp`, out);
