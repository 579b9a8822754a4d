import { defineConfig } from 'vitest/config';

// End-to-end tests start real processes: give them time, and never run two files' worth of
// process fleets at once on a 2-core machine.
export default defineConfig({
  test: {
    testTimeout: 420_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
