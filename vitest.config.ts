import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The plain-line reporter comes last so its summary is the run's closing line for CI.
    reporters: ['default', './test/support/plain-summary-reporter.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Two at a time even on two cores (vitest's default there is one): most suites wait on sockets,
    // child processes and timers, not the CPU, and one at a time took CI close to its 15 minutes.
    maxWorkers: 2,
  },
});
