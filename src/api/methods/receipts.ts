// E-receipts and the compliance view (issue #10 items 4 and 2): a vendor node signs a
// receipt for a sale and sends it to a customer with an agreement; the customer chooses
// per agreement whether to take them. Compliance lists the deletions customers' terms
// scheduled — owed, and answered with a signed deletion receipt.
import { z } from 'zod';
import { method } from '../method.ts';

const did = z.string().regex(/^did:key:z[1-9A-HJ-NP-Za-km-z]+$/, 'must be a did:key');
const money = z.strictObject({ value: z.string(), currency: z.string() });

const sentView = z.strictObject({
  id: z.string(),
  customer: z.string(),
  orderId: z.string(),
  total: money,
  /** queued until the customer's node answers: stored, duplicate, declined or refused. */
  status: z.enum(['queued', 'stored', 'duplicate', 'declined', 'refused']),
  code: z.string().optional(),
  created: z.string(),
  answered: z.string().optional(),
});
export type SentReceiptView = z.output<typeof sentView>;

const deletionView = z.strictObject({
  customer: z.string(),
  name: z.string().optional(),
  grant: z.string(),
  purpose: z.string().optional(),
  due: z.string(),
  reason: z.string(),
  /** The deadline as the customer's terms set it: "delete after N days" from the first delivery. */
  days: z.number().int().optional(),
  /** Owed and past due. */
  overdue: z.boolean(),
});
const answeredView = deletionView.omit({ overdue: true }).extend({
  done: z.string(),
  /** schedule: the due date carried it out; revocation: the customer revoked first. */
  by: z.enum(['schedule', 'revocation']),
  receipt: z.string().optional(),
  /** When the customer's node took the deletion receipt (absent while it is on its way). */
  delivered: z.string().optional(),
});
export type ComplianceView = { owed: z.output<typeof deletionView>[]; answered: z.output<typeof answeredView>[] };

export const receiptsMethods = {
  'vendor.receipt': method({
    kind: 'command',
    summary: 'Sign an e-receipt for a sale and send it to a customer with an agreement (now, or when they are next online)',
    input: z.strictObject({ customer: did, order: z.unknown() }),
    output: z.strictObject({ id: z.string(), customer: z.string(), orderId: z.string(), total: money, status: z.literal('queued') }),
    signs: true,
  }),
  'vendor.receipts': method({
    kind: 'query',
    summary: 'The e-receipts this vendor node sent, newest first, with what each customer answered',
    input: z.strictObject({ customer: did.optional() }),
    output: z.array(sentView),
  }),
  'vendor.compliance': method({
    kind: 'query',
    summary: "Deletions customers' terms scheduled: owed (with due dates) and answered (the deletion receipts sent)",
    input: z.strictObject({}),
    output: z.strictObject({ owed: z.array(deletionView), answered: z.array(answeredView) }),
  }),
  'agreements.receipts': method({
    kind: 'command',
    summary: 'Take or decline e-receipts from the vendor of one of your agreements',
    input: z.strictObject({ id: z.string().max(40), accept: z.boolean() }),
    output: z.strictObject({ id: z.string(), receipts: z.boolean() }),
    signs: true,
  }),
} as const;
