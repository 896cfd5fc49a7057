// The customer's node taking receipts from vendors (what /kith/receipt/1.0.0 calls into),
// on a real locker: an e-receipt from a vendor with a live agreement becomes a purchase
// record signed by the customer whose provenance names the vendor; a stranger's — no
// agreement, someone else's signature, about someone else — is refused with a stable
// code; declined by the customer's choice; a retry or a deleted receipt is not stored
// twice. A deletion receipt is kept only for our own grant to that vendor.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { eReceiptRecordId, receiveDeletionReceipt, receivePurchase } from '../../../../src/app/receipts/receipt-inbox.ts';
import { recordFacts } from '../../../../src/app/records/record-credential.ts';
import { OwnerKey } from '../../../../src/identity/identity.ts';
import { openLocker, type Locker } from '../../../../src/store/locker.ts';
import { agreementChange, setAgreementReceipts, type Agreement } from '../../../../src/trust/agreements.ts';
import type { Contact } from '../../../../src/trust/contacts.ts';
import { issueEReceipt, parseOrder } from '../../../../src/trust/e-receipt.ts';
import { GRANTS, type Grant } from '../../../../src/trust/grants.ts';
import { listReceipts } from '../../../../src/trust/receipts.ts';
import { deletionReceipt } from '../../../../src/trust/revocation.ts';

const ORDER = parseOrder({ orderId: 'A-1001', date: '2026-12-01', items: [{ name: 'Tea', quantity: 2, price: { value: '4.50', currency: 'EUR' } }], total: { value: '9.00', currency: 'EUR' } });
const ana = OwnerKey.generate();
const shop = OwnerKey.generate();
const stranger = OwnerKey.generate();
const AGREEMENT = 'a0123456789abcdef';
const GRANT = 'g0123456789abcdef';

const vendorContact = (key: OwnerKey): Contact => ({ peerId: key.peerIdString, did: key.did, petname: 'Tea & Co', kind: 'vendor', addrs: [], added: new Date().toISOString() });

async function customerLocker(t: TestContext): Promise<Locker> {
  const dir = await mkdtemp(join(tmpdir(), 'kith-receipt-inbox-'));
  const locker = await openLocker(dir, ana);
  t.after(async () => {
    await locker.close();
    await rm(dir, { recursive: true, force: true });
  });
  const party = (key: OwnerKey) => ({ did: key.did, peerId: key.peerIdString });
  const agreement: Agreement = { id: AGREEMENT, role: 'customer', customer: party(ana), vendor: party(shop), purpose: 'Delivery', terms: [{ id: 'delete-after', days: 30 }], created: new Date().toISOString(), status: 'active', credential: {} };
  const grant: Grant = { id: GRANT, to: { kind: 'contact', peerId: shop.peerIdString }, records: [{ id: 'email0001' }], purpose: 'Delivery', terms: [{ id: 'delete-after', days: 30 }], created: new Date().toISOString(), agreement: AGREEMENT };
  await locker.commit(ana, { items: [agreementChange(agreement), { collection: GRANTS, id: GRANT, value: grant }], audit: [] });
  return locker;
}

const receipt = (from: OwnerKey, about = ana.did) => issueEReceipt(from, { customer: about, vendorName: 'Tea & Co', order: ORDER }) as Record<string, unknown>;

test('an e-receipt from the vendor of a live agreement: a purchase record of ours, from the vendor; once', async (t) => {
  const locker = await customerLocker(t);
  const credential = receipt(shop);
  assert.deepEqual(await receivePurchase(locker, ana, vendorContact(shop), credential), { status: 'stored' });
  const [record] = await locker.records.list('purchase');
  assert.equal(record?.id, eReceiptRecordId(shop.did, String(credential['id'])));
  const facts = recordFacts(record?.credential);
  assert.equal(facts.issuer, ana.did, 'signed by the customer, like every record in the locker');
  assert.deepEqual(facts.source?.format === 'e-receipt' ? [facts.source.issuer, facts.source.vendor, facts.source.receipt] : [], [shop.did, 'Tea & Co', credential], 'provenance: the vendor, with its signed credential');
  assert.deepEqual(await receivePurchase(locker, ana, vendorContact(shop), credential), { status: 'duplicate' }, 'a retry');
  // Deleted by the customer: a retry does not bring it back.
  await locker.commit(ana, { records: [{ id: record!.id, type: 'purchase', version: 2, deleted: true, credential: {} }], audit: [] });
  assert.deepEqual(await receivePurchase(locker, ana, vendorContact(shop), credential), { status: 'duplicate' });
  assert.equal((await locker.records.list('purchase')).length, 0);
  const kinds = (await locker.audit.entries()).map((e) => e.kind);
  assert.equal(kinds.filter((k) => k === 'receipt.received').length, 1);
});

test("a stranger's receipt is refused with a stable code: no agreement, another's signature, someone else's", async (t) => {
  const locker = await customerLocker(t);
  await assert.rejects(receivePurchase(locker, ana, vendorContact(stranger), receipt(stranger)), { code: 'NotTrusted' }, 'a contact with no agreement');
  await assert.rejects(receivePurchase(locker, ana, vendorContact(shop), receipt(stranger)), { code: 'NotTrusted' }, 'signed by another key');
  await assert.rejects(receivePurchase(locker, ana, vendorContact(shop), receipt(shop, stranger.did)), { code: 'NotTrusted' }, 'for another customer');
  const altered = structuredClone(receipt(shop)) as { credentialSubject: { order: { orderId: string } } };
  altered.credentialSubject.order.orderId = 'A-9999';
  await assert.rejects(receivePurchase(locker, ana, vendorContact(shop), altered), { code: 'InvalidSignature' });
  // Same key, but the contact's DID is not the agreement's vendor (a swapped contact record).
  await assert.rejects(receivePurchase(locker, ana, { ...vendorContact(shop), did: stranger.did }, receipt(stranger)), { code: 'NotTrusted' });
  assert.equal((await locker.records.list('purchase')).length, 0);
});

test('declined under the agreement: nothing kept, the choice logged; taken again once turned back on', async (t) => {
  const locker = await customerLocker(t);
  await setAgreementReceipts(locker, ana, AGREEMENT, false);
  assert.deepEqual(await receivePurchase(locker, ana, vendorContact(shop), receipt(shop)), { status: 'declined' });
  assert.equal((await locker.records.list('purchase')).length, 0);
  await setAgreementReceipts(locker, ana, AGREEMENT, true);
  assert.deepEqual(await receivePurchase(locker, ana, vendorContact(shop), receipt(shop)), { status: 'stored' });
  const kinds = (await locker.audit.entries()).map((e) => e.kind);
  assert.deepEqual(kinds.filter((k) => k.startsWith('agreement.receipts') || k.startsWith('receipt.')), ['agreement.receipts', 'receipt.declined', 'agreement.receipts', 'receipt.received']);
});

test('a deletion receipt is kept for our grant to that vendor only, once', async (t) => {
  const locker = await customerLocker(t);
  const signed = deletionReceipt(shop, { owner: ana.did, grant: GRANT, records: ['email0001'] });
  await assert.rejects(receiveDeletionReceipt(locker, ana, vendorContact(shop), deletionReceipt(shop, { owner: ana.did, grant: 'g00000000000000ff', records: [] })), { code: 'NotTrusted' }, 'no such grant');
  await assert.rejects(receiveDeletionReceipt(locker, ana, vendorContact(shop), deletionReceipt(stranger, { owner: ana.did, grant: GRANT, records: [] })), { code: 'NotTrusted' }, 'signed by another');
  await assert.rejects(receiveDeletionReceipt(locker, ana, vendorContact(shop), deletionReceipt(shop, { owner: stranger.did, grant: GRANT, records: [] })), { code: 'NotTrusted' }, 'for another owner');
  await assert.rejects(receiveDeletionReceipt(locker, ana, vendorContact(stranger), signed), { code: 'NotTrusted' }, 'from a contact with no agreement');
  assert.deepEqual(await receiveDeletionReceipt(locker, ana, vendorContact(shop), signed), { status: 'kept' });
  assert.deepEqual(await receiveDeletionReceipt(locker, ana, vendorContact(shop), signed), { status: 'kept' });
  const kept = await listReceipts(locker, GRANT);
  assert.deepEqual(kept.map((r) => [r.kind, r.holder]), [['deletion', shop.peerIdString]]);
  assert.equal((await locker.audit.entries()).filter((e) => e.kind === 'deletion.received').length, 1);
});
