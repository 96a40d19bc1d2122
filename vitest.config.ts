import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['machines/**/*.test.ts', 'scenarios/**/*.test.ts', 'properties/**/*.test.ts', 'src/**/*.test.ts', 'test/**/*.test.ts', 'twins/**/*.test.ts'],
    testTimeout: 60_000,
    globalSetup: ['test/temp-dir.ts'],
  },
});
