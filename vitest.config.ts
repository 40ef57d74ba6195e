import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Reports print local times: pin the process zone so no test depends on the machine's.
    // Builds in tests skip the sensitivity run (a minute of CPU per build); the tests of it ask
    // for it with --sensitivity-samples.
    env: { TZ: 'UTC', FORCE_COLOR: '0', INCIDENT_REPLAY_SENSITIVITY_SAMPLES: '0' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
