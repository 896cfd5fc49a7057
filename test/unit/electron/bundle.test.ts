// The desktop build, end to end without Electron's binary: Vite builds the main process
// and preload exactly as Electron Forge's Vite plugin configures them (forge.config.ts),
// then the bundle runs under Node against a fake 'electron' (fixtures/fake-electron.ts)
// — so the composition in main.ts, the bundling of the core (.ts imports, Node built-ins,
// the external native LevelDB, the worker) and the IPC wiring are all exercised.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';

const PROJECT = fileURLToPath(new URL('../../..', import.meta.url));
const requireHere = createRequire(join(PROJECT, 'package.json'));

interface ViteLike {
  build(config: Record<string, unknown>): Promise<unknown>;
}

async function buildInto(appDir: string): Promise<void> {
  const vite = requireHere('vite') as ViteLike;
  const Generator = (requireHere('@electron-forge/plugin-vite/dist/ViteConfig.js') as { default: new (config: unknown, dir: string, prod: boolean) => { getBuildConfigs(): Promise<Record<string, unknown>[]> } }).default;
  const { default: forge } = (await import('../../../forge.config.ts')) as { default: { plugins: { name: string; config?: unknown }[] } };
  const plugin = forge.plugins.find((p) => p.name === 'vite');
  const generator = new Generator(plugin?.config, PROJECT, true);
  for (const config of await generator.getBuildConfigs()) {
    const build = config['build'] as Record<string, unknown>;
    await vite.build({ configFile: false, logLevel: 'silent', ...config, build: { ...build, outDir: join(appDir, '.vite', 'build') } });
  }
}

test('the built main process opens the node and serves the window over checked IPC', { timeout: 120_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kith-bundle-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const appDir = join(dir, 'app');
  await mkdir(join(appDir, '.vite', 'renderer', 'main_window'), { recursive: true });
  await writeFile(join(appDir, '.vite', 'renderer', 'main_window', 'index.html'), '<!doctype html><title>Kith</title>');
  await cp(join(PROJECT, 'package.json'), join(appDir, 'package.json'));
  // The packaged app carries the native modules beside the bundle; here, the project's.
  await symlink(join(PROJECT, 'node_modules'), join(appDir, 'node_modules'));
  await buildInto(appDir);

  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', fileURLToPath(new URL('fixtures/fake-electron.ts', import.meta.url)), fileURLToPath(new URL('fixtures/drive-bundle.ts', import.meta.url))],
    { env: { ...process.env, FAKE_APP_PATH: appDir, FAKE_DOCUMENTS: dir, FAKE_SAVE_PATH: join(dir, 'all.kith'), KITH_HOME: join(dir, 'home') }, timeout: 60_000 },
  );
  const report = JSON.parse(stdout) as Record<string, unknown>;
  assert.deepEqual(report['errors'], []);
  assert.equal(report['url'], 'app://kith/index.html');
  assert.equal(report['sandboxed'], true);
  assert.deepEqual(report['status'], { ok: true, value: { initialized: false, unlocked: false } });
  assert.equal((report['stranger'] as { error: { code: string } }).error.code, 'NotTrusted');
  assert.equal(report['init'], true);
  assert.equal(report['set'], true);
  assert.equal((report['ungranted'] as { error: { code: string } }).error.code, 'NotTrusted');
  assert.equal(report['export'], true, 'a path from the save dialog may be written');
  assert.equal(report['verify'], true);
  assert.ok((report['events'] as string[]).includes('kith:event records.changed'));
  assert.deepEqual(report['page'], [200, true]);
  assert.equal(report['traversal'], 404);
  assert.deepEqual(report['windowOpen'], { action: 'deny' });
  assert.equal(report['navigationPrevented'], true);
  assert.deepEqual(report['opened'], ['https://example.com/']);

  // The bundle-import worker is built beside main.cjs and answers a batch there.
  const worker = new Worker(join(appDir, '.vite', 'build', 'verify-worker.cjs'));
  t.after(() => worker.terminate());
  const answer = await new Promise<unknown[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.postMessage({ first: 1, lines: ['{"not":"a record"}'] });
  });
  assert.equal(answer.length, 1);

  // So is the share protocol's credential checker, started by its built name (the pool
  // takes the URL from its caller) from main.cjs or the network's chunk beside it (the core
  // loads the network stack when it goes online), and refusing a malformed credential by code.
  const built = join(appDir, '.vite', 'build');
  const mainCode = await Promise.all(
    (await readdir(built)).filter((name) => name.endsWith('.cjs') && !/worker/.test(name)).map((name) => readFile(join(built, name), 'utf8')),
  ).then((texts) => texts.join('\n'));
  assert.ok(mainCode.includes('/shared-credential-worker.cjs') && !mainCode.includes('shared-credential-worker.ts'));
  const checker = new Worker(join(appDir, '.vite', 'build', 'shared-credential-worker.cjs'));
  t.after(() => checker.terminate());
  const checked = await new Promise<unknown[]>((resolve, reject) => {
    checker.once('message', resolve);
    checker.once('error', reject);
    checker.postMessage({ credentials: [{}], expected: { owner: 'did:key:z6Mkowner', holder: 'did:key:z6Mkholder' } });
  });
  assert.deepEqual(checked, [{ ok: false, code: 'InvalidInput' }]);
});
