// `kith start --ui` and `npm start` build the UI when it is missing or older than its
// sources. A throwaway project whose `npm run build` writes the page stands in for vite.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { ensureRendererBuilt, rendererIsStale } from '../../../src/daemon/renderer-build.ts';

async function project(t: TestContext, build: string | undefined): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kith-build-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'renderer'));
  await writeFile(join(dir, 'renderer', 'main.tsx'), 'export {};\n');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'fake', scripts: build === undefined ? {} : { build } }));
  return dir;
}

const WRITES_PAGE = `node -e "require('fs').mkdirSync('dist/renderer',{recursive:true});require('fs').writeFileSync('dist/renderer/index.html','built')"`;

test('a missing UI is built, then found fresh; a source changed later makes it stale again', async (t) => {
  const dir = await project(t, WRITES_PAGE);
  const lines: string[] = [];
  assert.equal(rendererIsStale(dir), true);
  assert.equal(await ensureRendererBuilt(dir, (line) => lines.push(line), 'stderr'), 'built');
  assert.equal(await readFile(join(dir, 'dist', 'renderer', 'index.html'), 'utf8'), 'built');
  assert.deepEqual(lines, ['Building the UI (npm run build)…']);
  assert.equal(await ensureRendererBuilt(dir, (line) => lines.push(line), 'stderr'), 'fresh');
  assert.equal(lines.length, 1, 'a fresh build is not rebuilt');
  const later = new Date(Date.now() + 60_000);
  await utimes(join(dir, 'renderer', 'main.tsx'), later, later);
  assert.equal(rendererIsStale(dir), true);
});

test('no build script, or a failing build, is reported rather than hidden', async (t) => {
  assert.equal(await ensureRendererBuilt(await project(t, undefined), () => undefined, 'stderr'), 'no-build-script');
  assert.equal(await ensureRendererBuilt(await project(t, 'node -e "process.exit(3)"'), () => undefined, 'stderr'), 'failed');
});
