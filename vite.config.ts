/**
 * Dashboard build (`npm run build:web` → web/dist, served by `coopwatch serve`).
 * Preact JSX through esbuild's automatic runtime (no preset plugin needed); everything bundled,
 * no CDN. In development (`npx vite`), /api is proxied to a running `coopwatch serve`.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'web',
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    // No inline scripts/styles: the page's CSP is script-src 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
});
