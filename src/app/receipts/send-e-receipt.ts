// The vendor's side of an e-receipt: `kith vendor receipt DID JSON`. The order is checked
// (src/trust/e-receipt.ts), the customer must have a live agreement with us, the receipt is
// signed with our key, kept in the vendor store as sent, and queued in the outbox for the
// customer's node — which gets it now, or when it is next online.
import { KithError } from '../../base/errors.ts';
import { listAgreements } from '../../trust/agreements.ts';
import { getContact } from '../../trust/contacts.ts';
import { issueEReceipt, parseOrder, type Order } from '../../trust/e-receipt.ts';
import { queueChange } from '../../trust/outbox.ts';
import { getVendorProfile } from '../../trust/vendor-profile.ts';
import type { VendorStore } from '../../vendor/store/vendor-store.ts';
import type { AppContext } from '../context.ts';

export interface SentEReceipt {
  readonly id: string;
  readonly customer: string;
  readonly orderId: string;
  readonly total: Order['total'];
  readonly status: 'queued';
}

/** The customer's peer id, once shown to be a customer with a live agreement and a contact. */
async function customerPeer(ctx: AppContext, store: VendorStore, did: string): Promise<string> {
  const locker = await ctx.locker();
  const theirs = (await listAgreements(locker)).filter((a) => a.role === 'vendor' && a.customer.did === did);
  if (theirs.length === 0) {
    if ((await store.customer(did)) === undefined) throw new KithError('NotFound', `${did} is not a customer of this vendor node.`, { hint: 'See your customers with `kith vendor customers`.' });
    throw new KithError('NotTrusted', `${did} has no agreement with you: e-receipts go only to customers with one.`, { hint: 'A customer makes one with `kith agree`.' });
  }
  const live = theirs.filter((a) => a.status === 'active');
  if (live.length === 0) throw new KithError('NotTrusted', `Every agreement ${did} had with you has ended: e-receipts go only to customers with one in force.`);
  const peerId = live[0]!.customer.peerId;
  if ((await getContact(locker, peerId)) === undefined) throw new KithError('NotTrusted', `${did} is no longer one of your contacts.`);
  return peerId;
}

export async function sendEReceipt(ctx: AppContext, store: VendorStore, input: { customer: string; order: unknown }): Promise<SentEReceipt> {
  // The order first: a bad one is InvalidInput whatever else is wrong.
  const order = parseOrder(input.order);
  const vendor = ctx.signer();
  const peerId = await customerPeer(ctx, store, input.customer);
  const locker = await ctx.locker();
  const credential = issueEReceipt(vendor, { customer: input.customer, vendorName: (await getVendorProfile(locker)).name, order });
  const id = String(credential['id']);
  // Kept as sent before it is queued: the store never lacks a receipt a customer may hold.
  await store.keepSentReceipt({ id, customer: input.customer, orderId: order.orderId, total: order.total, credential, created: new Date() });
  try {
    await locker.commit(vendor, {
      items: [queueChange(peerId, `e-receipt:${id}`, 'e-receipt', { type: 'purchase', credential })],
      audit: [{ kind: 'receipt.sent', details: { customer: input.customer, peerId, receipt: id, orderId: order.orderId, total: `${order.total.value} ${order.total.currency}` } }],
    });
  } catch (error) {
    await store.dropSentReceipt(id).catch(() => undefined);
    throw error;
  }
  return { id, customer: input.customer, orderId: order.orderId, total: order.total, status: 'queued' };
}
