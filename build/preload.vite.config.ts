import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// One self-contained CommonJS file for the sandboxed preload: only `electron` stays external.
export default defineConfig({
  build: {
    outDir: fileURLToPath(new URL('../dist/preload', import.meta.url)),
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    lib: {
      entry: fileURLToPath(new URL('../electron/shell/preload.ts', import.meta.url)),
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rollupOptions: { external: ['electron'] },
  },
});
