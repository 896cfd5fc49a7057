// `npm start`: the desktop app where Electron's binary is installed, otherwise the same UI
// in a browser, served by the headless node. On a desktop `npm install` downloads
// Electron; where its host cannot be reached (these build machines, some offline
// installs) install skips it (package.json's allowScripts), so this tries the download
// once and falls back to browser mode. Decisions are exported functions, tested in
// test/unit/electron/start.test.ts; the bottom of the file only runs them.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuilt } from '../src/daemon/renderer-build.ts';

export { hasBuildScript, newestMtime, rendererNeedsBuild } from '../src/daemon/renderer-build.ts';

export const PROJECT_DIR = fileURLToPath(new URL('..', import.meta.url));
const DOWNLOAD_TIMEOUT_MS = 90_000;

/** Electron's executable as its package records it (node_modules/electron/index.js's rule), if it exists. */
export function electronBinary(projectDir: string, env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string | undefined {
  const electronDir = join(projectDir, 'node_modules', 'electron');
  let relative: string;
  try {
    relative = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
  } catch {
    return undefined; // the download step never ran (or failed)
  }
  if (relative === '') return undefined;
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  const binary = override !== undefined && override !== '' ? join(override, relative) : join(electronDir, 'dist', relative);
  return exists(binary) ? binary : undefined;
}

export type Launch = { readonly mode: 'desktop'; readonly binary: string } | { readonly mode: 'browser'; readonly reason: string };

export interface LaunchDeps {
  readonly findBinary: () => string | undefined;
  readonly electronInstalled: () => boolean;
  /** Whether a download already failed for this Electron version (we try once, not at every start). */
  readonly downloadFailedBefore: () => boolean;
  /** Runs Electron's own download step; resolves true if it exited successfully in time. */
  readonly download: () => Promise<boolean>;
  readonly rememberFailedDownload: () => void;
}

/** Desktop if the binary is there or can be fetched now; otherwise browser mode, with why. */
export async function decideLaunch(deps: LaunchDeps): Promise<Launch> {
  const present = deps.findBinary();
  if (present !== undefined) return { mode: 'desktop', binary: present };
  if (!deps.electronInstalled()) return { mode: 'browser', reason: 'Electron is not installed in this folder' };
  if (deps.downloadFailedBefore()) return { mode: 'browser', reason: "Electron's binary could not be downloaded on this machine earlier" };
  const ok = await deps.download().catch(() => false);
  const fetched = ok ? deps.findBinary() : undefined;
  if (fetched !== undefined) return { mode: 'desktop', binary: fetched };
  deps.rememberFailedDownload();
  return { mode: 'browser', reason: "Electron's binary could not be downloaded on this machine" };
}

/** Runs a child with our terminal; resolves its exit code. Ctrl+C reaches it directly. */
export function run(command: string, args: readonly string[], options: { cwd: string; timeoutMs?: number; quiet?: boolean }): Promise<number> {
  return new Promise((resolve) => {
    const child: ChildProcess = spawn(command, [...args], {
      cwd: options.cwd,
      stdio: options.quiet === true ? 'ignore' : 'inherit',
      // npm is npm.cmd on Windows, which only a shell can start.
      shell: process.platform === 'win32' && command === 'npm',
    });
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill(), options.timeoutMs);
    // The terminal sends Ctrl+C to the whole process group: the child gets it and shuts
    // down cleanly; we only wait for it. A `kill` of this process alone is passed on.
    const onInterrupt = (): void => undefined;
    const onTerminate = (): void => void child.kill('SIGTERM');
    process.on('SIGINT', onInterrupt);
    process.on('SIGTERM', onTerminate);
    const finish = (code: number): void => {
      if (timer !== undefined) clearTimeout(timer);
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onTerminate);
      resolve(code);
    };
    child.on('error', () => finish(127));
    child.on('exit', (code, signal) => finish(code ?? 128 + (signal === null ? 1 : (constants.signals[signal] ?? 1))));
  });
}

function electronVersion(projectDir: string): string {
  try {
    return (JSON.parse(readFileSync(join(projectDir, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function failedDownloadMarker(projectDir: string): string {
  return join(projectDir, 'node_modules', '.cache', 'kith', `electron-${electronVersion(projectDir)}-download-failed`);
}

export function launchDeps(projectDir: string): LaunchDeps {
  const marker = failedDownloadMarker(projectDir);
  return {
    findBinary: () => electronBinary(projectDir),
    electronInstalled: () => existsSync(join(projectDir, 'node_modules', 'electron', 'install.js')),
    downloadFailedBefore: () => existsSync(marker),
    download: async () => {
      console.log('Downloading Electron for the desktop app (once)…');
      const code = await run(process.execPath, [join(projectDir, 'node_modules', 'electron', 'install.js')], { cwd: projectDir, timeoutMs: DOWNLOAD_TIMEOUT_MS, quiet: true });
      return code === 0;
    },
    rememberFailedDownload: () => {
      mkdirSync(join(marker, '..'), { recursive: true });
      writeFileSync(marker, `${new Date().toISOString()}\n`);
    },
  };
}

async function startBrowserMode(projectDir: string): Promise<number> {
  const built = await ensureRendererBuilt(projectDir, (line) => console.log(line));
  if (built === 'no-build-script') console.log('The UI is not built and this checkout has no `npm run build` yet; starting the node without it.');
  if (built === 'failed') {
    console.error('Building the UI failed (see above); fix it and run `npm start` again.');
    return 1;
  }
  return run(process.execPath, [join(projectDir, 'src', 'daemon', 'cli.ts'), 'start', '--ui'], { cwd: projectDir });
}

async function main(): Promise<number> {
  const launch = await decideLaunch(launchDeps(PROJECT_DIR));
  if (launch.mode === 'desktop') {
    return run(process.execPath, [join(PROJECT_DIR, 'node_modules', '@electron-forge', 'cli', 'dist', 'electron-forge.js'), 'start'], { cwd: PROJECT_DIR });
  }
  console.log(`${launch.reason}, so Kith starts in browser mode: the same app, in your web browser.`);
  return startBrowserMode(PROJECT_DIR);
}

if (import.meta.main) process.exitCode = await main();
