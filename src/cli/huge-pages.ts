/** The glibc tunable bin/hotup.js sets for `check`: back large allocations with transparent huge pages. */
export const HUGE_PAGES_TUNABLE = 'glibc.malloc.hugetlb=1';

/** Whether this process asked glibc for transparent huge pages (GLIBC_TUNABLES is read at start-up, so this says what the allocator does). */
export function hugePagesAsked(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.GLIBC_TUNABLES ?? '').split(':').includes(HUGE_PAGES_TUNABLE);
}
