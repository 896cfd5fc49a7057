// Building the UI when it is missing or older than its sources. `npm start` (browser mode)
// and `kith start --ui` both need a built renderer to serve; a person who runs either on a
// fresh checkout should get the UI, not a page telling them to run `npm run build`.
import { spawn, type StdioOptions } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time (ms) of any file under `path`, or 0 if there is none. */
export function newestMtime(path: string): number {
  let info;
  try {
    info = statSync(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** The renderer build is missing, or older than a source it is built from. */
export function rendererNeedsBuild(builtAt: number, sourcesChangedAt: number): boolean {
  return builtAt === 0 || sourcesChangedAt > builtAt;
}

export function hasBuildScript(projectDir: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as { scripts?: Record<string, unknown> };
    return typeof pkg.scripts?.['build'] === 'string';
  } catch {
    return false;
  }
}

/** Whether the checkout at `projectDir` has a UI build older than its sources (or none). */
export function rendererIsStale(projectDir: string): boolean {
  const built = newestMtime(join(projectDir, 'dist', 'renderer', 'index.html'));
  const sources = Math.max(newestMtime(join(projectDir, 'renderer')), newestMtime(join(projectDir, 'vite.renderer.config.ts')));
  return rendererNeedsBuild(built, sources);
}

export type BuildOutcome = 'fresh' | 'built' | 'no-build-script' | 'failed';

/**
 * Builds the UI with `npm run build` if it is stale. The build's output goes to `output`
 * (standard error for `kith start`, so its `--json` line stays the only thing on stdout).
 */
export async function ensureRendererBuilt(projectDir: string, log: (line: string) => void, output: 'inherit' | 'stderr' = 'inherit'): Promise<BuildOutcome> {
  if (!rendererIsStale(projectDir)) return 'fresh';
  if (!hasBuildScript(projectDir)) return 'no-build-script';
  log('Building the UI (npm run build)…');
  const stdio: StdioOptions = output === 'inherit' ? 'inherit' : ['ignore', 2, 2];
  const code = await new Promise<number>((resolve) => {
    // npm is npm.cmd on Windows, which only a shell can start.
    const child = spawn('npm', ['run', 'build'], { cwd: projectDir, stdio, shell: process.platform === 'win32' });
    child.on('error', () => resolve(127));
    child.on('exit', (exit) => resolve(exit ?? 1));
  });
  return code === 0 ? 'built' : 'failed';
}
