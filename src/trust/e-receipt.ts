// E-receipts: a vendor's signed record of a sale, pushed to the customer's locker (issue
// #10 item 4). The order is schema.org Order/Invoice in spirit — an order number, a date,
// lines of name × quantity × unit price, a total — with amounts as decimal strings, exact
// where a binary float is not. The vendor issues it as a VC 2.0 credential about the
// customer (issuer: the vendor's did:key, credentialSubject.id: the customer's), so the
// customer can show later who sold what, signed by the seller.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { KithError } from '../base/errors.ts';
import { parseWith } from '../base/schema.ts';
import { isoDate, text } from '../api/records.ts';
import { issueCredential, verifyCredential } from '../credentials/credential.ts';
import type { JsonObject } from '../credentials/types.ts';
import type { Signer } from '../identity/signer.ts';

export const E_RECEIPT_TYPE = 'KithPurchaseReceipt';

/** At most four decimals (ISO 4217 minor units go to 4, e.g. CLF), and never negative: a refund is its own receipt. */
const DECIMAL = /^\d{1,15}(\.\d{1,4})?$/;
const SCALE = 4;

// The shape of an ISO 4217 alphabetic code (three capital letters); the list of codes
// changes with the world's currencies, so the shape is what is checked.
const money = z.strictObject({
  value: z.string().regex(DECIMAL, 'must be an amount as a decimal string such as "4.50"'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as EUR'),
});
export type Money = z.output<typeof money>;

export const orderSchema = z.strictObject({
  orderId: text(100),
  date: isoDate,
  items: z
    .array(z.strictObject({ name: text(200), quantity: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1_000_000), price: money }))
    .min(1, 'must list at least one item')
    .max(200, 'must have at most 200 items'),
  total: money,
});
export type Order = z.output<typeof orderSchema>;

/** An amount in units of 10^-4, exactly (BigInt: 15 integer digits overflow a double's 53 bits). */
function units(value: string): bigint {
  const [whole = '0', fraction = ''] = value.split('.');
  return BigInt(whole) * 10n ** BigInt(SCALE) + BigInt(fraction.padEnd(SCALE, '0'));
}

function formatUnits(amount: bigint, decimals: number): string {
  const scaled = amount.toString().padStart(SCALE + 1, '0');
  const whole = scaled.slice(0, -SCALE);
  const fraction = scaled.slice(-SCALE).slice(0, Math.max(decimals, 0));
  return fraction.length === 0 ? whole : `${whole}.${fraction}`;
}

/**
 * An order as a vendor types it, checked: its schema, one currency throughout, and the
 * total equal to the sum of quantity × unit price (exact decimal arithmetic). A receipt
 * whose lines do not add up is refused rather than signed: the customer would hold the
 * vendor's signature on a sum that contradicts itself.
 */
export function parseOrder(input: unknown): Order {
  const order = parseWith(orderSchema, input, 'The e-receipt');
  const other = order.items.find((item) => item.price.currency !== order.total.currency);
  if (other !== undefined) {
    throw new KithError('InvalidInput', `The e-receipt mixes currencies: "${other.name}" is priced in ${other.price.currency}, the total in ${order.total.currency}.`, {
      hint: 'Price every item in the currency of the total.',
    });
  }
  const sum = order.items.reduce((acc, item) => acc + units(item.price.value) * BigInt(item.quantity), 0n);
  if (sum !== units(order.total.value)) {
    const decimals = order.total.value.split('.')[1]?.length ?? 0;
    throw new KithError('InvalidInput', `The e-receipt's total is ${order.total.value} ${order.total.currency}, but its items add up to ${formatUnits(sum, Math.max(decimals, 2))}.`, {
      hint: 'The total must equal the sum of quantity × price over the items.',
    });
  }
  return order;
}

export interface EReceiptFacts {
  readonly id: string;
  readonly vendor: string;
  /** The name the vendor gave itself when it signed (its profile name). */
  readonly vendorName: string;
  readonly customer: string;
  readonly order: Order;
  readonly issued: string;
}

/** The vendor signs an order (already parsed) for `customer`. */
export function issueEReceipt(vendor: Signer, input: { customer: string; vendorName: string; order: Order }): JsonObject {
  return issueCredential({
    id: `urn:uuid:${randomUUID()}`,
    types: [E_RECEIPT_TYPE],
    signer: vendor,
    subject: { id: input.customer, seller: { id: vendor.did, name: input.vendorName }, order: input.order },
  });
}

const credentialSchema = z.object({
  id: z.string().startsWith('urn:uuid:').max(100),
  issuer: z.string().max(200),
  validFrom: z.iso.datetime({ offset: true }),
  type: z.array(z.string().max(64)).max(4).refine((types) => types.includes(E_RECEIPT_TYPE), 'is not an e-receipt'),
  credentialSubject: z.strictObject({ id: z.string().max(200), seller: z.strictObject({ id: z.string().max(200), name: text(100) }), order: orderSchema }),
});

/**
 * The customer's check of an e-receipt: signed by its issuer (verifyCredential), issued by
 * the vendor it came from, about this customer, and an order that adds up. NotTrusted when
 * it is someone else's; InvalidInput / InvalidSignature when it is malformed or altered.
 */
export function readEReceipt(credential: unknown, expected: { vendor: string; customer: string }): EReceiptFacts {
  verifyCredential(credential);
  const parsed = parseWith(credentialSchema, credential, 'The e-receipt');
  const subject = parsed.credentialSubject;
  if (parsed.issuer !== expected.vendor || subject.seller.id !== expected.vendor) throw new KithError('NotTrusted', 'The e-receipt is not issued by the vendor that sent it.');
  if (subject.id !== expected.customer) throw new KithError('NotTrusted', 'The e-receipt is for another customer.');
  const order = parseOrder(subject.order);
  return { id: parsed.id, vendor: parsed.issuer, vendorName: subject.seller.name, customer: subject.id, order, issued: parsed.validFrom };
}

/** The `purchase` record an e-receipt becomes in the customer's locker (src/api/records.ts). */
export function purchaseData(facts: EReceiptFacts): Record<string, unknown> {
  const { order } = facts;
  return {
    vendor: facts.vendorName,
    item: order.items.map((i) => i.name).join(', ').slice(0, 500).trim(),
    date: order.date,
    amount: order.total.value,
    currency: order.total.currency,
    orderId: order.orderId,
    items: order.items.map((i) => ({ name: i.name, quantity: i.quantity, price: { ...i.price } })),
  };
}
