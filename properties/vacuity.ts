import { PROPERTY_IDS } from './index.js';

/** A property's verdict with its vacuity: `not exercised` when its premise never held, whatever else was found. */
export function exercisedVerdict(id: string, exercised: Readonly<Record<string, number>>, unit: string, violated: string | null): string {
  const n = exercised[id] ?? 0;
  const count = `${n.toLocaleString('en-US')} ${unit}${n === 1 ? '' : 's'}`;
  if (violated === id) return `violated (exercised in ${count})`;
  if (n === 0) return 'not exercised: its premise was never met';
  return violated ? `no violation before ${violated} (exercised in ${count})` : `held, exercised in ${count}`;
}

/**
 * One line per property: held (or violated) with the count of steps or states
 * in which its premise held, or "not exercised". `unit` names what INV-* count
 * and `liveUnit` what LIVE-* count.
 */
export function vacuityLines(exercised: Readonly<Record<string, number>>, unit: string, liveUnit: string, violated: string | null, only: readonly string[] | null = null): string[] {
  return PROPERTY_IDS.filter((id) => !only || only.includes(id)).map((id) => `  ${id.padEnd(20)} ${exercisedVerdict(id, exercised, id.startsWith('LIVE-') ? liveUnit : unit, violated)}`);
}
