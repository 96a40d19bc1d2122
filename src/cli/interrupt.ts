import { existsSync } from 'node:fs';

/** The variable through which bin/hotup.js names the file it creates when the user interrupts `hotup check` (SIGINT). */
export const STOP_FILE_VARIABLE = 'HOTUP_STOP_FILE';

/** Milliseconds between two looks at the stop file. */
const LOOK_EVERY_MS = 200;

/**
 * The poll `hotup check` gives its search for the user's interrupt, or null
 * when it cannot have one.
 *
 * The search runs in this thread without yielding, so a SIGINT handler here
 * runs only once it has ended. bin/hotup.js, idle, takes the signal instead
 * and creates the stop file; this process keeps a terminal's Ctrl-C (sent to
 * the whole process group) from ending it, and the search stops at its next
 * look at the file, with the figures it reached. Started without
 * bin/hotup.js, a check keeps SIGINT's default: it ends at once.
 */
export function interruptPoll(env: NodeJS.ProcessEnv = process.env): (() => boolean) | null {
  const file = env[STOP_FILE_VARIABLE];
  if (!file) return null;
  let asked = false;
  // Runs when the event loop does: between levels of a search on several workers, or not at all during one on one.
  process.on('SIGINT', () => (asked = true));
  let next = 0;
  return () => {
    if (asked) return true;
    const now = Date.now();
    if (now < next) return false;
    next = now + LOOK_EVERY_MS;
    return (asked = existsSync(file));
  };
}
