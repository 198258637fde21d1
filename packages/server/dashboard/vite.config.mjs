// The dashboard's build: Preact through Vite, into ../assets/dashboard (served by `assure serve`
// at `/`; not committed). `pnpm build` runs it after tsc, and packing the package runs it; run
// `pnpm -F @assure/server build:dashboard` alone after changing dashboard/src.
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('../assets/dashboard', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // No inline data: URLs or inline scripts: the CSP allows only the page's own files.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
