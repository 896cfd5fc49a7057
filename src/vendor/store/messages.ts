// Conversations in the vendor store (kith_vendor.messages, migration 5): each message of
// either side as signed, upserted by (customer, id) so a retried delivery or a later
// receipt updates the one row, and — for a customer's new message — a `message.received`
// webhook event queued in the same transaction (without the text: a CRM that wants it
// asks the vendor's own console; the event says who wrote, when, and where in which thread).
import { z } from 'zod';
import type { SqlDriver, SqlRunner } from './driver.ts';
import { jsonObject, rows, timestamp } from './rows.ts';
import { enqueueEvents } from './webhook-events.ts';

export interface MessageRow {
  readonly customer: string;
  readonly id: string;
  readonly mine: boolean;
  readonly thread: string;
  readonly seq: number;
  readonly agreement?: string;
  readonly sent: string;
  readonly message: Record<string, unknown>;
  readonly status: 'sent' | 'delivered' | 'read';
}

/** Keeps the messages (new, or with a changed status); `received` are the customer's new ones, announced by webhook. */
export async function keepMessages(db: SqlDriver, messages: readonly MessageRow[], received: ReadonlySet<string>, now: Date): Promise<void> {
  if (messages.length === 0) return;
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO kith_vendor.messages (customer_did, id, mine, thread_id, seq, agreement_id, sent_at, message, status, stored_at)
       SELECT m.customer, m.id, m.mine, m.thread, m.seq, m.agreement, m.sent, m.message, m.status, $2
       FROM jsonb_to_recordset($1::jsonb) AS m(customer text, id text, mine boolean, thread text, seq bigint, agreement text, sent timestamptz, message jsonb, status text)
       ON CONFLICT (customer_did, id) DO UPDATE SET status = EXCLUDED.status`,
      [JSON.stringify(messages.map((m) => ({ ...m, agreement: m.agreement ?? null }))), now.toISOString()],
    );
    const events = messages
      .filter((m) => !m.mine && received.has(m.id))
      .map((m) => ({ type: 'message.received' as const, customer: m.customer, data: { customer: m.customer, message: m.id, thread: m.thread, seq: m.seq, sent: m.sent, ...(m.agreement === undefined ? {} : { agreement: m.agreement }) } }));
    await enqueueEvents(tx, events, now.toISOString());
  });
}

export async function deleteCustomerMessages(db: SqlRunner, customer: string): Promise<number> {
  const deleted = await db.query('DELETE FROM kith_vendor.messages WHERE customer_did = $1 RETURNING id', [customer]);
  return deleted.length;
}

const messageRow = z.object({
  customer_did: z.string(),
  id: z.string(),
  mine: z.boolean(),
  thread_id: z.string(),
  seq: z.union([z.number(), z.string()]).transform(Number),
  agreement_id: z.string().nullable(),
  sent_at: timestamp,
  message: jsonObject,
  status: z.enum(['sent', 'delivered', 'read']),
});
export type StoredMessageRow = z.output<typeof messageRow>;

/** One customer's conversation oldest first, or (no customer) every conversation's messages newest first; `search` matches the text. */
export async function listMessages(db: SqlRunner, query: { customer?: string; search?: string; limit?: number } = {}): Promise<StoredMessageRow[]> {
  const order = query.customer === undefined ? 'sent_at DESC, id' : 'sent_at, seq, id';
  return rows(
    messageRow,
    await db.query(
      `SELECT customer_did, id, mine, thread_id, seq, agreement_id, sent_at, message, status FROM kith_vendor.messages
       WHERE ($1::text IS NULL OR customer_did = $1) AND ($2::text IS NULL OR strpos(lower(message->>'text'), lower($2)) > 0)
       ORDER BY ${order} LIMIT $3`,
      [query.customer ?? null, query.search ?? null, query.limit ?? 1000],
    ),
    'messages',
  );
}
