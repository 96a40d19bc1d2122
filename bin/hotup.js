#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so the package needs no build step.
import { spawn } from 'node:child_process';
import { register } from 'tsx/esm/api';

/** What `hotup check` asks of glibc: back large allocations with transparent huge pages. */
const HUGE_PAGES = 'glibc.malloc.hugetlb=1'; // HUGE_PAGES_TUNABLE in src/cli/huge-pages.ts

// An exhaustive check spends much of its time on random reads of tables of
// hundreds of MB to GB; where Linux gives transparent huge pages only on
// request (the madvise mode), glibc requests them for its large allocations
// when this tunable is set, which it reads at start-up only. So `check` runs
// itself again with it, unless GLIBC_TUNABLES says otherwise (README.md, hotup check).
if (process.platform === 'linux' && process.argv[2] === 'check' && process.env.GLIBC_TUNABLES === undefined) {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, GLIBC_TUNABLES: HUGE_PAGES } });
  // A signal sent to this process alone is passed on (a terminal's Ctrl-C reaches the child as well; check stops on the first).
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal === null) process.exit(code ?? 1);
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  });
} else {
  register();
  await import('../src/cli/main.ts');
}
