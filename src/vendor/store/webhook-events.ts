// Events for the CRM bridge, queued in the same transaction as the change they tell of, so
// a webhook never announces data that was not committed and a commit never loses its
// event. One delivery row per enabled endpoint; the worker (src/vendor/webhooks) sends them.
import type { SqlRunner } from './driver.ts';

export const EVENT_TYPES = ['customer.added', 'agreement.accepted', 'agreement.ended', 'data.received', 'data.updated', 'data.revoked', 'data.deleted', 'message.received', 'webhook.test'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface VendorEvent {
  readonly type: EventType;
  readonly data: Record<string, unknown>;
  /** Whose data it carries: a revocation drops the queued events that carry it. */
  readonly customer?: string;
  readonly grant?: string;
}

/** Queues `events` for every enabled endpoint (or only `endpoint`). */
export async function enqueueEvents(tx: SqlRunner, events: readonly VendorEvent[], now: string, endpoint?: string): Promise<void> {
  if (events.length === 0) return;
  const list = events.map((e) => ({ type: e.type, payload: e.data, customer: e.customer ?? null, grant: e.grant ?? null }));
  await tx.query(
    `INSERT INTO kith_vendor.webhook_deliveries (id, endpoint_id, event_type, payload, customer_did, grant_id, status, next_attempt_at, created_at)
     SELECT 'msg_' || replace(gen_random_uuid()::text, '-', ''), ep.id, e.type, e.payload, e.customer, e."grant", 'pending', $1, $1
     FROM ROWS FROM (jsonb_to_recordset($2::jsonb) AS (type text, payload jsonb, customer text, "grant" text)) WITH ORDINALITY AS e(type, payload, customer, "grant", n)
     CROSS JOIN kith_vendor.webhook_endpoints ep
     WHERE ep.enabled AND ($3::text IS NULL OR ep.id = $3)
     ORDER BY e.n, ep.id`,
    [now, JSON.stringify(list), endpoint ?? null],
  );
}

/** A revocation: queued events that carry the grant's data are dropped before they are sent. */
export async function dropGrantEvents(tx: SqlRunner, customer: string, grant: string, now: string): Promise<void> {
  await tx.query(
    `UPDATE kith_vendor.webhook_deliveries SET status = 'dropped', finished_at = $3
     WHERE customer_did = $1 AND grant_id = $2 AND status = 'pending' AND event_type IN ('data.received', 'data.updated')`,
    [customer, grant, now],
  );
}
