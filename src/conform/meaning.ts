/**
 * Free text compared by what it says, not how: an upgrade tool's report
 * ("no upgrade-finished notification from C1", or a real tool's "hotup_c1:
 * timed out waiting for the upgrade notification") is reduced to its reason
 * and the children and netdevs it names, in the model's names.
 */

/** The reasons a report may give, each recognised by its words; the first that matches wins. */
export const REPORT_REASONS: readonly { readonly reason: string; readonly words: RegExp }[] = [
  { reason: 'parent-removed', words: /\b(parent|pci)\b.*\b(remov|gone|unplug)|\bsurprise.?remov|\bdevice (was )?removed/i },
  { reason: 'unloaded-early', words: /\bunload(ed)?\b.*\bbefore\b|\bremoved before\b|\bwent away before\b|\bbefore it notified\b/i },
  { reason: 'no-notification', words: /\bno\b.*\bnotif|\btim(ed|e)[ -]?out\b|\btimeout\b|\bnever notified\b|\bnotification\b.*\b(lost|missing|never)\b/i },
  { reason: 'bind-failed', words: /\bbind|\bprobe\b.*\bfail|\bfail.*\bprobe|\bsub-?devices?\b/i },
];

/** A report's meaning as a canonical string: `reason=R names=C1,N2` (reason `?` when no rule recognises the words). */
export function meaningOf(text: string, model: (name: string) => string | null): string {
  const reason = REPORT_REASONS.find((r) => r.words.test(text))?.reason ?? '?';
  const named = new Set<string>();
  for (const token of text.split(/[^A-Za-z0-9_.:-]+/)) {
    const t = token.replace(/[.:]+$/, '');
    if (!t) continue;
    const m = model(t);
    if (m !== null) named.add(m);
  }
  return `reason=${reason} names=${[...named].sort().join(',')}`;
}

/** The model names a model sentence uses (C1, N2, S3). */
export const modelName = (t: string): string | null => (/^[NCS][1-9][0-9]*$/.test(t) ? t : null);

/** Whether a logged meaning (already reduced) says what the model's sentence says; a reason the words did not give matches any. */
export function sameMeaning(model: string, loggedMeaning: string): boolean {
  const m = meaningOf(model, modelName);
  if (m === loggedMeaning) return true;
  const [lr, ln] = loggedMeaning.split(' ');
  const [mr, mn] = m.split(' ');
  return lr === 'reason=?' && ln === mn && mr !== undefined;
}
