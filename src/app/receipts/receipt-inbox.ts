// The customer's side of /kith/receipt/1.0.0: what a vendor's node sends us after a sale
// (an e-receipt) or after a deletion our terms scheduled (a deletion receipt). Both are
// taken only from a vendor we have a live agreement with, checked against its own key,
// and kept in one commit with their audit entry. An e-receipt becomes a `purchase` record
// signed by us like any other record, its provenance naming the vendor and carrying the
// vendor's signed credential, so "who sold me this" can be shown later by anyone.
import { createHash } from 'node:crypto';
import { recordSchemas } from '../../api/records.ts';
import { KithError } from '../../base/errors.ts';
import { parseWith } from '../../base/schema.ts';
import type { JsonObject } from '../../credentials/types.ts';
import type { Signer } from '../../identity/signer.ts';
import type { ReceiptAnswer } from '../../net/protocols/receipt/receipt-protocol.ts';
import type { Locker } from '../../store/locker.ts';
import { liveAgreementsWith } from '../../trust/agreements.ts';
import type { Contact } from '../../trust/contacts.ts';
import { purchaseData, readEReceipt } from '../../trust/e-receipt.ts';
import { listGrants } from '../../trust/grants.ts';
import { listReceipts, receiptChange } from '../../trust/receipts.ts';
import { readDeletionReceipt } from '../../trust/revocation.ts';
import { recordCredential } from '../records/record-credential.ts';

/**
 * The record id an e-receipt is kept under: derived from the vendor and its credential id,
 * so a retried delivery finds the record it made — even one the customer has deleted since
 * (a tombstone is a head too: a deleted receipt does not come back).
 */
export function eReceiptRecordId(vendor: string, credentialId: string): string {
  return createHash('sha256').update(`${vendor}\n${credentialId}`).digest('hex').slice(0, 32);
}

async function vendorAgreements(locker: Locker, sender: Contact) {
  const live = (await liveAgreementsWith(locker, sender.peerId)).filter((a) => a.vendor.did === sender.did);
  if (live.length === 0) throw new KithError('NotTrusted', 'Receipts are taken only from a vendor you have an agreement with.');
  return live;
}

export async function receivePurchase(locker: Locker, customer: Signer, sender: Contact, credential: Record<string, unknown>, now = new Date()): Promise<ReceiptAnswer> {
  const live = await vendorAgreements(locker, sender);
  const facts = readEReceipt(credential, { vendor: sender.did, customer: customer.did });
  if (!live.some((a) => a.receipts !== false)) {
    await locker.commit(customer, { items: [], audit: [{ kind: 'receipt.declined', details: { from: sender.peerId, receipt: facts.id, orderId: facts.order.orderId } }] });
    return { status: 'declined' };
  }
  const id = eReceiptRecordId(sender.did, facts.id);
  if ((await locker.records.head(id)) !== undefined) return { status: 'duplicate' };
  const data = parseWith(recordSchemas.purchase, purchaseData(facts), 'The e-receipt');
  const time = now.toISOString();
  const source = { format: 'e-receipt' as const, issuer: facts.vendor, vendor: facts.vendorName, sourceId: facts.id, received: time, receipt: credential as JsonObject };
  const signed = recordCredential(customer, { id, type: 'purchase', version: 1, deleted: false, time, data, source });
  await locker.commit(customer, {
    records: [{ id, type: 'purchase', version: 1, deleted: false, time, credential: signed }],
    audit: [{ kind: 'receipt.received', details: { from: sender.peerId, recordId: id, type: 'purchase', receipt: facts.id, orderId: facts.order.orderId } }],
  });
  return { status: 'stored' };
}

/**
 * A deletion receipt the vendor sent unasked (a scheduled deletion): kept as the receipt a
 * revocation gets back, once shown to be for one of our grants to this vendor.
 */
export async function receiveDeletionReceipt(locker: Locker, owner: Signer, sender: Contact, receipt: Record<string, unknown>): Promise<ReceiptAnswer> {
  await vendorAgreements(locker, sender);
  const named = (receipt['credentialSubject'] as { grant?: unknown } | undefined)?.grant;
  const grant = (await listGrants(locker)).find((g) => g.id === named);
  if (grant === undefined || grant.to.kind !== 'contact' || grant.to.peerId !== sender.peerId) throw new KithError('NotTrusted', 'The deletion receipt is for no grant of yours to this vendor.');
  const facts = readDeletionReceipt(receipt, { holder: sender.did, owner: owner.did, grant: grant.id });
  // A retried delivery of the one we kept: answered again, not logged again.
  if ((await listReceipts(locker, grant.id)).some((r) => r.kind === 'deletion' && r.holder === sender.peerId)) return { status: 'kept' };
  await locker.commit(owner, {
    items: [receiptChange({ kind: 'deletion', grant: grant.id, holder: sender.peerId, time: facts.deleted, credential: receipt })],
    audit: [{ kind: 'deletion.received', details: { from: sender.peerId, grant: grant.id, records: facts.records } }],
  });
  return { status: 'kept' };
}
