// Builds the UI (renderer/) into dist/renderer: what the headless node serves to a
// browser (src/daemon/static-files.ts) and what the Electron window loads from disk.
// The bridge serves it under a strict CSP (script-src 'self', style-src 'self'), so the
// build must emit external files only: no inline scripts, no inline styles.
import { defineConfig } from 'vite';

export default defineConfig({
  root: new URL('./renderer', import.meta.url).pathname,
  // Relative asset URLs work both over http://127.0.0.1:PORT/ and from file:// in Electron.
  base: './',
  // No public folder, no dev-only env leaking into the build.
  publicDir: false,
  envPrefix: 'KITH_UI_',
  // React 19's automatic JSX runtime, compiled by Vite's own transformer (no plugin needed
  // for a production build; Electron Forge's dev server may add React refresh later).
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: new URL('./dist/renderer', import.meta.url).pathname,
    emptyOutDir: true,
    target: 'es2022',
    // The modulepreload polyfill would be an inline script the CSP refuses; every browser
    // Kith runs in (Chromium in Electron, a current browser) preloads modules natively.
    modulePreload: { polyfill: false },
    // Never inline assets as data: URLs into CSS/JS; keep them as files.
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
    rollupOptions: {
      // blank.html: an empty page the same bridge serves, the baseline the first screen's
      // time is measured against (test/e2e, bench/first-screen.ts).
      input: { index: new URL('./renderer/index.html', import.meta.url).pathname, blank: new URL('./renderer/blank.html', import.meta.url).pathname },
    },
  },
});
