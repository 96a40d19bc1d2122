import { InvalidArgumentError } from 'commander';
import { shortQuote } from '../topology/quote.js';

/** Longer than any path a run of 100,000 steps prints. */
const MAX_PATH = 100_000;

/** --path: fast-check's replay path as printed, whole numbers joined by ':' (e.g. 0:2:2:1). */
export function replayPathOption(value: string): string {
  if (value.length > MAX_PATH || !/^[0-9]{1,9}(:[0-9]{1,9})*$/.test(value)) {
    throw new InvalidArgumentError(`--path takes whole numbers joined by ':' as printed (e.g. 0:2:2:1), got ${shortQuote(value)}; paste the replay command exactly as printed.`);
  }
  return value;
}

const B64 = '[A-Za-z0-9+/]';

/**
 * --commands-path: fc.commands' replay path as printed, run lengths and
 * changes in fast-check's base-64 digits joined by ':' (e.g. FCAAARO:VB);
 * six run lengths share one change digit.
 */
export function commandsPathOption(value: string): string {
  const m = new RegExp(`^(${B64}*):(${B64}*)$`).exec(value);
  if (value.length > MAX_PATH || !m || m[2]!.length !== Math.ceil(m[1]!.length / 6)) {
    throw new InvalidArgumentError(`--commands-path takes fast-check's commands path as printed (e.g. FCAAARO:VB), got ${shortQuote(value)}; paste the replay command exactly as printed.`);
  }
  return value;
}
