// Batched deliveries: how a peer's queue is cut into messages, what a holder keeps from a
// batch with a bad record or a bad receipt in it, and a real deliverer emptying a queue
// larger than one batch to a real holder node in this process.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { packSends } from '../../../src/app/sharing/batches.ts';
import { Deliverer } from '../../../src/app/sharing/deliverer.ts';
import { deliveryChanges } from '../../../src/app/sharing/releases.ts';
import type { RecordFacts } from '../../../src/app/records/record-credential.ts';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { createKithNode } from '../../../src/net/node.ts';
import { BATCH_BYTES, MAX_BATCH, receiveDeliveries, startShareProtocol, type DeliverRequest } from '../../../src/net/protocols/share/share-protocol.ts';
import { openLocker, type Locker } from '../../../src/store/locker.ts';
import type { Contact } from '../../../src/trust/contacts.ts';
import { saveContact } from '../../../src/trust/contacts.ts';
import type { Grant } from '../../../src/trust/grants.ts';
import { pending, queueChange, type OutboxItem } from '../../../src/trust/outbox.ts';
import { listReceipts } from '../../../src/trust/receipts.ts';
import { revocationNotice } from '../../../src/trust/revocation.ts';
import { SharedCredentialChecker } from '../../../src/trust/shared-credential-checker.ts';
import { listShared } from '../../../src/trust/shared-with-me.ts';
import { lockerHoldings } from '../../../src/trust/holdings.ts';

async function lockerFor(t: TestContext, owner: OwnerKey): Promise<Locker> {
  const dir = await mkdtemp(join(tmpdir(), 'kith-batches-'));
  const locker = await openLocker(dir, owner);
  t.after(async () => {
    await locker.close();
    await rm(dir, { recursive: true, force: true });
  });
  return locker;
}

const contactOf = (key: OwnerKey, petname: string): Contact => ({ peerId: key.peerIdString, did: key.did, petname, kind: 'person', addrs: [], added: new Date().toISOString() });
const grantOf = (id: string, records: readonly string[]): Grant => ({
  id,
  to: { kind: 'contact', peerId: 'unused' },
  records: records.map((r) => ({ id: r })),
  purpose: 'Deliveries',
  terms: [],
  created: new Date().toISOString(),
});
const facts = (id: string, version = 1, locality = 'Lisboa'): RecordFacts => ({
  id,
  type: 'address',
  version,
  deleted: false,
  time: new Date().toISOString(),
  data: { addressLocality: locality, addressCountry: 'PT' },
});
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(8, '0')}`);
const items = (changes: { value: unknown }[]) => changes.map((c) => c.value as OutboxItem);

test('a queue is cut into batches in order: at most MAX_BATCH records, each receipt once, revocations on their own', () => {
  const owner = OwnerKey.generate();
  const holder = contactOf(OwnerKey.generate(), 'holder');
  const many = ids('ra', MAX_BATCH + 50);
  const deliveries = items(deliveryChanges(owner, grantOf('g00000000000000a1', many), [holder], many.map((id) => facts(id))));
  const revoke = queueChange(holder.peerId, 'g00000000000000b2:revoke', 'revoke', { type: 'revoke', notice: {} }).value as OutboxItem;
  const later = items(deliveryChanges(owner, grantOf('g00000000000000c3', ['rlater00001']), [holder], [facts('rlater00001')]));
  const sends = packSends([...deliveries, revoke, ...later]);
  assert.deepEqual(sends.map((s) => s.kind), ['deliver', 'deliver', 'revoke', 'deliver']);
  assert.deepEqual(sends.map((s) => s.items.length).slice(2), [1, 1]);
  assert.equal(sends[0]!.items.length + sends[1]!.items.length, MAX_BATCH + 50);
  for (const send of sends) {
    assert.ok(send.items.length <= MAX_BATCH);
    assert.ok(Buffer.byteLength(JSON.stringify(send.message)) <= BATCH_BYTES + 1024, 'within the byte budget');
  }
  const first = sends[0]!.message as DeliverRequest;
  assert.equal(first.receipts.length, 1, 'one grant, one update: its receipt travels once');
  assert.deepEqual(sends.flatMap((s) => s.items.map((i) => i.subject)), [...deliveries, revoke, ...later].map((i) => i.subject), 'order kept');

  // Big records: the byte budget cuts the batch before the count does.
  const big = ids('rb', 12);
  const bigFacts = big.map((id) => ({ ...facts(id), data: { addressLocality: 'x'.repeat(40_000), addressCountry: 'PT' } }));
  const bigSends = packSends(items(deliveryChanges(owner, grantOf('g00000000000000d4', big), [holder], bigFacts)));
  assert.ok(bigSends.length > 1);
  for (const send of bigSends) assert.ok(send.items.length === 1 || Buffer.byteLength(JSON.stringify(send.message)) <= BATCH_BYTES + 1024);
});

test('a holder keeps the good records of a batch, refuses a forged one by itself, and refuses a batch with a foreign receipt whole', async (t) => {
  const owner = OwnerKey.generate();
  const holderKey = OwnerKey.generate();
  const locker = await lockerFor(t, holderKey);
  const holder = contactOf(holderKey, 'holder');
  const sender = contactOf(owner, 'owner');
  const records = ids('rc', 3);
  const good = items(deliveryChanges(owner, grantOf('g00000000000000e5', records), [holder], records.map((id) => facts(id))));
  const [send] = packSends(good);
  const message = structuredClone(send!.message as DeliverRequest);
  // The middle record: signed by someone else under the owner's name.
  const forger = OwnerKey.generate();
  const forged = items(deliveryChanges(forger, grantOf('g00000000000000e5', [records[1]!]), [holder], [facts(records[1]!, 9, 'Faro')]))[0]!.message['credential'];
  message.credentials[1] = forged as Record<string, unknown>;
  // And one more under a grant whose receipt did not come along.
  const unreceipted = items(deliveryChanges(owner, grantOf('g00000000000000f6', ['rother0001']), [holder], [facts('rother0001')]))[0]!.message['credential'];
  message.credentials.push(unreceipted as Record<string, unknown>);

  const answer = await receiveDeliveries(locker, holderKey, sender, message);
  assert.deepEqual(answer.results, [{ status: 'stored' }, { status: 'refused', code: 'NotTrusted' }, { status: 'stored' }, { status: 'refused', code: 'NotTrusted' }]);
  assert.equal(answer.receipts.length, 1);
  assert.deepEqual((await listShared(locker)).map((s) => s.record['id']).sort(), [records[0], records[2]]);

  const foreignReceipt = structuredClone(send!.message as DeliverRequest);
  foreignReceipt.receipts = [items(deliveryChanges(forger, grantOf('g00000000000000e5', records), [holder], [facts(records[0]!, 2)]))[0]!.message['receipt'] as Record<string, unknown>];
  const before = (await locker.audit.entries()).length;
  await assert.rejects(receiveDeliveries(locker, holderKey, sender, foreignReceipt), { code: 'NotTrusted' });
  assert.equal((await locker.audit.entries()).length, before, 'nothing kept from a refused batch');
});

test('a large batch checked on worker threads is answered and kept exactly as one checked inline', async (t) => {
  const owner = OwnerKey.generate();
  const holderKey = OwnerKey.generate();
  const holder = contactOf(holderKey, 'holder');
  const sender = contactOf(owner, 'owner');
  const records = ids('rw', 40);
  const [send] = packSends(items(deliveryChanges(owner, grantOf('g00000000000000a7', records), [holder], records.map((id) => facts(id)))));
  const message = structuredClone(send!.message as DeliverRequest);
  const forger = OwnerKey.generate();
  const misaddressed = contactOf(OwnerKey.generate(), 'someone else');
  const single = (signer: OwnerKey, to: Contact, id: string, grant = 'g00000000000000a7') =>
    items(deliveryChanges(signer, grantOf(grant, [id]), [to], [facts(id, 5, 'Faro')]))[0]!.message['credential'] as Record<string, unknown>;
  message.credentials[3] = single(forger, holder, records[3]!); // forged
  message.credentials[11] = single(owner, misaddressed, records[11]!); // for another holder
  message.credentials[20] = { type: ['VerifiableCredential'], issuer: owner.did }; // malformed
  message.credentials[27] = single(owner, holder, records[27]!, 'g00000000000000b8'); // no receipt for its grant
  message.credentials.push(message.credentials[0]!); // the same version twice

  const inlineLocker = await lockerFor(t, holderKey);
  const pooledLocker = await lockerFor(t, holderKey);
  const checker = new SharedCredentialChecker({ lanes: 2 });
  t.after(() => checker.close());
  const inline = await receiveDeliveries(inlineLocker, holderKey, sender, message);
  const pooled = await receiveDeliveries(pooledLocker, holderKey, sender, message, checker);
  assert.deepEqual(pooled.results, inline.results);
  assert.deepEqual(
    inline.results.flatMap((r, i) => (r.status === 'refused' ? [[i, r.code]] : [])),
    [[3, 'NotTrusted'], [11, 'NotTrusted'], [20, 'InvalidInput'], [27, 'NotTrusted']],
  );
  assert.deepEqual(pooled.receipts.map((r) => r['id']), inline.receipts.map((r) => r['id']));
  const kept = async (locker: Locker) => (await listShared(locker)).map((s) => [s.record['id'], s.record['version']]);
  assert.deepEqual(await kept(pooledLocker), await kept(inlineLocker));
  assert.equal((await kept(inlineLocker)).length, records.length - 4);
});

test('the deliverer empties a queue larger than a batch to a holder node in a few messages, keeping every receipt', async (t) => {
  const ownerKey = OwnerKey.generate();
  const holderKey = OwnerKey.generate();
  const ownerLocker = await lockerFor(t, ownerKey);
  const holderLocker = await lockerFor(t, holderKey);
  const options = { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false, useRelays: false };
  const ownerNode = await createKithNode({ owner: ownerKey, ...options });
  const holderNode = await createKithNode({ owner: holderKey, ...options });
  const checker = new SharedCredentialChecker();
  t.after(() => Promise.all([ownerNode.stop(), holderNode.stop(), checker.close()]));
  await startShareProtocol({
    node: holderNode,
    holdings: async () => lockerHoldings(holderLocker, () => holderKey),
    signer: () => holderKey,
    contact: async (peer) => (peer === ownerKey.peerIdString ? contactOf(ownerKey, 'owner') : undefined),
    onChange: () => undefined,
    checker,
  });
  const holder = await saveContact(ownerLocker, ownerKey, { ...contactOf(holderKey, 'holder'), addrs: holderNode.multiaddrs() });
  await ownerNode.dial(holderNode.multiaddrs()[0]!);
  const records = ids('rd', MAX_BATCH * 2 + 10);
  const half = records.length / 2;
  const grants = [grantOf('g0000000000000a01', records.slice(0, half)), grantOf('g0000000000000a02', records.slice(half))];
  for (const grant of grants) {
    await ownerLocker.commit(ownerKey, { items: deliveryChanges(ownerKey, grant, [holder], grant.records.map((r) => facts(r.id, 2))), audit: [] });
  }
  const deliverer = new Deliverer({ node: ownerNode, locker: async () => ownerLocker, signer: () => ownerKey, onDelivered: () => undefined });
  await deliverer.flush(holder.peerId);
  assert.deepEqual(await pending(ownerLocker), [], 'everything delivered');
  assert.equal((await listShared(holderLocker)).length, records.length);
  const received = (await holderLocker.audit.entries()).filter((e) => e.kind === 'share.received');
  assert.equal(received.length, 3, `${records.length} records in three batches`);
  const receipts = await listReceipts(ownerLocker);
  assert.deepEqual([...new Set(receipts.map((r) => r.grant))].sort(), grants.map((g) => g.id), 'a countersigned receipt for each grant');
  const delivered = (await ownerLocker.audit.entries()).filter((e) => e.kind === 'outbox.deliver-delivered');
  assert.equal(delivered.length, 3);

  // Pipelined batches never let a revocation overtake them: new versions under the first
  // grant, then its revocation, all queued at once — the holder ends with that grant's
  // data deleted, not with versions that arrived after the notice.
  const [first] = grants;
  await ownerLocker.commit(ownerKey, { items: deliveryChanges(ownerKey, first!, [holder], first!.records.map((r) => facts(r.id, 3))), audit: [] });
  await new Promise((resolve) => setTimeout(resolve, 5)); // queued strictly later
  await ownerLocker.commit(ownerKey, { items: revocationChangesFor(ownerKey, first!, holder), audit: [] });
  await deliverer.flush(holder.peerId);
  assert.deepEqual(await pending(ownerLocker), []);
  const after = await listShared(holderLocker);
  const ofFirst = after.filter((item) => item.grant['id'] === first!.id);
  assert.equal(ofFirst.length, half);
  assert.ok(ofFirst.every((item) => item.revoked !== undefined && item.record['data'] === undefined), 'every record of the revoked grant deleted');
  assert.ok(after.filter((item) => item.grant['id'] !== first!.id).every((item) => item.revoked === undefined));
});

/**
 * The revocation notice for one holder, queued behind what is waiting (revocationChanges in
 * the app also drops what waits; here the deliveries stay, to race the notice).
 */
function revocationChangesFor(owner: OwnerKey, grant: Grant, holder: Contact) {
  return [queueChange(holder.peerId, `${grant.id}:revoke`, 'revoke', { type: 'revoke', notice: revocationNotice(owner, grant.id, holder.did) })];
}
