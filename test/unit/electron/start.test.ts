// `npm start`'s decisions: desktop when Electron's binary is there (or arrives), browser
// mode otherwise; and when the UI needs building first.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { decideLaunch, electronBinary, hasBuildScript, rendererNeedsBuild, type LaunchDeps } from '../../../scripts/start.ts';

function deps(overrides: Partial<LaunchDeps> & { binaryAfterDownload?: string } = {}) {
  const log: string[] = [];
  let downloaded = false;
  const result: LaunchDeps = {
    findBinary: () => (downloaded ? overrides.binaryAfterDownload : undefined),
    electronInstalled: () => true,
    downloadFailedBefore: () => false,
    download: async () => {
      log.push('download');
      downloaded = true;
      return overrides.binaryAfterDownload !== undefined;
    },
    rememberFailedDownload: () => void log.push('remember'),
    ...overrides,
  };
  return { deps: result, log };
}

test('binary present: the desktop app, no download', async () => {
  const { deps: d, log } = deps({ findBinary: () => '/x/electron' });
  assert.deepEqual(await decideLaunch(d), { mode: 'desktop', binary: '/x/electron' });
  assert.deepEqual(log, []);
});

test('binary missing but downloadable: downloaded once, then the desktop app', async () => {
  const { deps: d, log } = deps({ binaryAfterDownload: '/x/electron' });
  assert.deepEqual(await decideLaunch(d), { mode: 'desktop', binary: '/x/electron' });
  assert.deepEqual(log, ['download']);
});

test('download fails (or throws, or times out): browser mode, and the failure is remembered', async () => {
  const failing = deps();
  const launch = await decideLaunch(failing.deps);
  assert.equal(launch.mode, 'browser');
  assert.deepEqual(failing.log, ['download', 'remember']);
  const throwing = deps({ download: async () => Promise.reject(new Error('ETIMEDOUT')) });
  assert.equal((await decideLaunch(throwing.deps)).mode, 'browser');
  assert.deepEqual(throwing.log, ['remember']);
});

test('a download that failed before is not retried at every start', async () => {
  const { deps: d, log } = deps({ downloadFailedBefore: () => true });
  const launch = await decideLaunch(d);
  assert.equal(launch.mode, 'browser');
  assert.match(launch.mode === 'browser' ? launch.reason : '', /earlier/);
  assert.deepEqual(log, []);
});

test('no electron package at all: browser mode without trying', async () => {
  const { deps: d, log } = deps({ electronInstalled: () => false });
  assert.equal((await decideLaunch(d)).mode, 'browser');
  assert.deepEqual(log, []);
});

async function folder(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kith-start-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test("electronBinary follows the electron package's path.txt, and the file must exist", async (t) => {
  const dir = await folder(t);
  assert.equal(electronBinary(dir), undefined, 'no path.txt: the download never ran');
  await mkdir(join(dir, 'node_modules/electron/dist'), { recursive: true });
  await writeFile(join(dir, 'node_modules/electron/path.txt'), 'electron');
  assert.equal(electronBinary(dir, {}), undefined, 'path.txt but no binary');
  await writeFile(join(dir, 'node_modules/electron/dist/electron'), '');
  assert.equal(electronBinary(dir, {}), join(dir, 'node_modules/electron/dist/electron'));
  assert.equal(electronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, (path) => path === '/opt/electron/electron'), '/opt/electron/electron');
});

test('the UI is built when missing or older than its sources', () => {
  assert.equal(rendererNeedsBuild(0, 0), true, 'never built');
  assert.equal(rendererNeedsBuild(0, 100), true);
  assert.equal(rendererNeedsBuild(200, 100), false);
  assert.equal(rendererNeedsBuild(100, 200), true, 'a source changed since');
});

test('hasBuildScript reads package.json', async (t) => {
  const dir = await folder(t);
  assert.equal(hasBuildScript(dir), false);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ scripts: { start: 'x' } }));
  assert.equal(hasBuildScript(dir), false);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ scripts: { build: 'vite build' } }));
  assert.equal(hasBuildScript(dir), true);
});
