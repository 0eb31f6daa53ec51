import { defineConfig } from 'vite';

// The dashboard: plain TypeScript, no framework, built into web/dist and served by `vigil serve`.
// No inline script is emitted (the CSP forbids it), and nothing is loaded from another origin.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
