// The files of documents shared with me (trust/shared-files.ts): which files shared
// records name, and deleting a fetched file once nothing names it — never one of my own.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test, type TestContext } from 'node:test';
import { recordCredential } from '../../../src/app/records/record-credential.ts';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { openLocker } from '../../../src/store/locker.ts';
import { SHARED_FILES, noteFetched, releaseUnreferenced, sharedFiles } from '../../../src/trust/shared-files.ts';
import { SHARED, forgetGrant, listShared } from '../../../src/trust/shared-with-me.ts';

const FROM = '12D3KooWOwnerOfTheDocuments';
const GRANT = 'g0123456789abcdef';

async function setup(t: TestContext) {
  const me = OwnerKey.generate();
  const dir = await mkdtemp(join(tmpdir(), 'kith-shared-files-'));
  const locker = await openLocker(dir, me);
  t.after(async () => {
    await locker.close();
    await rm(dir, { recursive: true, force: true });
  });
  const put = (text: string) => locker.blobs.put(Readable.from([Buffer.from(text)]));
  /** Stores a shared item as the share protocol would (verified delivery, not repeated here). */
  const share = async (record: string, version: number, data: Record<string, unknown> | undefined, grant: Record<string, unknown> = { id: GRANT, purpose: 'Papers', terms: [] }) => {
    const item = {
      from: FROM,
      fromDid: 'did:key:z6MkOwner',
      grant,
      record: { id: record, type: 'document', version, deleted: data === undefined, ...(data === undefined ? {} : { data }) },
      credential: {},
      received: new Date().toISOString(),
    };
    await locker.commit(me, { items: [{ collection: SHARED, id: `${FROM}:${record}`, value: item }], audit: [] });
  };
  return { me, locker, put, share };
}

const doc = (file: { sha256: string; size: number }, name = 'scan.pdf') => ({ name, mediaType: 'application/pdf', size: file.size, sha256: file.sha256 });

test('shared documents name their files; a share of some fields names none; expiry is noted', async (t) => {
  const { locker, share } = await setup(t);
  const file = { sha256: 'ab'.repeat(32), size: 10 };
  await share('doc0000000001', 1, doc(file));
  await share('doc0000000002', 1, { name: 'only the name.pdf' });
  await share('doc0000000003', 1, doc(file), { id: GRANT, purpose: 'Old', terms: [], expires: '2020-01-01T00:00:00.000Z' });
  const files = sharedFiles(await listShared(locker));
  assert.deepEqual(
    files.map((f) => [f.record, f.sha256, f.size, f.name, f.expired]),
    [
      ['doc0000000001', file.sha256, 10, 'scan.pdf', false],
      ['doc0000000003', file.sha256, 10, 'scan.pdf', true],
    ],
  );
  assert.equal(files[0]?.key, `${FROM}:doc0000000001`);
  assert.equal(files[0]?.grant, GRANT);
});

test('a revoked share, or a newer version, releases the fetched file; my own file is kept', async (t) => {
  const { me, locker, put, share } = await setup(t);
  const first = await put('the first scan');
  const second = await put('the second scan');
  const mine = await put('a file I also have myself');
  await share('doc0000000001', 1, doc(first));
  await share('doc0000000002', 1, doc(mine));
  for (const file of sharedFiles(await listShared(locker))) await noteFetched(locker, me, file);
  assert.deepEqual(await releaseUnreferenced(locker, me, await listShared(locker)), [], 'everything is still named');

  // A newer version names another file: the old one goes.
  await share('doc0000000001', 2, doc(second));
  await noteFetched(locker, me, (sharedFiles(await listShared(locker))).find((f) => f.record === 'doc0000000001')!);
  assert.deepEqual(await releaseUnreferenced(locker, me, await listShared(locker)), [first.sha256]);
  assert.equal(await locker.blobs.has(first.sha256), false);
  assert.equal(await locker.blobs.has(second.sha256), true);

  // I add the same file as a document of my own; then the share is revoked.
  const time = new Date().toISOString();
  const credential = recordCredential(me, { id: 'mine00000001', type: 'document', version: 1, deleted: false, time, data: doc(mine) });
  await locker.commit(me, { records: [{ id: 'mine00000001', type: 'document', version: 1, deleted: false, time, credential }], audit: [{ kind: 'document.added', details: {} }] });
  await forgetGrant(locker, me, FROM, GRANT);
  assert.deepEqual((sharedFiles(await listShared(locker))).length, 0);
  assert.deepEqual(await releaseUnreferenced(locker, me, await listShared(locker)), [second.sha256], 'mine is kept');
  assert.equal(await locker.blobs.has(second.sha256), false);
  assert.equal(await locker.blobs.has(mine.sha256), true);
  assert.deepEqual(await locker.collections.list(SHARED_FILES), [], 'the ledger is empty');
  const kinds = (await locker.audit.entries()).map((e) => e.kind);
  assert.equal(kinds.filter((k) => k === 'share.file.received').length, 3);
  assert.equal(kinds.filter((k) => k === 'share.file.deleted').length, 2);
  assert.equal((await locker.audit.verifyChain()).ok, true);
});
