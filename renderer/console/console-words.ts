// Words for the vendor console. The vendor store keeps terms as the customer signed them
// (clause objects, src/trust/terms.ts), so they are put in the same words the customer
// saw when proposing them; the webhook log's states become what happened, in a sentence.
import type { MethodOutput } from '../../src/api/contract.ts';
import type { CustomerView } from '../../src/api/methods/vendor.ts';
import { count } from '../lib/format.ts';
import { clauseWords } from '../../src/api/clause-words.ts';

export { clauseWords };

type Delivery = MethodOutput<'vendor.webhooks.deliveries'>[number];

/** Terms as stored (an array of clauses, or anything else a newer node wrote) in words. */
export function termsWords(terms: unknown): string[] {
  return Array.isArray(terms) ? terms.map(clauseWords) : [];
}

/** Names first: the name the customer shared, else a stand-in (the DID is shown beside it). */
export function customerName(customer: Pick<CustomerView, 'name'>): string {
  return customer.name ?? 'No name shared';
}

/** "1 agreement in force · 4 records shared" */
export function customerCounts(customer: Pick<CustomerView, 'agreements' | 'records'>): string {
  const agreements = customer.agreements === 0 ? 'no agreement in force' : `${count(customer.agreements, 'agreement')} in force`;
  return `${agreements} · ${customer.records === 0 ? 'nothing shared now' : `${count(customer.records, 'record')} shared`}`;
}

/** A delivery's state in words, as the queue (src/vendor/store/webhook-queue.ts) keeps it. */
export function deliveryState(delivery: Pick<Delivery, 'status' | 'attempts' | 'lastStatus' | 'lastError'>): string {
  const answer = delivery.lastStatus === undefined ? (delivery.lastError === undefined ? '' : ` (${delivery.lastError})`) : ` (last answer: HTTP ${delivery.lastStatus})`;
  switch (delivery.status) {
    case 'succeeded':
      return delivery.attempts <= 1 ? 'Delivered' : `Delivered after ${delivery.attempts} attempts`;
    case 'delivering':
      return 'Sending now';
    case 'pending':
      return delivery.attempts === 0 ? 'Waiting to be sent' : `Retrying: ${count(delivery.attempts, 'attempt')} so far${answer}`;
    case 'failed':
      return `Gave up after ${count(delivery.attempts, 'attempt')}${answer}`;
    case 'dropped':
      return 'Dropped: the data it carried was taken back';
    default:
      return `${delivery.status}${answer}`;
  }
}

/** kith-customers-2026-12-07.csv */
export function exportFileName(format: 'csv' | 'jsonl', now = new Date()): string {
  return `kith-customers-${now.toISOString().slice(0, 10)}.${format}`;
}

type Sent = MethodOutput<'vendor.receipts'>[number];

/** What the customer's node did with an e-receipt, in a sentence. */
export function sentReceiptState(sent: Pick<Sent, 'status' | 'code'>): string {
  switch (sent.status) {
    case 'queued':
      return 'On its way: their node gets it now, or when it is next online';
    case 'stored':
      return 'Taken: it is in their data as a purchase from you';
    case 'duplicate':
      return 'Taken: their node already had it';
    case 'declined':
      return 'Declined: they do not take e-receipts from you';
    case 'refused':
      return `Refused by their node${sent.code === undefined ? '' : ` (${sent.code})`}`;
    default:
      return String(sent.status);
  }
}
