// The bridge's /files endpoints (src/daemon/bridge-files.ts) over real HTTP on loopback:
// documents and bundles in and out, and every refusal — no token, too large, names that
// try to be paths, ids that try to be paths.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test, type TestContext } from 'node:test';
import { openKithApp, type KithApp } from '../../src/app/create-node.ts';
import { startBridge, type Bridge } from '../../src/daemon/bridge.ts';

const MAX = 64 * 1024;

async function node(t: TestContext, init: (app: KithApp) => Promise<unknown>) {
  const home = await mkdtemp(join(tmpdir(), 'kith-files-'));
  const app = await openKithApp({ home });
  const made = await init(app);
  const bridge = await startBridge({ app, dataDir: home, maxFileBytes: MAX });
  t.after(async () => {
    await bridge.close();
    await app.close();
    await rm(home, { recursive: true, force: true });
  });
  return { home, app, bridge, made };
}

function fetchFrom(bridge: Bridge, path: string, init: RequestInit & { token?: string | null } = {}): Promise<Response> {
  const { token = bridge.token, headers, ...rest } = init;
  return fetch(new URL(path.slice(1), bridge.url), {
    ...rest,
    headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...(headers as Record<string, string>) },
  });
}

function upload(bridge: Bridge, body: Uint8Array, name: string, type = 'application/octet-stream', token?: string | null) {
  return fetchFrom(bridge, '/files/documents', { method: 'POST', body, headers: { 'content-type': type, 'x-kith-file-name': name }, token });
}

async function documentCount(app: KithApp): Promise<number> {
  const listed = await app.dispatch('data.list', { type: 'document' });
  assert.ok(listed.ok);
  return (listed.value as unknown[]).length;
}

/** Temp files still in the data folder, allowing the server a moment to delete them after answering. */
async function leftovers(home: string): Promise<string[]> {
  const deadline = Date.now() + 2000;
  for (;;) {
    const left = await readdir(join(home, 'tmp')).catch(() => []);
    if (left.length === 0 || Date.now() > deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const ready = (app: KithApp) => app.dispatch('identity.init', { passphrase: 'correct horse' });

test('a document goes up and comes back byte for byte, named as it was', async (t) => {
  const { home, bridge } = await node(t, ready);
  const bytes = randomBytes(40_000);
  const name = 'Relatório de 2026 (final).pdf';
  const response = await upload(bridge, bytes, encodeURIComponent(name), 'application/pdf');
  assert.equal(response.status, 200);
  const result = (await response.json()) as { ok: boolean; value: { id: string; type: string; data: Record<string, unknown> } };
  assert.equal(result.ok, true);
  assert.equal(result.value.type, 'document');
  assert.deepEqual([result.value.data['name'], result.value.data['mediaType'], result.value.data['size']], [name, 'application/pdf', bytes.length]);

  const download = await fetchFrom(bridge, `/files/documents/${result.value.id}`);
  assert.equal(download.status, 200);
  assert.equal(download.headers.get('content-type'), 'application/pdf');
  assert.match(download.headers.get('content-disposition') ?? '', /^attachment; filename="Relat_rio de 2026 _final_.pdf"; filename\*=UTF-8''Relat%C3%B3rio%20de%202026%20%28final%29.pdf$/);
  assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
  assert.deepEqual(Buffer.from(await download.arrayBuffer()), bytes);
  assert.deepEqual(await leftovers(home), [], 'temp files are deleted');
});

test('the media type is guessed from the name when the browser does not know it', async (t) => {
  const { bridge } = await node(t, ready);
  const result = (await (await upload(bridge, Buffer.from('a,b\n1,2\n'), 'table.csv')).json()) as { value: { data: { mediaType: string } } };
  assert.equal(result.value.data.mediaType, 'text/csv');
  const bad = await upload(bridge, Buffer.from('x'), 'x.bin', 'not a type');
  assert.equal(bad.status, 400);
  assert.match(((await bad.json()) as { error: { message: string } }).error.message, /not a media type/);
});

test('without the token every file endpoint is refused', async (t) => {
  const { app, bridge } = await node(t, ready);
  const attempts = [
    upload(bridge, Buffer.from('secret'), 'a.txt', 'text/plain', null),
    upload(bridge, Buffer.from('secret'), 'a.txt', 'text/plain', 'x'.repeat(43)),
    fetchFrom(bridge, '/files/documents/abcdefgh12345678', { token: null }),
    fetchFrom(bridge, '/files/bundle/export', { method: 'POST', token: null }),
    fetchFrom(bridge, '/files/bundle/import', { method: 'POST', body: Buffer.from('x'), token: null }),
  ];
  for (const response of await Promise.all(attempts)) {
    assert.equal(response.status, 401);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'NotTrusted');
  }
  assert.equal(await documentCount(app), 0);
});

test('an upload over the limit is refused, declared or not, and leaves nothing behind', async (t) => {
  const { home, app, bridge } = await node(t, ready);
  const declared = await upload(bridge, randomBytes(MAX + 1), 'big.bin');
  assert.equal(declared.status, 413);
  assert.match(((await declared.json()) as { error: { message: string } }).error.message, /larger than 64 KiB, the most this node accepts/);

  // Chunked, no Content-Length: cut off while streaming, once past the limit.
  const chunks = Readable.from((function* () {
    for (let i = 0; i < 8; i += 1) yield randomBytes(16 * 1024);
  })());
  const streamed = await fetchFrom(bridge, '/files/documents', {
    method: 'POST',
    body: Readable.toWeb(chunks) as ReadableStream,
    headers: { 'x-kith-file-name': 'stream.bin' },
    duplex: 'half',
  } as RequestInit).catch((error: unknown) => error);
  // The server answers 413 and closes; a client still sending may see the reset instead.
  if (streamed instanceof Response) assert.equal(streamed.status, 413);
  const exactly = await upload(bridge, randomBytes(MAX), 'exactly.bin');
  assert.equal(exactly.status, 200, 'the limit itself is allowed');
  assert.equal(await documentCount(app), 1);
  assert.deepEqual(await leftovers(home), []);
});

test('a file name that tries to be a path is refused, and nothing is written', async (t) => {
  const { home, app, bridge } = await node(t, ready);
  const names = ['..%2F..%2Fkeystore.json', '%2Fetc%2Fpasswd', 'a%5Cb.txt', '..', '.', 'nul%00.txt', 'line%0Abreak', '%E0%A4%A', '', 'x'.repeat(256)];
  for (const name of names) {
    const response = await upload(bridge, Buffer.from('payload'), name);
    assert.equal(response.status, 400, name);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    assert.equal(error.code, 'InvalidInput', name);
    assert.match(error.message, /file name|file's name/, name);
  }
  // A name with dots inside is only a name.
  assert.equal((await upload(bridge, Buffer.from('ok'), encodeURIComponent('..hidden..txt'))).status, 200);
  assert.equal(await documentCount(app), 1);
  assert.deepEqual(await leftovers(home), []);
  assert.ok(!(await readdir(join(home, '..'))).includes('keystore.json'));
});

test('downloads name only documents that exist', async (t) => {
  const { app, bridge } = await node(t, ready);
  const email = await app.dispatch('data.set', { type: 'email', data: { address: 'ana@example.org' } });
  assert.ok(email.ok);
  const cases: [string, number, string][] = [
    ['/files/documents/abcdefgh12345678', 404, 'NotFound'],
    [`/files/documents/${(email.value as { id: string }).id}`, 400, 'InvalidInput'],
    ['/files/documents/..%2F..%2Fkeystore.json', 400, 'InvalidInput'],
    ['/files/documents/%E0%A4%A', 400, 'InvalidInput'],
    ['/files/nothing', 404, 'NotFound'],
  ];
  for (const [path, status, code] of cases) {
    const response = await fetchFrom(bridge, path);
    assert.equal(response.status, status, path);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, code, path);
  }
});

test('a bundle exported from one node imports into another through the bridge', async (t) => {
  const first = await node(t, ready);
  const phrase = (first.made as { value: { recoveryPhrase: string } }).value.recoveryPhrase;
  await first.app.dispatch('data.set', { type: 'name', data: { full: 'Ana Lima' } });
  await upload(first.bridge, Buffer.from('hello'), 'hello.txt', 'text/plain');
  const exported = await fetchFrom(first.bridge, '/files/bundle/export', { method: 'POST' });
  assert.equal(exported.status, 200);
  assert.match(exported.headers.get('content-disposition') ?? '', /^attachment; filename="kith-\d{4}-\d{2}-\d{2}\.kith"/);
  const summary = JSON.parse(exported.headers.get('x-kith-bundle-summary') ?? '{}') as { records: number; documents: number };
  assert.deepEqual([summary.records, summary.documents], [2, 1]);
  const bundle = Buffer.from(await exported.arrayBuffer());
  assert.deepEqual(await leftovers(first.home), []);

  const second = await node(t, (app) => app.dispatch('identity.restore', { recoveryPhrase: phrase, passphrase: 'another one' }));
  const imported = await fetchFrom(second.bridge, '/files/bundle/import', { method: 'POST', body: bundle });
  const result = (await imported.json()) as { ok: boolean; value: { records: number; path: string } };
  assert.equal(result.ok, true, JSON.stringify(result));
  assert.deepEqual([result.value.records, result.value.path], [2, 'the uploaded bundle']);
  assert.equal(await documentCount(second.app), 1);
  // Into a locker that holds data, the core refuses, in words.
  const again = (await (await fetchFrom(second.bridge, '/files/bundle/import', { method: 'POST', body: bundle })).json()) as { error: { message: string } };
  assert.match(again.error.message, /already holds data/);
  assert.deepEqual(await leftovers(second.home), []);
});

test('an encrypted bundle through the bridge: exported under a passphrase, imported only with it', async (t) => {
  const first = await node(t, ready);
  const phrase = (first.made as { value: { recoveryPhrase: string } }).value.recoveryPhrase;
  await first.app.dispatch('data.set', { type: 'name', data: { full: 'Ana Quokka Lima' } });
  const passphrase = encodeURIComponent('pässphrase for the bundle');
  const exported = await fetchFrom(first.bridge, '/files/bundle/export', { method: 'POST', headers: { 'x-kith-bundle-passphrase': passphrase } });
  assert.equal(exported.status, 200);
  const bundle = Buffer.from(await exported.arrayBuffer());
  assert.equal(bundle.subarray(0, 8).toString('latin1'), 'KITHENCB');
  assert.equal(bundle.indexOf('Quokka'), -1);
  assert.deepEqual(await leftovers(first.home), []);

  const second = await node(t, (app) => app.dispatch('identity.restore', { recoveryPhrase: phrase, passphrase: 'another one' }));
  const attempt = async (headers: Record<string, string>) =>
    (await (await fetchFrom(second.bridge, '/files/bundle/import', { method: 'POST', body: bundle, headers })).json()) as { ok: boolean; error?: { code: string; message: string } };
  const without = await attempt({});
  assert.deepEqual([without.ok, without.error?.code], [false, 'WrongPassphrase']);
  assert.match(without.error?.message ?? '', /encrypted: its passphrase is needed/);
  const wrong = await attempt({ 'x-kith-bundle-passphrase': 'nope' });
  assert.deepEqual([wrong.ok, wrong.error?.code], [false, 'WrongPassphrase']);
  const garbled = await fetchFrom(second.bridge, '/files/bundle/import', { method: 'POST', body: bundle, headers: { 'x-kith-bundle-passphrase': '%E0%A4%A' } });
  assert.equal(garbled.status, 400);
  assert.equal(await documentCount(second.app), 0);
  const right = await attempt({ 'x-kith-bundle-passphrase': passphrase });
  assert.equal(right.ok, true, JSON.stringify(right));
  const names = await second.app.dispatch('data.list', { type: 'name' });
  assert.ok(names.ok);
  assert.equal((names.value as unknown[]).length, 1);
  assert.deepEqual(await leftovers(second.home), []);
});

test('with the key locked, uploads answer KeyLocked and store nothing', async (t) => {
  const { app, bridge } = await node(t, ready);
  await app.dispatch('identity.lock', {});
  const result = (await (await upload(bridge, Buffer.from('x'), 'x.txt')).json()) as { ok: boolean; error: { code: string } };
  assert.deepEqual([result.ok, result.error.code], [false, 'KeyLocked']);
  const exported = await fetchFrom(bridge, '/files/bundle/export', { method: 'POST' });
  assert.equal(exported.status, 423);
});
