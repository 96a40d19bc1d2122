/** The version every child runs after boot; the tool upgrades to the next. */
export const BOOT_VERSION = 1;

/** The version the upgrade tool installs. */
export const TARGET_VERSION = 2;

/** The MTU the user configures at boot, so that a lost configuration shows. */
export const BOOT_MTU = 9000;
