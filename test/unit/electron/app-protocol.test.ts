import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { createAppProtocolHandler, readAppFile, rendererRoot, resolveAppPath } from '../../../electron/app-protocol.ts';
import { CONTENT_SECURITY_POLICY } from '../../../electron/security.ts';

const root = '/srv/app/renderer';

test('app:// URLs map to files inside the build; routes get index.html', () => {
  assert.equal(resolveAppPath(root, 'app://kith/'), join(root, 'index.html'));
  assert.equal(resolveAppPath(root, 'app://kith/index.html'), join(root, 'index.html'));
  assert.equal(resolveAppPath(root, 'app://kith/assets/index-abc.js'), join(root, 'assets', 'index-abc.js'));
  assert.equal(resolveAppPath(root, 'app://kith/records/3k9x0c7w2m5q'), join(root, 'index.html'));
  assert.equal(resolveAppPath(root, 'app://kith/assets/a%20b.css?x=1#y'), join(root, 'assets', 'a b.css'));
});

test('traversal and foreign URLs are refused', () => {
  const attempts = [
    'app://kith/../../etc/passwd',
    'app://kith/%2e%2e/%2e%2e/etc/passwd',
    'app://kith/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://kith/..%5c..%5cwindows%5cwin.ini',
    'app://kith/a%00.js',
    'app://kith/%E0%A4%A',
    'app://other/index.html',
    'app://user:pw@kith/index.html',
    'file:///etc/passwd',
    'https://kith/index.html',
    'not a url',
  ];
  for (const url of attempts) {
    const resolved = resolveAppPath(root, url);
    assert.ok(resolved === undefined || resolved.startsWith(root + '/'), `${url} → ${String(resolved)}`);
  }
  for (const url of ['app://kith/assets/..%2f..%2f..%2fetc%2fpasswd', 'app://kith/..%5c..%5cwindows%5cwin.ini', 'app://kith/a%00.js', 'app://other/index.html', 'file:///etc/passwd']) {
    assert.equal(resolveAppPath(root, url), undefined, url);
  }
});

async function buildFolder(t: TestContext): Promise<{ dir: string; build: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'kith-protocol-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const build = join(dir, 'build');
  await mkdir(join(build, 'assets'), { recursive: true });
  await writeFile(join(build, 'index.html'), '<!doctype html><title>Kith</title>');
  await writeFile(join(build, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'secret');
  return { dir, build };
}

test('files are served with the CSP, nosniff and their type', async (t) => {
  const { build } = await buildFolder(t);
  const page = await readAppFile(build, 'GET', 'app://kith/');
  assert.equal(page.status, 200);
  assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(page.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
  assert.equal(page.headers['x-content-type-options'], 'nosniff');
  assert.equal(Buffer.from(page.body ?? []).toString(), '<!doctype html><title>Kith</title>');
  const script = await readAppFile(build, 'GET', 'app://kith/assets/app.js');
  assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8');
  const head = await readAppFile(build, 'HEAD', 'app://kith/assets/app.js');
  assert.equal(head.status, 200);
  assert.equal(head.body, undefined);
});

test('missing files, other methods and escaping symlinks get no content, still with the CSP', async (t) => {
  const { dir, build } = await buildFolder(t);
  await symlink(join(dir, 'secret.txt'), join(build, 'assets', 'leak.txt'));
  for (const [method, url, status] of [
    ['GET', 'app://kith/assets/missing.js', 404],
    ['POST', 'app://kith/index.html', 405],
    ['GET', 'app://kith/assets/leak.txt', 404],
    // URL parsing resolves `..` at the root, so this names build/secret.txt: absent.
    ['GET', 'app://kith/../secret.txt', 404],
  ] as const) {
    const answer = await readAppFile(build, method, url);
    assert.equal(answer.status, status, url);
    assert.equal(answer.body, undefined, url);
    assert.equal(answer.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
  }
});

test('the protocol handler answers a Request with a Response', async (t) => {
  const { build } = await buildFolder(t);
  const handler = createAppProtocolHandler(build);
  const ok = await handler(new Request('app://kith/assets/app.js'));
  assert.equal(ok.status, 200);
  assert.equal(await ok.text(), 'console.log(1)');
  assert.equal(ok.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  const missing = await handler(new Request('app://kith/nope.js'));
  assert.equal(missing.status, 404);
});

test('the renderer build sits beside the main bundle, as Forge lays it out', () => {
  assert.equal(rendererRoot('/app/.vite/build', 'main_window'), join('/app/.vite/renderer/main_window'));
});
