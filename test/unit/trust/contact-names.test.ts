// A contact's default name comes from what it says about itself, follows it when that
// changes, and stops following once the owner renames it; contacts stored before these
// fields existed still load, and an earlier rename is never overwritten.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { openLocker } from '../../../src/store/locker.ts';
import { CONTACTS, generatedName, getContact, namedByOwner, noteSelfName, renameContact, withSelfName, type Contact } from '../../../src/trust/contacts.ts';

async function setup(t: TestContext) {
  const dir = await mkdtemp(join(tmpdir(), 'kith-names-'));
  const owner = OwnerKey.generate();
  const locker = await openLocker(dir, owner);
  t.after(async () => {
    await locker.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { locker, owner };
}

function vendor(extra: Partial<Contact> = {}): Contact {
  const key = OwnerKey.generate();
  return { peerId: key.peerIdString, did: key.did, petname: generatedName('vendor', key.peerIdString), kind: 'vendor', addrs: [], added: new Date().toISOString(), ...extra };
}

test('names: the contact\'s own name replaces the generated one and follows it until the owner renames', async (t) => {
  const { locker, owner } = await setup(t);
  const shop = vendor({ named: 'generated' });
  await locker.commit(owner, { items: [{ collection: CONTACTS, id: shop.peerId, value: shop }], audit: [] });

  assert.equal(await noteSelfName(locker, owner, shop.peerId, 'Tea & Co'), true);
  assert.equal((await getContact(locker, shop.peerId))?.petname, 'Tea & Co');
  assert.equal(await noteSelfName(locker, owner, shop.peerId, 'Tea & Co'), false, 'the same name changes nothing');
  assert.equal(await noteSelfName(locker, owner, shop.peerId, 'Tea and Coffee'), true);
  assert.equal((await getContact(locker, shop.peerId))?.petname, 'Tea and Coffee');

  await renameContact(locker, owner, 'Tea and Coffee', 'My tea shop');
  await noteSelfName(locker, owner, shop.peerId, 'Tea & Co again');
  const after = await getContact(locker, shop.peerId);
  assert.equal(after?.petname, 'My tea shop', 'the owner\'s petname wins');
  assert.equal(after?.selfName, 'Tea & Co again', 'what it says is still kept');

  const entries = await locker.audit.entries({ from: 0, limit: 10 });
  assert.deepEqual(entries.map((e) => e.kind), ['contact.named', 'contact.named', 'contact.renamed', 'contact.named']);
});

test('names: a contact stored by an earlier version loads; a generated name may be replaced, an earlier rename may not', async (t) => {
  const { locker, owner } = await setup(t);
  const generated = vendor();
  const renamed = vendor({ petname: 'Grocer' });
  for (const c of [generated, renamed]) await locker.commit(owner, { items: [{ collection: CONTACTS, id: c.peerId, value: c }], audit: [] });
  assert.equal(namedByOwner(generated), false);
  assert.equal(namedByOwner({ ...generated, petname: `${generated.petname} (2)` }), false);
  assert.equal(namedByOwner(renamed), true);

  await noteSelfName(locker, owner, generated.peerId, 'Tea & Co');
  await noteSelfName(locker, owner, renamed.peerId, 'Big Grocer Ltd');
  assert.equal((await getContact(locker, generated.peerId))?.petname, 'Tea & Co');
  assert.equal((await getContact(locker, renamed.peerId))?.petname, 'Grocer');
});

test('names: two contacts that call themselves the same get distinct petnames; no name falls back to the key', () => {
  const first = { ...vendor({ named: 'self', selfName: 'Tea & Co' }), petname: 'Tea & Co' };
  const second = vendor({ named: 'generated' });
  assert.equal(withSelfName(second, 'Tea & Co', [first, second])?.petname, 'Tea & Co (2)');
  const withdrawn = withSelfName(first, undefined, [first]);
  assert.equal(withdrawn?.petname, generatedName('vendor', first.peerId));
  assert.equal(withdrawn?.named, 'generated');
  assert.equal(withSelfName(second, '   ', [second]), undefined, 'a blank name is no name');
});

test('names: a name with control or bidi-override characters is no name; the per-contact share choice survives a name change', async (t) => {
  const { locker, owner } = await setup(t);
  const ben = { ...vendor({ named: 'self', selfName: 'Ben Costa', shareName: false }), kind: 'person' as const, petname: 'Ben Costa' };
  await locker.commit(owner, { items: [{ collection: CONTACTS, id: ben.peerId, value: ben }], audit: [] });
  for (const bad of ['Ben\u0000', 'Ben\r\nCosta', 'Ben \u202Eatsoc', '\u2066Ben']) {
    assert.equal(withSelfName(ben, bad, [ben])?.petname, generatedName('person', ben.peerId), JSON.stringify(bad));
  }
  assert.equal(await noteSelfName(locker, owner, ben.peerId, 'Ben C. Costa'), true);
  const after = await getContact(locker, ben.peerId);
  assert.deepEqual([after?.petname, after?.selfName, after?.shareName], ['Ben C. Costa', 'Ben C. Costa', false]);
});
