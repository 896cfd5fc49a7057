// Scheduled deletions carried out: a "delete after N days" clause (src/trust/terms.ts)
// schedules one when the grant's first record arrives (ingest.ts); once it is due, the
// vendor node deletes what the grant holds — as a revocation would — signs the deletion
// receipt, and sends it to the customer through its outbox. Each due row is claimed with
// FOR UPDATE SKIP LOCKED, so several vendor processes on one database never do one twice.
import type { JsonObject } from '../../credentials/types.ts';
import { z } from 'zod';
import type { SqlRunner } from './driver.ts';
import { deleteGrantData } from './ingest.ts';
import { jsonObject, rows, timestamp } from './rows.ts';
import { enqueueEvents } from './webhook-events.ts';

/** A deletion carried out whose receipt is yet to be queued for the customer. */
export interface DeletionDone {
  readonly customer: string;
  readonly peerId: string;
  readonly grant: string;
  readonly records: string[];
  readonly receipt: JsonObject;
}

const dueRow = z.object({ customer_did: z.string(), grant_id: z.string(), peer_id: z.string() });

/**
 * Carries out the oldest deletion due at `now`, if any, in the caller's transaction:
 * the data is deleted, the grant closed (later versions under it are not kept), the
 * receipt signed and kept, the CRM told `data.deleted`.
 */
export async function executeNextDue(tx: SqlRunner, now: Date, sign: (customer: string, grant: string, deleted: readonly string[]) => JsonObject): Promise<DeletionDone | undefined> {
  const time = now.toISOString();
  const [due] = rows(
    dueRow,
    await tx.query(
      `SELECT s.customer_did, s.grant_id, c.peer_id FROM kith_vendor.scheduled_deletions s
       JOIN kith_vendor.customers c ON c.did = s.customer_did
       WHERE s.done_at IS NULL AND s.due_at <= $1 ORDER BY s.due_at, s.customer_did, s.grant_id LIMIT 1
       FOR UPDATE OF s SKIP LOCKED`,
      [time],
    ),
    'scheduled_deletions',
  );
  if (due === undefined) return undefined;
  const { customer_did: customer, grant_id: grant } = due;
  await tx.query('UPDATE kith_vendor.grants SET revoked_at = COALESCE(revoked_at, $3) WHERE customer_did = $1 AND id = $2', [customer, grant, time]);
  const { receipt, deleted } = await deleteGrantData(tx, customer, grant, (records) => sign(customer, grant, records), time);
  await tx.query("UPDATE kith_vendor.scheduled_deletions SET done_at = $3, done_by = 'schedule' WHERE customer_did = $1 AND grant_id = $2", [customer, grant, time]);
  await enqueueEvents(tx, [{ type: 'data.deleted', data: { customer, grant, records: deleted, receipt: String(receipt['id'] ?? ''), reason: 'delete-after' }, customer }], time);
  return { customer, peerId: due.peer_id, grant, records: deleted, receipt };
}

const unqueuedRow = z.object({ customer_did: z.string(), grant_id: z.string(), peer_id: z.string(), records: z.array(z.string()), credential: jsonObject });

/** Deletions carried out whose receipt the outbox does not have yet (a crash between the two commits, or just now). */
export async function receiptsToQueue(db: SqlRunner): Promise<DeletionDone[]> {
  const found = rows(
    unqueuedRow,
    await db.query(
      `SELECT s.customer_did, s.grant_id, c.peer_id, d.records, d.credential FROM kith_vendor.scheduled_deletions s
       JOIN kith_vendor.customers c ON c.did = s.customer_did
       JOIN kith_vendor.deletion_receipts d ON d.customer_did = s.customer_did AND d.grant_id = s.grant_id
       WHERE s.done_by = 'schedule' AND s.receipt_queued_at IS NULL ORDER BY s.done_at`,
    ),
    'scheduled_deletions',
  );
  return found.map((r) => ({ customer: r.customer_did, peerId: r.peer_id, grant: r.grant_id, records: r.records, receipt: r.credential as JsonObject }));
}

export async function markReceiptQueued(db: SqlRunner, customer: string, grant: string, now: Date): Promise<void> {
  await db.query('UPDATE kith_vendor.scheduled_deletions SET receipt_queued_at = COALESCE(receipt_queued_at, $3) WHERE customer_did = $1 AND grant_id = $2', [customer, grant, now.toISOString()]);
}

export async function markReceiptDelivered(db: SqlRunner, customer: string, grant: string, now: Date): Promise<void> {
  await db.query('UPDATE kith_vendor.scheduled_deletions SET receipt_delivered_at = COALESCE(receipt_delivered_at, $3) WHERE customer_did = $1 AND grant_id = $2', [customer, grant, now.toISOString()]);
}

const complianceRow = z.object({
  customer_did: z.string(),
  name: z.string().nullable(),
  grant_id: z.string(),
  purpose: z.string().nullable(),
  due_at: timestamp,
  reason: z.string(),
  done_at: timestamp.nullable(),
  done_by: z.enum(['schedule', 'revocation']).nullable(),
  receipt_id: z.string().nullable(),
  receipt_queued_at: timestamp.nullable(),
  receipt_delivered_at: timestamp.nullable(),
});
export type ComplianceRow = z.output<typeof complianceRow>;

/** Every scheduled deletion, owed or done, soonest due first. */
export async function listCompliance(db: SqlRunner): Promise<ComplianceRow[]> {
  return rows(
    complianceRow,
    await db.query(
      `SELECT s.customer_did, c.name, s.grant_id, g.purpose, s.due_at, s.reason, s.done_at, s.done_by, d.receipt_id, s.receipt_queued_at, s.receipt_delivered_at
       FROM kith_vendor.scheduled_deletions s
       JOIN kith_vendor.customers c ON c.did = s.customer_did
       JOIN kith_vendor.grants g ON g.customer_did = s.customer_did AND g.id = s.grant_id
       LEFT JOIN kith_vendor.deletion_receipts d ON d.customer_did = s.customer_did AND d.grant_id = s.grant_id
       ORDER BY s.due_at, s.customer_did, s.grant_id`,
    ),
    'scheduled_deletions',
  );
}
