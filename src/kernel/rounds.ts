/** The log cut before every tool.start after the first: one trace per round of the tool. */
export function rounds(log: readonly string[]): string[][] {
  const out: string[][] = [[]];
  for (const line of log) {
    if (/hotup: event=tool\.start /.test(line) && out.at(-1)!.some((l) => /hotup: event=tool\.start /.test(l))) out.push([]);
    out.at(-1)!.push(line);
  }
  return out;
}
