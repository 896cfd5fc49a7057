// Vite config for the main process bundle (.vite/build/main.cjs), merged by Electron
// Forge's Vite plugin over its defaults (Node built-ins and electron external, Node
// resolve conditions). The core is TypeScript with `.ts` import specifiers (Node's type
// stripping); Vite resolves those as they are. CommonJS output, as `.cjs` because the
// project's package.json says "type": "module".
import { fileURLToPath } from 'node:url';
import { findNativePackages } from '../build/native-modules.ts';
import { NODE_WORKERS, rewriteWorkerUrls } from './node-workers.ts';

const projectDir = fileURLToPath(new URL('../..', import.meta.url));
const natives = findNativePackages(projectDir);

export default {
  build: {
    // Electron 41 runs Node 24.
    target: 'node24',
    sourcemap: true,
    lib: {
      entry: { main: 'electron/main.ts', ...NODE_WORKERS },
      formats: ['cjs'],
      fileName: (_format: string, name: string) => `${name}.cjs`,
    },
    rollupOptions: {
      // Node, not a browser: Rolldown then fills in import.meta.url (and dirname, filename)
      // for CommonJS output, which ESM dependencies read (credentials-context's contexts).
      platform: 'node' as const,
      // Native addons load their .node file from their own package folder: never bundled
      // (forge.config.ts packages them beside the bundle). Their subpaths too.
      external: natives.flatMap((name) => [name, new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/`)]),
      output: { entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs' },
    },
  },
  plugins: [
    {
      name: 'kith:node-worker-urls',
      enforce: 'pre' as const,
      transform(code: string, id: string) {
        if (!id.endsWith('.ts')) return undefined;
        const rewritten = rewriteWorkerUrls(code);
        return rewritten === undefined ? undefined : { code: rewritten, map: null };
      },
    },
  ],
};
