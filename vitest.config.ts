import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Unit tests: plain Node, one folder per layer under tests/unit. No browser, no Electron binary. The Svelte
// plugin compiles the renderer's `.svelte.ts` state classes so their runes work in Node too.
export default defineConfig({
  plugins: [svelte({ configFile: false, compilerOptions: { runes: true } })],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
  },
});
