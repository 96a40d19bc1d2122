#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so the package needs no build step.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What `hotup check` asks of glibc: back large allocations with transparent huge pages. */
const HUGE_PAGES = 'glibc.malloc.hugetlb=1'; // HUGE_PAGES_TUNABLE in src/cli/huge-pages.ts
/** Names the file this process creates when the user interrupts the check. */
const STOP_FILE = 'HOTUP_STOP_FILE'; // STOP_FILE_VARIABLE in src/cli/interrupt.ts

// `check` runs in a child of this process, for two reasons (README.md, hotup check):
// - An exhaustive check spends much of its time on random reads of tables of
//   hundreds of MB to GB; where Linux gives transparent huge pages only on
//   request (the madvise mode), glibc requests them for its large allocations
//   when this tunable is set, which it reads at start-up only. The child gets
//   it unless GLIBC_TUNABLES says otherwise.
// - The search runs without yielding, so the check cannot take its own SIGINT
//   until it ends; this process, idle, takes it and creates the stop file the
//   search looks for about five times a second, so a Ctrl-C ends the check
//   with the figures it reached. A second SIGINT ends it at once.
if (process.argv[2] === 'check' && process.env[STOP_FILE] === undefined) {
  // In a folder of its own (mode 0700), so that no other user can plant or remove it.
  const stopDir = mkdtempSync(join(tmpdir(), 'hotup-check-'));
  const stopFile = join(stopDir, 'stop');
  const env = { ...process.env, [STOP_FILE]: stopFile };
  if (process.platform === 'linux' && process.env.GLIBC_TUNABLES === undefined) env.GLIBC_TUNABLES = HUGE_PAGES;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env });
  let interrupts = 0;
  process.on('SIGINT', () => {
    if (++interrupts === 1) writeFileSync(stopFile, '');
    // A terminal's Ctrl-C reaches the child as well, which leaves it to the stop file; one sent to this process alone is passed on.
    child.kill(interrupts === 1 ? 'SIGINT' : 'SIGTERM');
  });
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    rmSync(stopDir, { recursive: true, force: true });
    if (signal === null) process.exit(code ?? 1);
    const mine = signal === 'SIGTERM' && interrupts > 1 ? 'SIGINT' : signal;
    process.removeAllListeners(mine);
    process.kill(process.pid, mine);
  });
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
