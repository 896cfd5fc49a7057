// The desktop build's helpers: which node_modules the package needs, and the worker URLs.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { test, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { findNativePackages, packagedFileFilter, runtimeClosure } from '../../../electron/build/native-modules.ts';
import { NODE_WORKERS, rewriteWorkerUrls } from '../../../electron/vite/node-workers.ts';

async function pkg(dir: string, json: object, files: string[] = []): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify(json));
  for (const file of files) {
    await mkdir(join(dir, file, '..'), { recursive: true });
    await writeFile(join(dir, file), '');
  }
}

async function project(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kith-natives-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  // level (JS) -> classic-level (native, prebuilds) -> node-gyp-build, module-error (nested copy)
  await pkg(dir, { name: 'app', dependencies: { level: '1', zod: '1' }, devDependencies: { electron: '1' } });
  await pkg(join(dir, 'node_modules/level'), { dependencies: { 'classic-level': '1' } });
  await pkg(join(dir, 'node_modules/classic-level'), { dependencies: { 'node-gyp-build': '1', 'module-error': '1', '@scope/helper': '1' }, optionalDependencies: { 'not-installed': '1' } }, ['prebuilds/linux-x64/classic-level.node', 'binding.gyp']);
  await pkg(join(dir, 'node_modules/classic-level/node_modules/module-error'), {});
  await pkg(join(dir, 'node_modules/module-error'), { version: 'other' });
  await pkg(join(dir, 'node_modules/node-gyp-build'), {});
  await pkg(join(dir, 'node_modules/@scope/helper'), {});
  await pkg(join(dir, 'node_modules/zod'), {});
  await pkg(join(dir, 'node_modules/electron'), {}, ['binding.gyp']);
  return dir;
}

test('native packages are found among runtime dependencies only', async (t) => {
  const dir = await project(t);
  assert.deepEqual(findNativePackages(dir), ['classic-level']);
});

test('the closure of a native package follows Node resolution, nested copies first', async (t) => {
  const dir = await project(t);
  assert.deepEqual(runtimeClosure(dir, ['classic-level']), [
    'node_modules/@scope/helper',
    'node_modules/classic-level',
    'node_modules/classic-level/node_modules/module-error',
    'node_modules/node-gyp-build',
  ]);
});

test('the packaged files: .vite, package.json and the closure, nothing else', () => {
  const ignore = packagedFileFilter(['node_modules/@scope/helper', 'node_modules/classic-level']);
  const kept = ['', '/package.json', '/.vite', '/.vite/build/main.cjs', '/node_modules', '/node_modules/@scope', '/node_modules/@scope/helper/index.js', '/node_modules/classic-level/prebuilds/linux-x64/classic-level.node'];
  const left = ['/src/app/dispatch.ts', '/renderer/main.tsx', '/node_modules/zod/index.js', '/node_modules/@scope/other', '/node_modules/classic-levelx/index.js', '/node_modules/.bin/vite', '/test/unit/x.ts', '/forge.config.ts', '/.git/config'];
  for (const file of kept) assert.equal(ignore(file), false, `keeps ${file}`);
  for (const file of left) assert.equal(ignore(file), true, `leaves out ${file}`);
});

test('worker URLs are rewritten to the built worker beside main.cjs', () => {
  const code = "const w = new Worker(new URL('./verify-worker.ts', import.meta.url));";
  assert.equal(rewriteWorkerUrls(code), 'const w = new Worker((__dirname + "/verify-worker.cjs"));');
  assert.equal(rewriteWorkerUrls("const u = new URL('./data.json', import.meta.url);"), undefined, 'not a worker file');
  assert.throws(() => rewriteWorkerUrls("new Worker(new URL('./other-worker.ts', import.meta.url))"), /not listed/);
});

test('every worker the core starts is listed for the desktop build, from where it is started', async () => {
  const project = fileURLToPath(new URL('../../..', import.meta.url));
  const started = new Map<string, string>();
  for (const file of await readdir(join(project, 'src'), { recursive: true })) {
    if (!file.endsWith('.ts')) continue;
    const code = await readFile(join(project, 'src', file), 'utf8');
    if (!code.includes('new Worker(')) continue;
    for (const [, name] of code.matchAll(/new URL\(\s*['"]\.\/([A-Za-z0-9_-]+)\.ts['"]\s*,\s*import\.meta\.url\s*\)/g)) {
      started.set(name!, relative(project, join(project, 'src', dirname(file), `${name}.ts`)));
    }
  }
  assert.ok(started.has('verify-worker') && started.has('shared-credential-worker'), `found ${[...started.keys()].join(', ')}`);
  assert.deepEqual(Object.fromEntries([...started].sort()), Object.fromEntries(Object.entries(NODE_WORKERS).sort()));
});
