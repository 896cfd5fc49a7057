// The e-receipts a vendor node sent (kith_vendor.sent_receipts): the signed credential as
// it left, and what the customer's node answered — stored, a duplicate of one it had,
// declined (the customer does not take e-receipts from us) or refused (with the code).
import { z } from 'zod';
import type { JsonObject } from '../../credentials/types.ts';
import type { SqlRunner } from './driver.ts';
import { jsonObject, rows, timestamp } from './rows.ts';

export const SENT_STATUSES = ['queued', 'stored', 'duplicate', 'declined', 'refused'] as const;
export type SentStatus = (typeof SENT_STATUSES)[number];

export interface SentReceipt {
  readonly id: string;
  readonly customer: string;
  readonly orderId: string;
  readonly total: { readonly value: string; readonly currency: string };
  readonly credential: JsonObject;
  readonly created: Date;
}

export async function keepSentReceipt(db: SqlRunner, sent: SentReceipt): Promise<void> {
  await db.query(
    `INSERT INTO kith_vendor.sent_receipts (id, customer_did, order_id, total, currency, credential, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, 'queued', $7) ON CONFLICT (id) DO NOTHING`,
    [sent.id, sent.customer, sent.orderId, sent.total.value, sent.total.currency, JSON.stringify(sent.credential), sent.created.toISOString()],
  );
}

/** The customer's answer; the first one counts (a retried delivery answers again). */
export async function answerSentReceipt(db: SqlRunner, id: string, answer: { status: Exclude<SentStatus, 'queued'>; code?: string }, now: Date): Promise<void> {
  await db.query(
    `UPDATE kith_vendor.sent_receipts SET status = $2, refused_code = $3, answered_at = $4 WHERE id = $1 AND status = 'queued'`,
    [id, answer.status, answer.code ?? null, now.toISOString()],
  );
}

/** Undoes a receipt that never reached the outbox (its commit failed). */
export async function dropSentReceipt(db: SqlRunner, id: string): Promise<void> {
  await db.query("DELETE FROM kith_vendor.sent_receipts WHERE id = $1 AND status = 'queued'", [id]);
}

const sentRow = z.object({
  id: z.string(),
  customer_did: z.string(),
  order_id: z.string(),
  total: z.string(),
  currency: z.string(),
  credential: jsonObject,
  status: z.enum(SENT_STATUSES),
  refused_code: z.string().nullable(),
  created_at: timestamp,
  answered_at: timestamp.nullable(),
});
export type SentRow = z.output<typeof sentRow>;

/** What was sent, newest first; `customer` narrows to one. */
export async function listSentReceipts(db: SqlRunner, customer?: string): Promise<SentRow[]> {
  return rows(
    sentRow,
    await db.query('SELECT * FROM kith_vendor.sent_receipts WHERE ($1::text IS NULL OR customer_did = $1) ORDER BY created_at DESC, id', [customer ?? null]),
    'sent_receipts',
  );
}
