// The webhook endpoints and the durable delivery queue, in SQL. Claiming uses FOR UPDATE
// SKIP LOCKED (as pg-boss and graphile-worker do), so several vendor processes work one
// queue without sending a delivery twice at once; a claim is a lease, and a process that
// dies mid-send leaves the row to be claimed again once it runs out (at least once: the
// webhook-id stays the same, so a receiver can drop a repeat).
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { KithError } from '../../base/errors.ts';
import type { SqlRunner } from './driver.ts';
import { json, rows, timestamp } from './rows.ts';

const endpointRow = z.object({ id: z.string(), url: z.string(), secret: z.string(), enabled: z.boolean(), disabled_reason: z.string().nullable(), created_at: timestamp });
export type EndpointRow = z.output<typeof endpointRow>;

const jobRow = z.object({ id: z.string(), endpoint_id: z.string(), event_type: z.string(), payload: json, attempts: z.number().int(), created_at: timestamp });
export type JobRow = z.output<typeof jobRow>;

const deliveryRow = jobRow.extend({ status: z.string(), next_attempt_at: timestamp, last_status: z.number().int().nullable(), last_error: z.string().nullable(), finished_at: timestamp.nullable() });
export type DeliveryRow = z.output<typeof deliveryRow>;

const urlSchema = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).max(2000);

export async function addEndpoint(db: SqlRunner, url: string, now = new Date()): Promise<{ id: string; secret: string }> {
  const parsed = urlSchema.safeParse(url);
  if (!parsed.success) throw new KithError('InvalidInput', `The webhook URL "${url.slice(0, 200)}" is not an http:// or https:// URL.`, { hint: 'For example: https://crm.example.com/hooks/kith' });
  const id = `ep_${randomBytes(8).toString('hex')}`;
  // Standard Webhooks: a whsec_-prefixed base64 secret of 24 to 64 bytes.
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  await db.query('INSERT INTO kith_vendor.webhook_endpoints (id, url, secret, created_at) VALUES ($1, $2, $3, $4)', [id, parsed.data, secret, now.toISOString()]);
  return { id, secret };
}

export async function listEndpoints(db: SqlRunner, id?: string): Promise<EndpointRow[]> {
  return rows(endpointRow, await db.query('SELECT id, url, secret, enabled, disabled_reason, created_at FROM kith_vendor.webhook_endpoints WHERE ($1::text IS NULL OR id = $1) ORDER BY created_at, id', [id ?? null]), 'webhook_endpoints');
}

export async function removeEndpoint(db: SqlRunner, id: string): Promise<void> {
  const removed = await db.query('DELETE FROM kith_vendor.webhook_endpoints WHERE id = $1 RETURNING id', [id]);
  if (removed.length === 0) throw new KithError('NotFound', `There is no webhook endpoint ${id}.`, { hint: 'See them with `kith vendor webhook list`.' });
}

export async function listDeliveries(db: SqlRunner, limit = 100): Promise<DeliveryRow[]> {
  return rows(
    deliveryRow,
    await db.query(
      `SELECT id, endpoint_id, event_type, payload, attempts, created_at, status, next_attempt_at, last_status, last_error, finished_at
       FROM kith_vendor.webhook_deliveries ORDER BY seq DESC LIMIT $1`,
      [limit],
    ),
    'webhook_deliveries',
  );
}

/** Takes up to `limit` due deliveries of one endpoint for `leaseMs` (none once it is disabled: a 410 stops the sends already planned). */
export async function claimDue(db: SqlRunner, endpoint: string, limit: number, leaseMs: number, now = new Date()): Promise<JobRow[]> {
  return rows(
    jobRow,
    await db.query(
      `UPDATE kith_vendor.webhook_deliveries d SET status = 'delivering', locked_until = $3, attempts = d.attempts + 1
       WHERE d.id IN (
         SELECT id FROM kith_vendor.webhook_deliveries
         WHERE endpoint_id = $1 AND ((status = 'pending' AND next_attempt_at <= $2) OR (status = 'delivering' AND locked_until < $2))
           AND EXISTS (SELECT 1 FROM kith_vendor.webhook_endpoints e WHERE e.id = $1 AND e.enabled)
           AND EXISTS (SELECT 1 FROM kith_vendor.webhook_endpoints e WHERE e.id = $1 AND e.enabled)
         ORDER BY next_attempt_at, seq LIMIT $4 FOR UPDATE SKIP LOCKED)
       RETURNING d.id, d.endpoint_id, d.event_type, d.payload, d.attempts, d.created_at`,
      [endpoint, now.toISOString(), new Date(now.getTime() + leaseMs).toISOString(), limit],
    ),
    'webhook_deliveries',
  );
}

export type Outcome = { readonly kind: 'succeeded'; readonly status: number } | { readonly kind: 'retry'; readonly at: Date; readonly status?: number; readonly error: string } | { readonly kind: 'failed'; readonly status?: number; readonly error: string; readonly disableEndpoint?: boolean };

/**
 * Files what a wave of attempts came to, in one statement (only rows still ours: a
 * revocation may have dropped one meanwhile); `unsent` go back as they were before the
 * claim. An outcome that disables its endpoint (410) disables it.
 */
export async function finishAll(db: SqlRunner, done: readonly { readonly job: JobRow; readonly outcome: Outcome }[], unsent: readonly JobRow[] = [], now = new Date()): Promise<void> {
  const list = [
    ...done.map(({ job, outcome }) => ({
      id: job.id,
      status: outcome.kind === 'retry' ? 'pending' : outcome.kind,
      next_attempt_at: outcome.kind === 'retry' ? outcome.at.toISOString() : null,
      last_status: 'status' in outcome ? (outcome.status ?? null) : null,
      last_error: outcome.kind === 'succeeded' ? null : outcome.error.slice(0, 500),
      unsent: false,
    })),
    ...unsent.map((job) => ({ id: job.id, status: 'pending', next_attempt_at: null, last_status: null, last_error: null, unsent: true })),
  ];
  if (list.length === 0) return;
  await db.query(
    `UPDATE kith_vendor.webhook_deliveries d SET status = o.status, locked_until = NULL,
       next_attempt_at = COALESCE(o.next_attempt_at, d.next_attempt_at),
       attempts = CASE WHEN o.unsent THEN d.attempts - 1 ELSE d.attempts END,
       last_status = CASE WHEN o.unsent THEN d.last_status ELSE o.last_status END,
       last_error = CASE WHEN o.unsent THEN d.last_error ELSE o.last_error END,
       finished_at = CASE WHEN o.status = 'pending' THEN d.finished_at ELSE $1::timestamptz END
     FROM jsonb_to_recordset($2::jsonb) AS o(id text, status text, next_attempt_at timestamptz, last_status integer, last_error text, unsent boolean)
     WHERE d.id = o.id AND d.status = 'delivering'`,
    [now.toISOString(), JSON.stringify(list)],
  );
  for (const { job, outcome } of done) {
    if (outcome.kind === 'failed' && outcome.disableEndpoint === true) {
      await db.query('UPDATE kith_vendor.webhook_endpoints SET enabled = false, disabled_reason = $2 WHERE id = $1', [job.endpoint_id, outcome.error.slice(0, 200)]);
    }
  }
}
