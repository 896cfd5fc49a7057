// Worker threads in the bundled main process. The core starts its workers the ESM way,
// `new Worker(new URL('./verify-worker.ts', import.meta.url))` — written out in the file
// beside the worker, even when a pool (src/base/worker-pool.ts) runs it — which only works where
// the .ts file itself sits next to the caller (Node running the sources). In the bundle
// each worker is its own entry, built next to main.cjs, so the URL is rewritten to that
// file. A worker this list does not know fails the build instead of failing at run time.

/** Worker entry name → its source, relative to the project. */
export const NODE_WORKERS: Readonly<Record<string, string>> = {
  'verify-worker': 'src/app/bundle/verify-worker.ts',
  'shared-credential-worker': 'src/trust/shared-credential-worker.ts',
};

const WORKER_URL = /new\s+URL\(\s*(['"])\.\/([A-Za-z0-9_-]+)\.ts\1\s*,\s*import\.meta\.url\s*\)/g;

/** The code with each worker URL replaced by the built worker's path; throws on an unknown worker. */
export function rewriteWorkerUrls(code: string, known: Readonly<Record<string, string>> = NODE_WORKERS): string | undefined {
  if (!code.includes('new Worker(')) return undefined;
  let changed = false;
  const result = code.replace(WORKER_URL, (_match, _quote: string, name: string) => {
    if (!Object.hasOwn(known, name)) throw new Error(`Worker ./${name}.ts is not listed in electron/vite/node-workers.ts: add it so the desktop build includes it.`);
    changed = true;
    // The main bundle is CommonJS, where __dirname is the folder of main.cjs.
    return `(__dirname + ${JSON.stringify(`/${name}.cjs`)})`;
  });
  return changed ? result : undefined;
}
