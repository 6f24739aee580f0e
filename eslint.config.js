// Lint is where the layers are enforced (see README "Architecture"):
//   renderer/  → never Node built-ins, never electron, never electron/ code
//   contract/  → only valibot: shared by renderer and host, so neither DOM nor Node
//   electron/core, electron/kiosk, electron/cli, electron/editor → plain Node: never electron, never svelte, never renderer/
//   electron/shell → the only place that may import electron; never svelte or renderer/
//   tests/ → never sleep: wait on app events (page.waitForTimeout is banned)
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteParser from 'svelte-eslint-parser';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http',
  'https', 'http2', 'module', 'net', 'os', 'path', 'process', 'readline', 'stream', 'tls', 'tty', 'url', 'util',
  'v8', 'vm', 'worker_threads', 'zlib',
];
const noNode = [
  { group: ['node:*'], message: 'The renderer sees only the DOM: ask the host through the Transport instead.' },
  ...nodeBuiltins.map((name) => ({ group: [name], message: 'The renderer never imports Node built-ins.' })),
];
const noElectron = { group: ['electron', 'electron/*'], message: 'Only electron/shell may import electron.' };
const noSvelte = { group: ['svelte', 'svelte/*', '*.svelte'], message: 'Host code never imports Svelte.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-output/**', 'bench-output/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
      eqeqeq: 'error',
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [...noNode, noElectron,
          { group: ['**/electron/**'], message: 'The renderer talks to the host only through contract/ and its Transport.' }],
      }],
    },
  },
  {
    files: ['renderer/**/*.svelte', 'renderer/**/*.svelte.ts'],
    languageOptions: {
      parser: svelteParser,
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
  {
    files: ['contract/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [...noNode, noElectron, noSvelte,
          { group: ['**/electron/**', '**/renderer/**'], message: 'contract/ depends on nothing but valibot.' }],
      }],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/kiosk/**/*.ts', 'electron/cli/**/*.ts', 'electron/editor/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [noElectron, noSvelte,
          { group: ['**/renderer/**'], message: 'Host code never imports renderer code.' },
          { group: ['**/shell/**'], message: 'The host core must run without Electron.' }],
      }],
    },
  },
  {
    files: ['electron/shell/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [noSvelte, { group: ['**/renderer/**'], message: 'Main-process code never imports renderer code.' }],
      }],
    },
  },
  {
    files: ['**/*.mjs', 'bin/**/*.js'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-console': 'off' },
  },
  {
    files: ['tests/**/*.ts', '*.config.ts', 'eslint.config.js', 'build/**/*.ts', 'renderer/svelte.config.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      'no-restricted-properties': ['error',
        { property: 'waitForTimeout', message: 'Tests wait on app events, never on the clock.' }],
      'no-console': 'off',
    },
  },
);
