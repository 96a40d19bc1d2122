/** The version every child runs after boot; the tool upgrades to the next. */
export const BOOT_VERSION = 1;

/** The version the first run of the upgrade tool installs. */
export const TARGET_VERSION = 2;

/**
 * The versions a later run of the tool may target, in one boot: from a round
 * that installed v2, the next (v3), the same again (v2) or a downgrade (v1).
 * A small set keeps the state space finite however many rounds run; a
 * round compares versions only for equality, so three values are all two
 * children and a target can tell apart.
 */
export const ROUND_VERSIONS: readonly number[] = [1, 2, 3];

/** The MTU the user configures at boot, so that a lost configuration shows. */
export const BOOT_MTU = 9000;
