import { defineConfig } from 'vitest/config';

// The Redis tests run real timer chains (group_wait 200ms, group_interval 500ms) for seconds.
export default defineConfig({ test: { testTimeout: 20_000, hookTimeout: 20_000 } });
