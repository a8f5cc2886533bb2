import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real daemons (slapd, Dovecot, Apache, k6, Chromium) on a 2-core machine:
    // one test file at a time, so one file's load never skews another's SLOs.
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
