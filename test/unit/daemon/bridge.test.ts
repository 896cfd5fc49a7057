import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { openKithApp } from '../../../src/app/create-node.ts';
import { startBridge, type Bridge } from '../../../src/daemon/bridge.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(bridge: Bridge, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: bridge.port, path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${bridge.port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

async function setup(t: TestContext) {
  const home = await mkdtemp(join(tmpdir(), 'kith-bridge-'));
  const staticDir = join(home, 'ui');
  await mkdir(staticDir);
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Kith</title>');
  const app = await openKithApp({ home });
  await app.dispatch('identity.init', { passphrase: 'pw' });
  const bridge = await startBridge({ app, staticDir, maxBodyBytes: 4096 });
  t.after(async () => {
    await bridge.close();
    await app.close();
    await rm(home, { recursive: true, force: true });
  });
  const call = (method: string, input: unknown, headers: Record<string, string> = {}) =>
    send(bridge, `/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bridge.token}`, ...headers },
      body: JSON.stringify({ input }),
    });
  return { bridge, call };
}

test('a call with the token is answered through the contract', async (t) => {
  const { call } = await setup(t);
  const reply = await call('identity.whoami', {});
  assert.equal(reply.status, 200);
  const result = JSON.parse(reply.body);
  assert.equal(result.ok, true);
  assert.match(result.value.did, /^did:key:z6Mk/);
  assert.equal(reply.headers['cache-control'], 'no-store');
  const bad = JSON.parse((await call('data.set', { type: 'email', data: { address: 'nope' } })).body);
  assert.deepEqual([bad.ok, bad.error.code], [false, 'InvalidInput']);
  const unknown = JSON.parse((await call('data.destroyEverything', {})).body);
  assert.equal(unknown.error.code, 'InvalidInput');
});

test('no token, a wrong token, a foreign Origin or Host, and oversized bodies are refused', async (t) => {
  const { bridge, call } = await setup(t);
  const noToken = await send(bridge, '/api/identity.whoami', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(noToken.status, 401);
  assert.equal(JSON.parse(noToken.body).error.code, 'NotTrusted');
  assert.equal((await call('identity.whoami', {}, { authorization: `Bearer ${'x'.repeat(43)}` })).status, 401);
  assert.equal((await call('identity.whoami', {}, { origin: 'http://evil.example' })).status, 403);
  assert.equal((await call('identity.whoami', {}, { origin: `http://127.0.0.1:${bridge.port}` })).status, 200);
  // DNS rebinding: the attacker's name resolves to 127.0.0.1, but the Host header is theirs.
  assert.equal((await call('identity.whoami', {}, { host: `evil.example:${bridge.port}` })).status, 421);
  assert.equal((await send(bridge, '/', { headers: { host: 'evil.example' } })).status, 421);
  const big = await call('data.set', { type: 'custom', data: { x: 'y'.repeat(10_000) } });
  assert.equal(big.status, 413);
  assert.equal((await call('identity.whoami', {}, { 'content-type': 'text/plain' })).status, 415);
  const notJson = await send(bridge, '/api/identity.whoami', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bridge.token}` },
    body: '{oops',
  });
  assert.equal(notJson.status, 400);
  assert.equal((await send(bridge, '/events')).status, 401);
});

test('the UI is served with a strict CSP, and no path escapes its folder', async (t) => {
  const { bridge } = await setup(t);
  const page = await send(bridge, '/');
  assert.equal(page.status, 200);
  assert.match(page.body, /<title>Kith/);
  assert.match(String(page.headers['content-security-policy']), /default-src 'self'.*frame-ancestors 'none'/);
  assert.equal(page.headers['x-content-type-options'], 'nosniff');
  for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%5c..%5cetc%5cpasswd']) {
    const reply = await send(bridge, path);
    assert.doesNotMatch(reply.body, /root:/, path);
  }
});

test('events reach a connected UI as they happen', async (t) => {
  const { bridge, call } = await setup(t);
  const controller = new AbortController();
  t.after(() => controller.abort());
  const response = await fetch(`${bridge.url}events`, { headers: { authorization: `Bearer ${bridge.token}` }, signal: controller.signal });
  assert.equal(response.status, 200);
  const reader = response.body!.getReader();
  await reader.read(); // ": connected"
  await call('identity.unlock', { passphrase: 'pw' });
  await call('data.set', { type: 'email', data: { address: 'ana@example.org' } });
  let text = '';
  while (!text.includes('event: records.changed')) text += new TextDecoder().decode((await reader.read()).value);
  assert.match(text, /event: records.changed\ndata: \{"id":"[a-z0-9]{16}"\}/);
});
