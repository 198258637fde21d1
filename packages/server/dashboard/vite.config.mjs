// The dashboard's build: Preact through Vite, into ../assets/dashboard (served by `assure serve`
// at `/`; not committed). `pnpm build` runs it after tsc, packing the package runs it when the
// built page is older than its sources (scripts/prepack-dashboard.mjs); run
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
