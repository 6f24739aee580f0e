import { defineConfig } from 'vitest/config';

// Unit tests: plain Node, one folder per layer under tests/unit. No browser, no Electron binary.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
  },
});
