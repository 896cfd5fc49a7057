import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { openLocker } from '../../../src/store/locker.ts';
import { due, markDelivered, markFailed, pending, queueChange, retryDelay, wake } from '../../../src/trust/outbox.ts';
import { readSharedCredential, sharedRecordCredential } from '../../../src/trust/shared-credential.ts';
import type { Signer } from '../../../src/identity/signer.ts';
import type { Locker } from '../../../src/store/locker.ts';
import { acceptedChanges, forgetGrant, listShared, type Delivery } from '../../../src/trust/shared-with-me.ts';

/** What the share protocol does with a batch: the changes acceptedChanges names, in one commit. */
async function acceptShared(locker: Locker, signer: Signer, from: string, deliveries: Delivery[]) {
  const batch = await acceptedChanges(locker, from, deliveries);
  if (batch.changes.length > 0) await locker.commit(signer, { items: batch.changes, audit: batch.audit });
  return batch.outcomes;
}

async function lockerFor(t: TestContext, owner: OwnerKey) {
  const dir = await mkdtemp(join(tmpdir(), 'kith-share-'));
  const locker = await openLocker(dir, owner);
  t.after(async () => {
    await locker.close();
    await rm(dir, { recursive: true, force: true });
  });
  return locker;
}

const grant = { id: 'g0123456789abcdef', purpose: 'Birthday cards', terms: [{ id: 'no-onward-sharing' as const }] };
const version = (n: number, locality = 'Lisboa') => ({ id: 'addr00000001', type: 'address' as const, version: n, deleted: false, data: { addressLocality: locality, addressCountry: 'PT' } });

test('a shared record is bound to its owner and holder; newer versions win, replays do not', async (t) => {
  const owner = OwnerKey.generate();
  const holder = OwnerKey.generate();
  const locker = await lockerFor(t, holder);
  const v1 = sharedRecordCredential(owner, { holder: holder.did, grant, record: version(1), time: new Date().toISOString() });
  const v2 = sharedRecordCredential(owner, { holder: holder.did, grant, record: version(2, 'Porto'), time: new Date().toISOString() });
  const expected = { owner: owner.did, holder: holder.did };
  assert.throws(() => readSharedCredential(v1, { owner: holder.did, holder: holder.did }), { code: 'NotTrusted' });
  assert.throws(() => readSharedCredential(v1, { owner: owner.did, holder: owner.did }), /addressed to someone else/);
  const tampered = structuredClone(v1) as { credentialSubject: { record: { data: { addressLocality: string } } } };
  tampered.credentialSubject.record.data.addressLocality = 'Faro';
  assert.throws(() => readSharedCredential(tampered, expected), { code: 'InvalidSignature' });

  const delivery = (credential: typeof v1) => ({ facts: readSharedCredential(credential, expected), credential });
  assert.deepEqual(await acceptShared(locker, holder, owner.peerIdString, [delivery(v2)]), ['stored']);
  assert.deepEqual(await acceptShared(locker, holder, owner.peerIdString, [delivery(v1)]), ['stale'], 'older never overwrites newer');
  assert.deepEqual(await acceptShared(locker, holder, owner.peerIdString, [delivery(v2)]), ['stale'], 'a replay changes nothing');
  const [item] = await listShared(locker);
  assert.equal(item?.record['version'], 2);
  assert.deepEqual(item?.record['data'], { addressLocality: 'Porto', addressCountry: 'PT' });
  assert.equal(item?.grant['purpose'], 'Birthday cards');

  assert.deepEqual(await forgetGrant(locker, holder, owner.peerIdString, grant.id), ['addr00000001']);
  const [gone] = await listShared(locker);
  assert.equal(gone?.record['data'], undefined);
  assert.ok(gone?.revoked !== undefined);
});

test('the outbox coalesces, backs off, wakes on connect, and survives a reopen', async (t) => {
  const owner = OwnerKey.generate();
  const locker = await lockerFor(t, owner);
  const peer = OwnerKey.generate().peerIdString;
  const t0 = new Date('2026-01-01T00:00:00Z');
  await locker.commit(owner, { items: [queueChange(peer, 'g1:r1', 'deliver', { v: 1 }, t0)], audit: [{ kind: 'grant.created', details: {} }] });
  const [first] = await due(locker, t0);
  assert.ok(first !== undefined);
  await markFailed(locker, owner, [first], t0);
  assert.equal((await pending(locker))[0]?.attempts, 1);
  assert.deepEqual(await due(locker, t0), [], 'not due again until its retry time');
  assert.ok(retryDelay(0, () => 1) === 5000 && retryDelay(30, () => 1) === 3_600_000);

  // A newer version queued meanwhile replaces the waiting one: delivering the old one keeps the new.
  const t1 = new Date(t0.getTime() + 1000);
  await locker.commit(owner, { items: [queueChange(peer, 'g1:r1', 'deliver', { v: 2 }, t1)], audit: [] });
  await markDelivered(locker, owner, [first], {});
  assert.deepEqual((await pending(locker)).map((i) => i.message), [{ v: 2 }]);

  await markFailed(locker, owner, [(await pending(locker))[0]!], t1);
  assert.equal(await wake(locker, owner, peer, t1), 1);
  const [now] = await due(locker, t1, peer);
  assert.deepEqual(now?.message, { v: 2 });
  await markDelivered(locker, owner, [now!], { version: 2 });
  assert.deepEqual(await pending(locker), []);
  assert.ok((await locker.audit.entries()).some((e) => e.kind === 'outbox.deliver-delivered'));
});

test('a batch keeps the newest version of each record once, and one audit entry says what was stored', async (t) => {
  const owner = OwnerKey.generate();
  const holder = OwnerKey.generate();
  const locker = await lockerFor(t, holder);
  const expected = { owner: owner.did, holder: holder.did };
  const shared = (n: number, locality: string) => sharedRecordCredential(owner, { holder: holder.did, grant, record: version(n, locality), time: new Date().toISOString() });
  const delivery = (credential: ReturnType<typeof shared>) => ({ facts: readSharedCredential(credential, expected), credential });
  const before = (await locker.audit.entries()).length;
  // Out of order within one batch: v3 then v2 (stale), then v3 again (a replay).
  const outcomes = await acceptShared(locker, holder, owner.peerIdString, [delivery(shared(3, 'Porto')), delivery(shared(2, 'Faro')), delivery(shared(3, 'Porto'))]);
  assert.deepEqual(outcomes, ['stored', 'stale', 'stale']);
  const [item] = await listShared(locker);
  assert.equal(item?.record['version'], 3);
  const added = (await locker.audit.entries()).slice(before);
  assert.deepEqual(
    added.map((e) => [e.kind, e.details]),
    [['share.received', { from: owner.peerIdString, records: [{ grant: grant.id, record: 'addr00000001', version: 3 }] }]],
  );
  assert.deepEqual(await acceptShared(locker, holder, owner.peerIdString, [delivery(shared(1, 'Braga'))]), ['stale']);
  assert.equal((await locker.audit.entries()).length, before + 1, 'nothing stored, nothing logged');
});

test('markFailed and markDelivered take several items at once, in one commit', async (t) => {
  const owner = OwnerKey.generate();
  const locker = await lockerFor(t, owner);
  const peer = OwnerKey.generate().peerIdString;
  const t0 = new Date('2026-01-01T00:00:00Z');
  const subjects = ['g1:r1', 'g1:r2', 'g1:r3'];
  await locker.commit(owner, { items: subjects.map((s) => queueChange(peer, s, 'deliver', { s }, t0)), audit: [] });
  const items = await due(locker, t0);
  await markFailed(locker, owner, items, t0);
  assert.deepEqual((await pending(locker)).map((i) => i.attempts), [1, 1, 1]);
  const before = (await locker.audit.entries()).length;
  await markDelivered(locker, owner, await pending(locker), { receipts: ['urn:uuid:x'] });
  assert.deepEqual(await pending(locker), []);
  const added = (await locker.audit.entries()).slice(before);
  assert.deepEqual(added.map((e) => [e.kind, e.details]), [['outbox.deliver-delivered', { peer, subjects, receipts: ['urn:uuid:x'] }]]);
});
