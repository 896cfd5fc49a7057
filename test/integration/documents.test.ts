// Two people, each their own daemon process: Ana shares a document with Ben, and its file
// follows the record to Ben's node by itself (/kith/document/1.0.0), byte for byte; a new
// version replaces it; a stranger and tampered requests are refused; revoking stops
// fetches and Ben's node deletes the file.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { KithError } from '../../src/base/errors.ts';
import { OwnerKey } from '../../src/identity/identity.ts';
import { readKeystore, unlockKeystore } from '../../src/identity/keystore.ts';
import { createKithNode } from '../../src/net/node.ts';
import { DocumentProtocol } from '../../src/net/protocols/document/document-protocol.ts';
import { DOCUMENT_PROTOCOL, type DocumentRequest } from '../../src/net/protocols/document/document-wire.ts';
import { frameReader, writeFrame } from '../../src/net/protocols/framing.ts';
import { encodeJson } from '../../src/net/protocols/wire.ts';
import { openBlobStore } from '../../src/store/blobs.ts';
import { PASSPHRASE } from '../cli/run-kith.ts';
import { type Daemon, connect, eventually, startDaemon } from './daemons.ts';
import { bareNode, rawStream } from './fixtures/bare-node.ts';

interface Shared {
  record: { id: string; version: number; data: { sha256?: string; size?: number } | null };
  revoked?: string;
  file?: { state: string; size: number };
}

const sharedWith = async (d: Daemon) => (await d.kith(['shared', '--json'])).json<Shared[]>();
/** How many document files the node keeps (their names are keyed hashes: src/store/blob-cipher.ts). */
const storedDocuments = async (d: Daemon) => {
  const entries = await readdir(join(d.home, 'locker', 'blobs', 'sealed'), { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).length;
};
const isCode = (code: string) => (error: unknown) => error instanceof KithError && error.code === code;

test('a shared document reaches its holder byte for byte, follows a new version, and is gone after revocation', async (t) => {
  const [ana, ben] = await Promise.all([startDaemon(t), startDaemon(t)]);
  const dir = await mkdtemp(join(tmpdir(), 'kith-documents-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const first = randomBytes(3 * 1024 * 1024 + 333);
  const second = randomBytes(2 * 1024 * 1024 + 77);
  await writeFile(join(dir, 'passport.pdf'), first);
  await writeFile(join(dir, 'passport-renewed.pdf'), second);

  const added = await ana.kith(['doc', 'add', join(dir, 'passport.pdf'), '--json']);
  assert.equal(added.code, 0, added.stderr);
  const doc = added.json<{ id: string; data: { sha256: string; size: number } }>();
  const benName = await connect(ana, ben);
  const granted = await ana.kith(['grant', benName, doc.id, '--purpose', 'Booking our trip', '--json']);
  assert.equal(granted.code, 0, granted.stderr);
  const grantId = granted.json<{ id: string }>().id;

  // The record arrives, then its file, by itself; Ben saves it out byte for byte.
  const [arrived] = await eventually(() => sharedWith(ben), (s) => s[0]?.file?.state === 'here', 'the file at Ben');
  assert.equal(arrived?.file?.size, first.length);
  const out = join(dir, 'from-ana.pdf');
  const saved = await ben.kith(['shared', 'get', doc.id, out, '--json']);
  assert.equal(saved.code, 0, saved.stderr);
  assert.deepEqual(saved.json<{ sha256: string; name: string }>(), { path: out, name: 'passport.pdf', mediaType: 'application/pdf', size: first.length, sha256: doc.data.sha256 });
  assert.ok((await readFile(out)).equals(first), 'byte-identical');
  assert.ok((await ben.kith(['log', '--kind', 'share.file.received', '--json'])).json<unknown[]>().length === 1);
  await eventually(async () => (await ana.kith(['log', '--kind', 'share.file.sent', '--json'])).json<unknown[]>().length, (n) => n === 1, 'the owner logged the release');

  // A stranger asking with the very grant, record and hash is refused.
  const stranger = await bareNode();
  t.after(() => stranger.stop());
  const request: DocumentRequest = { grant: grantId, record: doc.id, sha256: doc.data.sha256 };
  const stream = await rawStream(stranger, ana.addresses[0]!, DOCUMENT_PROTOCOL);
  const answer = frameReader(stream, 1024);
  await writeFrame(stream, encodeJson(request), AbortSignal.timeout(5_000));
  await stream.close();
  assert.deepEqual(JSON.parse(new TextDecoder().decode(await answer.read(AbortSignal.timeout(5_000)))), { error: { code: 'NotTrusted' } });

  // A new version of the document: Ben's node fetches the new file and lets the old go.
  const replaced = await ana.kith(['doc', 'add', join(dir, 'passport-renewed.pdf'), '--replace', doc.id, '--json']);
  assert.equal(replaced.code, 0, replaced.stderr);
  const secondSha = replaced.json<{ data: { sha256: string } }>().data.sha256;
  await eventually(() => sharedWith(ben), (s) => s[0]?.record.version === 2 && s[0]?.file?.state === 'here', 'version 2 and its file at Ben');
  await ben.kith(['shared', 'get', doc.id, out, '--force']);
  assert.ok((await readFile(out)).equals(second));
  await eventually(() => storedDocuments(ben), (count) => count === 1, 'the old file deleted at Ben, the new one kept');

  // Tampered requests from Ben's own key (his daemon stopped, the key loaded here).
  await ben.kill();
  const benKey = OwnerKey.fromSeed(await unlockKeystore(await readKeystore(join(ben.home, 'keystore.json')), PASSPHRASE));
  const benNode = await createKithNode({ owner: benKey, listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false, useRelays: false });
  const documents = new DocumentProtocol({ node: benNode, source: { authorize: () => Promise.reject(new KithError('NotFound', '')), open: () => (async function* () {})() } });
  const copies = openBlobStore(join(dir, 'copies'));
  const fetch = (ask: DocumentRequest, size: number) => documents.fetch(ana.addresses[0]!, { request: ask, size }, (body) => copies.put(body, { expect: { sha256: ask.sha256, size } }));
  try {
    await assert.rejects(fetch({ ...request }, first.length), isCode('NotFound'), 'the replaced version');
    await assert.rejects(fetch({ ...request, sha256: secondSha, grant: 'g0000000000000000' }, second.length), isCode('NotFound'), 'a grant that is not his');
    await assert.rejects(fetch({ ...request, sha256: secondSha, record: 'a0000000000000000' }, second.length), isCode('NotFound'), 'a record not granted');
    assert.deepEqual(await fetch({ ...request, sha256: secondSha }, second.length), { sha256: secondSha, size: second.length });

    // Revoked: no more fetches.
    assert.equal((await ana.kith(['revoke', grantId])).code, 0);
    await assert.rejects(fetch({ ...request, sha256: secondSha }, second.length), isCode('NotTrusted'));
  } finally {
    await benNode.stop();
  }

  // Back online, Ben's node hears of the revocation, deletes the data and the file.
  await ben.restart();
  const after = await eventually(() => sharedWith(ben), (s) => s[0]?.revoked !== undefined, 'the revocation at Ben');
  assert.equal(after[0]?.record.data, null);
  assert.equal(after[0]?.file, undefined);
  await eventually(() => storedDocuments(ben), (count) => count === 0, 'the file deleted at Ben');
  const refused = await ben.kith(['shared', 'get', doc.id, join(dir, 'again.pdf'), '--json']);
  assert.notEqual(refused.code, 0);
  assert.equal(JSON.parse(refused.stderr).error.code, 'NotFound');
  for (const d of [ana, ben]) assert.equal((await d.kith(['log', '--verify', '--json'])).json()['ok'], true);
});
