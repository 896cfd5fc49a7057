// Makes sure dist/renderer is a build of the current sources: the e2e run is
// self-contained (CI only runs `npm test`), and building takes about a second. Test files
// may run in parallel, so a lock folder keeps two builds from writing at once.
import { spawn } from 'node:child_process';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const OUT = join(ROOT, 'dist', 'renderer');
const LOCK = join(ROOT, 'dist', '.renderer-build.lock');
const SOURCES = ['renderer', 'src/api', 'src/base', 'vite.renderer.config.ts', 'package-lock.json'];
const STALE_LOCK_MS = 5 * 60_000;

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestMtime(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

async function isCurrent(): Promise<boolean> {
  const built = await stat(join(OUT, 'index.html')).catch(() => undefined);
  if (built === undefined) return false;
  const sources = await Promise.all(SOURCES.map((source) => newestMtime(join(ROOT, source))));
  return Math.max(...sources) <= built.mtimeMs;
}

function runVite(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
  });
}

async function takeLock(): Promise<void> {
  await mkdir(join(ROOT, 'dist'), { recursive: true });
  for (;;) {
    try {
      await mkdir(LOCK);
      return;
    } catch {
      const info = await stat(LOCK).catch(() => undefined);
      if (info !== undefined && Date.now() - info.mtimeMs > STALE_LOCK_MS) await rm(LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

export async function ensureRendererBuilt(): Promise<void> {
  if (await isCurrent()) return;
  await takeLock();
  try {
    if (!(await isCurrent())) await runVite();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}
