/** A guard as its machine wrote it: a name, or and/or/not over names. */
export function guardText(guard: unknown): string | null {
  if (guard === undefined || guard === null) return null;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && 'type' in guard) return String((guard as { type: unknown }).type);
  if (typeof guard === 'function') {
    const parts = ((guard as { guards?: unknown[] }).guards ?? []).map((g) => guardText(g) ?? '?');
    switch (guard.name) {
      case 'not':
        return `!${parts[0] ?? '?'}`;
      case 'and':
        return parts.join(' && ');
      case 'or':
        return parts.map((p) => `(${p})`).join(' || ');
      default:
        return guard.name || 'guard';
    }
  }
  return 'guard';
}
