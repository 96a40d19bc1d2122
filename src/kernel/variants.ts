/** A build of the modules: the child version it carries and the design flag it is built with. */
export interface Variant {
  /** Directory name in the guest (/ko/NAME) and in the build cache. */
  readonly name: string;
  readonly version: number;
  /** The C flag HOTUP_MUT_<flag>, or null for the correct design. */
  readonly mut: string | null;
}

/** The model's mutant id of a build flag. */
export const MUTANT_OF_FLAG: Readonly<Record<string, string>> = {
  PRIOR_ART: 'MUT-PRIOR-ART',
  NO_DRAIN: 'MUT-NO-DRAIN',
  NO_WAIT_FAILOVER: 'MUT-NO-WAIT-FAILOVER',
  NO_LINK_CLOSE: 'MUT-NO-LINK-CLOSE',
};

const correct = (v: number): Variant => ({ name: `v${v}`, version: v, mut: null });
const mutant = (flag: string, v: number): Variant => ({ name: `${flag.toLowerCase().replace(/_/g, '-')}-v${v}`, version: v, mut: flag });

/** Every build the scenarios load: the correct design at versions 1..3, each mutant at 1 and 2. */
export const VARIANTS: readonly Variant[] = [
  correct(1), correct(2), correct(3),
  ...Object.keys(MUTANT_OF_FLAG).flatMap((f) => [mutant(f, 1), mutant(f, 2)]),
];

/** The build of a design flag (null: correct) at a version. */
export function variantOf(mut: string | null, version: number): Variant {
  const v = VARIANTS.find((x) => x.mut === mut && x.version === version);
  if (!v) throw new Error(`no module build for ${mut ?? 'the correct design'} at version ${version}`);
  return v;
}
