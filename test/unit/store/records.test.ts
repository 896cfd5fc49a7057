// Records with history: versions, tombstones, the type index, conflicts, persistence, owner.
import { strict as assert } from 'node:assert';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { isKithError } from '../../../src/base/errors.ts';
import type { Signer } from '../../../src/identity/signer.ts';
import { type Locker, openLocker, type LockerUnlock } from '../../../src/store/locker.ts';

function testSigner(did = 'did:key:test'): Signer & LockerUnlock {
  const wrappingKey = new Uint8Array(randomBytes(32));
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(-32));
  return { did, verificationMethod: `${did}#key`, publicKey: raw, sign: (message) => new Uint8Array(sign(null, message, privateKey)), lockerWrappingKey: () => wrappingKey };
}

function credential(n: number): Record<string, unknown> {
  return { type: ['VerifiableCredential'], credentialSubject: { n } };
}

let dir: string;
let signer: Signer & LockerUnlock;
let locker: Locker;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kith-store-'));
  signer = testSigner();
  locker = await openLocker(dir, signer);
});

afterEach(async () => {
  await locker.close();
  await rm(dir, { recursive: true, force: true });
});

function put(id: string, type: string, version: number, deleted = false) {
  return locker.commit(signer, {
    records: [{ id, type, version, deleted, credential: credential(version) }],
    audit: [{ kind: deleted ? 'record.deleted' : 'record.created', details: { id, version } }],
  });
}

test('versions accumulate into history and a tombstone keeps it', async () => {
  await put('a', 'email', 1);
  await put('a', 'email', 2);
  await put('a', 'email', 3, true);
  const history = await locker.records.history('a');
  assert.deepEqual(history.map((v) => [v.version, v.deleted]), [[1, false], [2, false], [3, true]]);
  assert.deepEqual(history[1]?.credential, credential(2));
  const head = await locker.records.head('a');
  assert.equal(head?.version, 3);
  assert.equal(head?.deleted, true);
  assert.deepEqual(await locker.records.list(), []);
  assert.equal(await locker.records.count(), 0);
  // A record can come back after a tombstone, as a new version.
  await put('a', 'email', 4);
  assert.equal((await locker.records.list('email')).length, 1);
  assert.equal(await locker.records.head('missing'), undefined);
  assert.deepEqual(await locker.records.history('missing'), []);
});

test('list by type is in a stable order and ids never bleed into each other', async () => {
  await put('b', 'email', 1);
  await put('a', 'email', 1);
  await put('a:x', 'email', 1);
  await put('n1', 'name', 1);
  await put('p1', 'phone', 1);
  await put('p1', 'phone', 2);
  assert.deepEqual((await locker.records.list('email')).map((v) => v.id), ['a', 'a:x', 'b']);
  assert.deepEqual((await locker.records.list('phone')).map((v) => [v.id, v.version]), [['p1', 2]]);
  assert.deepEqual((await locker.records.list()).map((v) => v.id), ['a', 'a:x', 'b', 'n1', 'p1']);
  assert.deepEqual(await locker.records.list('nothing'), []);
  assert.equal((await locker.records.history('a')).length, 1);
  assert.equal(await locker.records.count('email'), 3);
  assert.equal(await locker.records.count(), 5);
});

test('a version that does not follow the head is refused and nothing is written', async () => {
  await put('a', 'email', 1);
  const head = locker.audit.head();
  await assert.rejects(put('a', 'email', 3), (e: unknown) => isKithError(e) && e.code === 'InvalidInput');
  await assert.rejects(put('a', 'email', 1), (e: unknown) => isKithError(e) && e.code === 'InvalidInput');
  await assert.rejects(put('new', 'email', 2), (e: unknown) => isKithError(e) && e.code === 'InvalidInput');
  await assert.rejects(put('a', 'phone', 2), (e: unknown) => isKithError(e) && e.code === 'InvalidInput');
  // A batch with one bad version writes none of it.
  await assert.rejects(
    locker.commit(signer, {
      records: [
        { id: 'c', type: 'email', version: 1, credential: credential(1) },
        { id: 'a', type: 'email', version: 5, credential: credential(5) },
      ],
      audit: [{ kind: 'record.created', details: {} }],
    }),
  );
  assert.equal(await locker.records.head('c'), undefined);
  assert.deepEqual(locker.audit.head(), head);
  // Several versions of one id in one commit are fine when consecutive.
  await locker.commit(signer, {
    records: [
      { id: 'a', type: 'email', version: 2, credential: credential(2) },
      { id: 'a', type: 'email', version: 3, credential: credential(3) },
    ],
    audit: [{ kind: 'record.created', details: {} }],
  });
  assert.equal((await locker.records.head('a'))?.version, 3);
});

test('bad input is refused', async () => {
  const bad = [
    { id: '', type: 'email', version: 1, credential: {} },
    { id: 'a\u0000b', type: 'email', version: 1, credential: {} },
    { id: 'a', type: 'e\nmail', version: 1, credential: {} },
    { id: 'a', type: 'email', version: 0, credential: {} },
    { id: 'a', type: 'email', version: 1, time: 'yesterday', credential: {} },
    { id: 'a', type: 'email', version: 1, credential: [] as unknown as Record<string, unknown> },
  ];
  for (const record of bad) {
    await assert.rejects(locker.commit(signer, { records: [record], audit: [] }), (e: unknown) => isKithError(e) && e.code === 'InvalidInput');
  }
});

test('everything persists across reopen', async () => {
  await put('a', 'email', 1);
  await put('a', 'email', 2);
  await put('b', 'name', 1);
  const head = locker.audit.head();
  await locker.close();
  locker = await openLocker(dir, signer);
  assert.deepEqual(locker.integrity, { ok: true });
  assert.deepEqual(locker.audit.head(), head);
  assert.equal((await locker.records.history('a')).length, 2);
  assert.equal(await locker.records.count(), 2);
  await put('a', 'email', 3);
  assert.equal((await locker.audit.verifyChain()).ok, true);
});

test('another owner cannot open or write the locker', async () => {
  await put('a', 'email', 1);
  const other = testSigner('did:key:other');
  await assert.rejects(locker.commit(other, { audit: [{ kind: 'record.created', details: {} }] }), (e: unknown) => isKithError(e) && e.code === 'NotTrusted');
  await locker.close();
  await assert.rejects(openLocker(dir, other), (e: unknown) => isKithError(e) && e.code === 'NotTrusted');
  // Same DID, different key: refused too.
  await assert.rejects(openLocker(dir, { did: signer.did, publicKey: other.publicKey, lockerWrappingKey: signer.lockerWrappingKey }), (e: unknown) => isKithError(e) && e.code === 'NotTrusted');
  locker = await openLocker(dir, signer);
});

test('commitMany writes big imports in batches with one audit entry per batch', async () => {
  function* versions() {
    for (let i = 0; i < 2500; i++) yield { id: `r${String(i).padStart(5, '0')}`, type: i % 2 === 0 ? 'email' : 'name', version: 1, credential: credential(i) };
  }
  const result = await locker.commitMany(signer, versions(), { audit: { kind: 'bundle.imported', details: { from: 'bundle' } }, batchSize: 1000 });
  assert.equal(result.records, 2500);
  assert.equal(result.batches, 3);
  assert.equal(await locker.records.count(), 2500);
  assert.equal(await locker.records.count('email'), 1250);
  const entries = await locker.audit.entries();
  assert.equal(entries.length, 3);
  assert.deepEqual(entries[2]?.details, { from: 'bundle', count: 500, first: { id: 'r02000', version: 1 }, last: { id: 'r02499', version: 1 } });
  await put('r00001', 'name', 2, true);
  const all: string[] = [];
  for await (const version of locker.records.versions()) all.push(`${version.id}@${version.version}`);
  assert.equal(all.length, 2501);
  assert.deepEqual(all.slice(0, 4), ['r00000@1', 'r00001@1', 'r00001@2', 'r00002@1']);
  await locker.close();
  locker = await openLocker(dir, signer);
  assert.equal((await locker.records.list('name')).length, 1249);
  await put('r00001', 'name', 3);
  assert.equal(await locker.records.count(), 2500);
  assert.equal((await locker.audit.verifyChain()).ok, true);
});

test('the locker refuses use after close', async () => {
  await locker.close();
  await assert.rejects(async () => locker.records.head('a'));
  await assert.rejects(async () => locker.commit(signer, { audit: [{ kind: 'record.created', details: {} }] }));
  locker = await openLocker(dir, signer);
});
