// Vite config for the preload (.vite/build/preload.cjs), merged by Electron Forge's Vite
// plugin over its defaults (one CommonJS file, electron external). A sandboxed preload
// is a classic script that may only require('electron'): everything else it imports
// (channels.ts, preload-api.ts, security.ts) is bundled in, and it must not pull in Node.
export default {
  build: {
    target: 'chrome140',
    rollupOptions: {
      output: { entryFileNames: '[name].cjs' },
    },
  },
};
