import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { openLocker } from '../../../src/store/locker.ts';
import { createCircle, deleteCircle, listCircles, renameCircle, resolveCircle, setMembership } from '../../../src/trust/circles.ts';
import { isBlocked, listContacts, renameContact, resolveContact, saveContact, setBlocked } from '../../../src/trust/contacts.ts';

async function setup(t: TestContext) {
  const dir = await mkdtemp(join(tmpdir(), 'kith-trust-'));
  const owner = OwnerKey.generate();
  const locker = await openLocker(dir, owner);
  t.after(async () => {
    await locker.close();
    await rm(dir, { recursive: true, force: true });
  });
  const person = (petname: string) => {
    const key = OwnerKey.generate();
    return { peerId: key.peerIdString, did: key.did, petname, kind: 'person' as const, addrs: [] };
  };
  return { locker, owner, person };
}

test('contacts: saved with unique petnames, found by petname, DID or PeerId, renamed', async (t) => {
  const { locker, owner, person } = await setup(t);
  const ana = await saveContact(locker, owner, person('Ana'));
  const ana2 = await saveContact(locker, owner, person('Ana'));
  assert.equal(ana2.petname, 'Ana (2)');
  assert.equal((await resolveContact(locker, 'ana')).peerId, ana.peerId);
  assert.equal((await resolveContact(locker, ana.did)).peerId, ana.peerId);
  assert.equal((await resolveContact(locker, ana2.peerId)).petname, 'Ana (2)');
  await assert.rejects(resolveContact(locker, 'Zé'), { code: 'NotFound' });

  // A second handshake refreshes addresses but keeps the name the owner chose.
  await renameContact(locker, owner, 'Ana (2)', 'Ana Sister');
  const again = await saveContact(locker, owner, { ...person('whatever'), peerId: ana2.peerId, did: ana2.did, addrs: ['/ip4/127.0.0.1/tcp/1'] });
  assert.equal(again.petname, 'Ana Sister');
  assert.deepEqual(again.addrs, ['/ip4/127.0.0.1/tcp/1']);
  await assert.rejects(renameContact(locker, owner, 'Ana Sister', 'ana'), { code: 'AlreadyExists' });
  await assert.rejects(renameContact(locker, owner, 'Ana Sister', '   '), { code: 'InvalidInput' });
  assert.equal((await listContacts(locker)).length, 2);

  await setBlocked(locker, owner, { peerId: ana.peerId, did: ana.did }, true);
  assert.equal(await isBlocked(locker, ana.peerId), true);
  await setBlocked(locker, owner, { peerId: ana.peerId }, false);
  assert.equal(await isBlocked(locker, ana.peerId), false);
  const kinds = (await locker.audit.entries()).map((e) => e.kind);
  assert.deepEqual(kinds, ['contact.added', 'contact.added', 'contact.renamed', 'contact.updated', 'peer.blocked', 'peer.unblocked']);
});

test('circles: create, rename, add and remove members, delete', async (t) => {
  const { locker, owner, person } = await setup(t);
  const ana = await saveContact(locker, owner, person('Ana'));
  const family = await createCircle(locker, owner, ' Family ');
  assert.equal(family.name, 'Family');
  await assert.rejects(createCircle(locker, owner, 'family'), { code: 'AlreadyExists' });
  await setMembership(locker, owner, 'family', ana, true);
  await setMembership(locker, owner, 'family', ana, true); // idempotent
  assert.deepEqual((await resolveCircle(locker, 'Family')).members, [ana.peerId]);
  const renamed = await renameCircle(locker, owner, 'Family', 'Família');
  assert.equal(renamed.id, family.id);
  await setMembership(locker, owner, 'Família', ana, false);
  assert.deepEqual((await resolveCircle(locker, family.id)).members, []);
  await deleteCircle(locker, owner, 'Família');
  assert.deepEqual(await listCircles(locker), []);
  await assert.rejects(resolveCircle(locker, 'Família'), { code: 'NotFound' });
});
