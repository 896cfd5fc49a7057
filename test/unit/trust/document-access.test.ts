// What a holder may fetch (trust/document-access.ts): only a contact the grant reaches,
// while the grant is live, for a record it covers with the file's fields, and only the
// file of the record's current version. Refusals are NotTrusted or NotFound, no more.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test, type TestContext } from 'node:test';
import { recordCredential } from '../../../src/app/records/record-credential.ts';
import { KithError } from '../../../src/base/errors.ts';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { openLocker } from '../../../src/store/locker.ts';
import { createCircle, setMembership } from '../../../src/trust/circles.ts';
import { saveContact, type Contact } from '../../../src/trust/contacts.ts';
import { releasedDocument, type DocumentAsk } from '../../../src/trust/document-access.ts';
import { createGrant, revokeGrant } from '../../../src/trust/grants.ts';

const DOC = 'doc0000000001';

async function setup(t: TestContext) {
  const owner = OwnerKey.generate();
  const dir = await mkdtemp(join(tmpdir(), 'kith-doc-access-'));
  const locker = await openLocker(dir, owner);
  t.after(async () => {
    await locker.close();
    await rm(dir, { recursive: true, force: true });
  });
  const contact = async (petname: string, kind: 'person' | 'vendor' = 'person'): Promise<Contact> => {
    const key = OwnerKey.generate();
    return saveContact(locker, owner, { peerId: key.peerIdString, did: key.did, kind, addrs: [], petname });
  };
  const version = async (v: number, text?: string) => {
    const time = new Date().toISOString();
    const file = text === undefined ? undefined : await locker.blobs.put(Readable.from([Buffer.from(text)]));
    const data = file === undefined ? undefined : { name: 'passport.pdf', mediaType: 'application/pdf', size: file.size, sha256: file.sha256 };
    const credential = recordCredential(owner, { id: DOC, type: 'document', version: v, deleted: data === undefined, time, ...(data === undefined ? {} : { data }) });
    await locker.commit(owner, { records: [{ id: DOC, type: 'document', version: v, deleted: data === undefined, time, credential }], audit: [{ kind: 'document.added', details: {} }] });
    return file;
  };
  return { owner, locker, contact, version };
}

const refused = (code: string) => (error: unknown) => error instanceof KithError && error.code === code;
const ask = (grant: string, sha256: string, record = DOC): DocumentAsk => ({ grant, record, sha256 });

test('the contact a live grant names gets the current file; strangers and others do not', async (t) => {
  const { owner, locker, contact, version } = await setup(t);
  const file = await version(1, 'scan of a passport');
  assert.ok(file !== undefined);
  const [ana, bob] = [await contact('Ana'), await contact('Bob')];
  const grant = await createGrant(locker, owner, { to: { kind: 'contact', peerId: ana.peerId }, records: [{ id: DOC }], purpose: 'Travel booking', terms: [] });

  assert.deepEqual(await releasedDocument(locker, ana, ask(grant.id, file.sha256)), file);
  await assert.rejects(releasedDocument(locker, undefined, ask(grant.id, file.sha256)), refused('NotTrusted'));
  // Another contact, an unknown grant, another record, another hash: all the same NotFound.
  await assert.rejects(releasedDocument(locker, bob, ask(grant.id, file.sha256)), refused('NotFound'));
  await assert.rejects(releasedDocument(locker, ana, ask('g0000000000000000', file.sha256)), refused('NotFound'));
  await assert.rejects(releasedDocument(locker, ana, ask(grant.id, file.sha256, 'other0000001')), refused('NotFound'));
  await assert.rejects(releasedDocument(locker, ana, ask(grant.id, 'ab'.repeat(32))), refused('NotFound'));

  // Expired, then revoked: NotTrusted (it is Ana's own grant, so she may know it ended).
  const later = new Date(Date.now() + 2 * 86_400_000);
  const expiring = await createGrant(locker, owner, { to: { kind: 'contact', peerId: ana.peerId }, records: [{ id: DOC }], purpose: 'Short', terms: [], expires: new Date(Date.now() + 86_400_000) });
  await assert.rejects(releasedDocument(locker, ana, ask(expiring.id, file.sha256), later), refused('NotTrusted'));
  await revokeGrant(locker, owner, grant.id);
  await assert.rejects(releasedDocument(locker, ana, ask(grant.id, file.sha256)), refused('NotTrusted'));
});

test('only the current version: a replaced file, a deleted record or a missing file is NotFound', async (t) => {
  const { owner, locker, contact, version } = await setup(t);
  const first = await version(1, 'first scan');
  const ana = await contact('Ana');
  const grant = await createGrant(locker, owner, { to: { kind: 'contact', peerId: ana.peerId }, records: [{ id: DOC }], purpose: 'Travel', terms: [] });
  const second = await version(2, 'second scan');
  assert.ok(first !== undefined && second !== undefined);
  await assert.rejects(releasedDocument(locker, ana, ask(grant.id, first.sha256)), refused('NotFound'));
  assert.deepEqual(await releasedDocument(locker, ana, ask(grant.id, second.sha256)), second);
  await locker.blobs.remove(second.sha256);
  await assert.rejects(releasedDocument(locker, ana, ask(grant.id, second.sha256)), refused('NotFound'));
  await version(3);
  await assert.rejects(releasedDocument(locker, ana, ask(grant.id, second.sha256)), refused('NotFound'));
});

test('a grant of some fields releases the file only with its hash; a circle reaches people, not vendors', async (t) => {
  const { owner, locker, contact, version } = await setup(t);
  const file = await version(1, 'contract');
  assert.ok(file !== undefined);
  const [ana, shop] = [await contact('Ana'), await contact('Shop', 'vendor')];
  const nameOnly = await createGrant(locker, owner, { to: { kind: 'contact', peerId: ana.peerId }, records: [{ id: DOC, fields: ['name'] }], purpose: 'Just the name', terms: [] });
  await assert.rejects(releasedDocument(locker, ana, ask(nameOnly.id, file.sha256)), refused('NotFound'));
  const withHash = await createGrant(locker, owner, { to: { kind: 'contact', peerId: ana.peerId }, records: [{ id: DOC, fields: ['name', 'size', 'sha256'] }], purpose: 'The file', terms: [] });
  assert.deepEqual(await releasedDocument(locker, ana, ask(withHash.id, file.sha256)), file);

  const circle = await createCircle(locker, owner, 'Family');
  await setMembership(locker, owner, 'Family', ana, true);
  await setMembership(locker, owner, 'Family', shop, true);
  const toCircle = await createGrant(locker, owner, { to: { kind: 'circle', circleId: circle.id }, records: [{ id: DOC }], purpose: 'Family papers', terms: [] });
  assert.deepEqual(await releasedDocument(locker, ana, ask(toCircle.id, file.sha256)), file);
  await assert.rejects(releasedDocument(locker, shop, ask(toCircle.id, file.sha256)), refused('NotFound'));
  await setMembership(locker, owner, 'Family', ana, false);
  await assert.rejects(releasedDocument(locker, ana, ask(toCircle.id, file.sha256)), refused('NotFound'));
});
