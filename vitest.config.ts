import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Reports print local times: pin the process zone so no test depends on the machine's.
    env: { TZ: 'UTC', FORCE_COLOR: '0' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
