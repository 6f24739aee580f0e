import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('../renderer', import.meta.url));

// The renderer is built once into dist/renderer and served by either shell. Everything it needs is in the
// bundle (fonts included): at run time it makes no request but to its own origin.
export default defineConfig({
  root,
  base: '/',
  plugins: [svelte()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 900,
    // The kiosk page, and the staff editor's page (served only by the editor's own server).
    rollupOptions: { input: { kiosk: `${root}/index.html`, editor: `${root}/editor.html` } },
  },
  server: { host: '127.0.0.1', proxy: { '/api': 'http://127.0.0.1:8350' } },
});
