// Encryption at rest: nothing personal is readable in the locker's files, a damaged or moved
// value is reported (with the record it belongs to) instead of served, and the rest of the
// locker keeps working.
import assert from 'node:assert/strict';
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Level } from 'level';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { lockerDbPath, openLocker } from '../../../src/store/locker.ts';
import { flipStoredByte } from './sealed-access.ts';

const STREET = 'Rua Distintiva 4217';
const PETNAME = 'Zebedee Quillfeather';
const PEER = '12D3KooWSecretPeerIdThatMustNotLeak';
const NOTE = 'audit-note-unmistakable-9931';

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(join(entry.parentPath, entry.name));
  }
  return out;
}

/** Every file of the folder, searched for `needle` as UTF-8 and as UTF-16 (LevelDB may compress: values are encrypted first). */
async function findInFiles(dir: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const file of await filesUnder(dir)) {
    const bytes = await readFile(file);
    if (bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(needle, 'utf16le'))) hits.push(file);
  }
  return hits;
}

async function fill(dir: string, owner: OwnerKey) {
  const locker = await openLocker(dir, owner);
  await locker.commit(owner, {
    records: [
      { id: 'rec-address', type: 'address', version: 1, credential: { credentialSubject: { streetAddress: STREET } } },
      { id: 'rec-email', type: 'email', version: 1, credential: { credentialSubject: { address: 'kept@example.org' } } },
    ],
    items: [
      { collection: 'contacts', id: PEER, value: { petname: PETNAME } },
      { collection: 'shared', id: `${PEER}:r1`, value: { data: { streetAddress: `${STREET} shared` } } },
    ],
    audit: [{ kind: 'record.created', details: { note: NOTE } }],
  });
  return locker;
}

test('no record, shared record, contact, item id or audit detail can be found in the locker files', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kith-sealed-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const owner = OwnerKey.generate();
  const locker = await fill(dir, owner);
  // Reads see everything as it was written.
  assert.equal((await locker.records.head('rec-address'))?.credential['credentialSubject'] !== undefined, true);
  assert.deepEqual(await locker.collections.get('contacts', PEER), { petname: PETNAME });
  assert.deepEqual((await locker.collections.list('shared', `${PEER}:`)).map((item) => item.id), [`${PEER}:r1`]);
  assert.equal(await locker.records.count('address'), 1);
  assert.deepEqual((await locker.records.list()).map((r) => r.type), ['address', 'email']);
  await locker.close();
  for (const needle of [STREET, PETNAME, PEER, NOTE, 'kept@example.org', '"address"']) {
    assert.deepEqual(await findInFiles(dir, needle), [], `"${needle}" is readable on disk`);
  }
});

test('a flipped byte in a stored record is reported with its id, and the rest is still served', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kith-sealed-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const owner = OwnerKey.generate();
  await (await fill(dir, owner)).close();
  await flipStoredByte(dir, 'v:rec-address\u00000000000001');
  const locker = await openLocker(dir, owner);
  t.after(() => locker.close());
  await assert.rejects(locker.records.head('rec-address'), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'Corrupt');
    assert.match(error.message, /record "rec-address"/);
    return true;
  });
  await assert.rejects(locker.records.history('rec-address'), { code: 'Corrupt' });
  assert.deepEqual((await locker.records.list()).map((r) => r.id), ['rec-email'], 'the damaged record is left out, the others listed');
  assert.ok(locker.damaged().some((what) => what.includes('rec-address')));
  assert.equal((await locker.records.head('rec-email'))?.version, 1);
  await locker.commit(owner, { records: [{ id: 'rec-new', type: 'email', version: 1, credential: { n: 1 } }], audit: [{ kind: 'record.created', details: {} }] });
  assert.equal((await locker.audit.verifyChain()).ok, true, 'the trail is intact and still takes new entries');
});

test('a sealed value moved to another key does not open there', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kith-sealed-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const owner = OwnerKey.generate();
  await (await fill(dir, owner)).close();
  const raw = new Level<string, Uint8Array>(lockerDbPath(dir), { valueEncoding: 'view' });
  await raw.open();
  const address: Uint8Array | undefined = await raw.get('v:rec-address\u00000000000001');
  assert.ok(address !== undefined);
  await raw.put('v:rec-email\u00000000000001', address);
  await raw.close();
  const locker = await openLocker(dir, owner);
  t.after(() => locker.close());
  await assert.rejects(locker.records.head('rec-email'), { code: 'Corrupt' });
});

test('another identity cannot open the locker, and a damaged locker key is refused', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kith-sealed-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const owner = OwnerKey.generate();
  await (await fill(dir, owner)).close();
  const impostor = { did: owner.did, publicKey: owner.publicKey, lockerWrappingKey: () => OwnerKey.generate().lockerWrappingKey() };
  await assert.rejects(openLocker(dir, impostor), { code: 'NotTrusted' });
  const raw = new Level<string, string>(lockerDbPath(dir), { valueEncoding: 'utf8' });
  await raw.open();
  const stored = JSON.parse((await raw.get('m:lockerkey')) ?? '{}') as { wrapped: string };
  const flipped = `${stored.wrapped.slice(0, 10)}${stored.wrapped[10] === 'A' ? 'B' : 'A'}${stored.wrapped.slice(11)}`;
  await raw.put('m:lockerkey', JSON.stringify({ ...stored, wrapped: flipped }));
  await raw.close();
  await assert.rejects(openLocker(dir, owner), { code: 'NotTrusted' });
});

test('the same identity restored from its recovery phrase opens its locker', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kith-sealed-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const owner = OwnerKey.generate();
  await (await fill(dir, owner)).close();
  const restored = OwnerKey.fromRecoveryPhrase(owner.recoveryPhrase());
  const locker = await openLocker(dir, restored);
  t.after(() => locker.close());
  assert.deepEqual(await locker.collections.get('contacts', PEER), { petname: PETNAME });
});
