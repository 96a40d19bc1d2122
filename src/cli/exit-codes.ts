/**
 * The exit codes of every hotup command: the one place outcomes become codes.
 * Scripts and CI depend on them, so they never change meaning; the README's
 * table and `hotup --help` are rendered from EXIT_TABLE below.
 *
 * A program error (a bug in hotup, not in the input) is INTERNAL, never 1:
 * 1 always means the model or the trace showed a real violation.
 */
export const EXIT = {
  /** Every property holds, the trace conforms, or the command did its work. */
  PASS: 0,
  /** A property is violated (explore, check, report, replay, replay-events) or a trace does not conform. */
  VIOLATION: 1,
  /** Bad input: a flag, a file or a record was refused; the message names the field and the fix. */
  BAD_INPUT: 2,
  /** conform: the trace cannot decide (it logs no event, or it ends inside a model step). */
  INCONCLUSIVE: 3,
  /** check: a limit (--max-states, --max-seconds) stopped the search before every state was seen, or a swarm found no violation; never a pass. */
  INCOMPLETE: 3,
  /** A program error inside hotup (EX_SOFTWARE of sysexits.h); please report it with the command that gave it. */
  INTERNAL: 70,
} as const;

/** One exit code. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The contract as rows: code and meaning, in the order a reader looks them up. */
export const EXIT_TABLE: readonly { code: number; meaning: string }[] = [
  { code: EXIT.PASS, meaning: 'pass: no violation found, the trace conforms, or the command did its work' },
  { code: EXIT.VIOLATION, meaning: 'violation: a property broken (explore, check, report, replay, replay-events) or a trace that does not conform' },
  { code: EXIT.BAD_INPUT, meaning: 'bad input: a flag, file or record refused; the message names the field and the fix; nothing is written' },
  { code: EXIT.INCOMPLETE, meaning: 'no verdict: check stopped at --max-states/--max-seconds, or a swarm (check --swarm, swarm merge) found no violation (INCOMPLETE), or conform\'s trace cannot decide (INCONCLUSIVE)' },
  { code: EXIT.INTERNAL, meaning: 'program error inside hotup (EX_SOFTWARE); report it with the command' },
];

/** The table as plain text for `--help`. */
export function exitCodesText(): string {
  return ['Exit codes:', ...EXIT_TABLE.map((r) => `  ${String(r.code).padStart(2)}  ${r.meaning}`)].join('\n');
}

/** The table as Markdown for the README. */
export function exitCodesMarkdown(): string {
  return ['| exit | meaning |', '| --- | --- |', ...EXIT_TABLE.map((r) => `| ${r.code} | ${r.meaning} |`)].join('\n');
}

/** The code for a verdict word of check, explore, conform or replay. */
export function exitCodeOf(verdict: 'pass' | 'conforming' | 'violation' | 'not-conforming' | 'incomplete' | 'inconclusive'): ExitCode {
  switch (verdict) {
    case 'pass':
    case 'conforming':
      return EXIT.PASS;
    case 'violation':
    case 'not-conforming':
      return EXIT.VIOLATION;
    case 'incomplete':
      return EXIT.INCOMPLETE;
    case 'inconclusive':
      return EXIT.INCONCLUSIVE;
  }
}
