// Svelte 5 in runes mode everywhere; CSS is emitted into files so the strict CSP never needs inline styles.
export default {
  compilerOptions: { runes: true, css: 'external' },
};
