/**
 * Gives the test run a temporary directory of its own (TMPDIR, which
 * os.tmpdir() reads, in every test process and every process a test
 * starts), and removes it with all the tests left in it when the run ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let dir: string | null = null;

export function setup(): void {
  dir = mkdtempSync(join(tmpdir(), 'hotup-tests-'));
  process.env.TMPDIR = dir;
}

export function teardown(): void {
  if (dir !== null) rmSync(dir, { recursive: true, force: true });
}
