/** The glibc tunable bin/hotup.js sets for `check`: back large allocations with transparent huge pages. */
export const HUGE_PAGES_TUNABLE = 'glibc.malloc.hugetlb=1';

/** Whether this process asked glibc for transparent huge pages (glibc reads GLIBC_TUNABLES once, at start-up, so the variable says what its allocator was told). */
export function hugePagesAsked(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.GLIBC_TUNABLES ?? '').split(':').includes(HUGE_PAGES_TUNABLE);
}
