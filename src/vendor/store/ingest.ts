// Writing what customers deliver into the vendor store: a batch in one transaction, set at
// a time (a handful of statements per batch of up to 200 records, not one per record), and
// idempotent — a record version is keyed by its credential id (ON CONFLICT DO NOTHING),
// the current version only moves forward (ON CONFLICT … WHERE version <), so a retried
// batch, or two vendor processes on one database, store each version exactly once.
import { z } from 'zod';
import { KithError } from '../../base/errors.ts';
import type { JsonObject } from '../../credentials/types.ts';
import type { Agreement } from '../../trust/agreements.ts';
import type { KeepBatch, Sender } from '../../trust/holdings.ts';
import type { AcceptOutcome } from '../../trust/shared-with-me.ts';
import type { SqlRunner } from './driver.ts';
import { headRow, rows } from './rows.ts';
import { dropGrantEvents, enqueueEvents } from './webhook-events.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Creates or touches the customer's row; a new customer is announced (customer.added). */
async function upsertCustomer(tx: SqlRunner, from: Sender, time: string): Promise<void> {
  const [row] = await tx.query(
    `INSERT INTO kith_vendor.customers (did, peer_id, first_seen, last_seen) VALUES ($1, $2, $3, $3)
     ON CONFLICT (did) DO UPDATE SET last_seen = GREATEST(customers.last_seen, EXCLUDED.last_seen)
     RETURNING (xmax = 0) AS inserted`,
    [from.did, from.peerId, time],
  );
  if (row?.['inserted'] === true) await enqueueEvents(tx, [{ type: 'customer.added', data: { customer: from.did, peerId: from.peerId }, customer: from.did }], time);
}

/** What the first statement of a batch tells: whether the customer is new, the grants already revoked, the current versions. */
const preludeRow = z.object({ inserted: z.boolean(), revoked: z.array(z.string()), heads: z.array(z.tuple([z.string(), z.string(), z.number().int()])) });

/**
 * The first statement of a batch: the customer created or touched, the batch's grants
 * created or refreshed (the agreement a grant is made under has the grant's purpose: the
 * customer's share dialog takes it from the agreement), a "delete after N days" term's
 * deletion scheduled from the first delivery on, and the current version of each record
 * the batch carries — one round trip (data-modifying CTEs; the foreign keys are checked at
 * the end of the statement, so the grants may name the customer inserted beside them).
 */
async function prelude(tx: SqlRunner, batch: KeepBatch, time: string): Promise<z.output<typeof preludeRow>> {
  const grants = new Map(batch.deliveries.map(({ facts }) => [facts.grant.id, facts.grant]));
  const list = [...grants.values()].map((g) => ({ id: g.id, purpose: g.purpose, terms: g.terms, expires: g.expires ?? null }));
  const scheduled = [...grants.values()].flatMap((g) => g.terms.flatMap((clause) => (clause.id === 'delete-after' ? [{ id: g.id, due: new Date(Date.parse(time) + clause.days * DAY_MS).toISOString() }] : [])));
  const keys = batch.deliveries.map(({ facts }) => ({ g: facts.grant.id, r: facts.record.id }));
  const [row] = rows(
    preludeRow,
    await tx.query(
      `WITH customer AS (
         INSERT INTO kith_vendor.customers (did, peer_id, first_seen, last_seen) VALUES ($1, $2, $3, $3)
         ON CONFLICT (did) DO UPDATE SET last_seen = GREATEST(customers.last_seen, EXCLUDED.last_seen)
         RETURNING (xmax = 0) AS inserted
       ), granted AS (
         INSERT INTO kith_vendor.grants (customer_did, id, agreement_id, purpose, terms, expires_at, first_received)
         SELECT $1, g.id,
                (SELECT a.id FROM kith_vendor.agreements a WHERE a.customer_did = $1 AND lower(a.purpose) = lower(g.purpose) AND a.status = 'active' ORDER BY a.created_at DESC LIMIT 1),
                g.purpose, g.terms, g.expires, $3
         FROM jsonb_to_recordset($4::jsonb) AS g(id text, purpose text, terms jsonb, expires timestamptz)
         ON CONFLICT (customer_did, id) DO UPDATE SET purpose = EXCLUDED.purpose, terms = EXCLUDED.terms, expires_at = EXCLUDED.expires_at,
                agreement_id = COALESCE(grants.agreement_id, EXCLUDED.agreement_id)
         RETURNING id, revoked_at
       ), scheduled AS (
         INSERT INTO kith_vendor.scheduled_deletions (customer_did, grant_id, due_at, reason)
         SELECT $1, s.id, s.due, 'delete-after' FROM jsonb_to_recordset($5::jsonb) AS s(id text, due timestamptz)
         ON CONFLICT (customer_did, grant_id) DO NOTHING
       ), heads AS (
         SELECT r.grant_id, r.record_id, r.version FROM kith_vendor.records r
         JOIN jsonb_to_recordset($6::jsonb) AS k(g text, r text) ON r.grant_id = k.g AND r.record_id = k.r
         WHERE r.customer_did = $1
       )
       SELECT (SELECT inserted FROM customer) AS inserted,
              (SELECT COALESCE(jsonb_agg(id), '[]'::jsonb) FROM granted WHERE revoked_at IS NOT NULL) AS revoked,
              (SELECT COALESCE(jsonb_agg(jsonb_build_array(grant_id, record_id, version)), '[]'::jsonb) FROM heads) AS heads`,
      [batch.from.did, batch.from.peerId, time, JSON.stringify(list), JSON.stringify(scheduled), JSON.stringify(keys)],
    ),
    'batch prelude',
  );
  if (row === undefined) throw new KithError('Internal', 'The vendor store returned nothing for a batch.');
  return row;
}

function credentialId(credential: Record<string, unknown>, grant: string, record: string, version: number): string {
  const id = credential['id'];
  return typeof id === 'string' && id.length > 0 ? id : `urn:kith:share:${grant}:${record}:${version}`;
}

/**
 * The second statement of a batch: every new version inserted (keyed by customer and
 * credential id, ON CONFLICT DO NOTHING), the current row of each record moved forward to
 * the newest (never back, never under a revoked grant; it names its version by
 * credential_id instead of carrying the credential a second time), the customer's name,
 * the consent receipts, and the webhook events — the data.* events built from the same
 * input, so the batch's JSON is sent and parsed once.
 */
const WRITE = `
WITH input AS MATERIALIZED (
  SELECT * FROM jsonb_to_recordset($3::jsonb)
    AS x(n integer, credential_id text, grant_id text, purpose text, record jsonb, credential jsonb, shared_at text, event text, latest boolean)
), versions AS (
  INSERT INTO kith_vendor.record_versions (customer_did, credential_id, grant_id, record_id, version, record_type, deleted, data, credential, issued_at, received_at)
  SELECT $1, x.credential_id, x.grant_id, x.record->>'id', (x.record->>'version')::integer, x.record->>'type', (x.record->>'deleted')::boolean,
         x.record->'data', x.credential, x.shared_at::timestamptz, $2
  FROM input x
  ON CONFLICT (customer_did, credential_id) DO NOTHING
), current_rows AS (
  INSERT INTO kith_vendor.records (customer_did, grant_id, record_id, record_type, version, deleted, data, credential_id, shared_at, received_at)
  SELECT $1, x.grant_id, x.record->>'id', x.record->>'type', (x.record->>'version')::integer, (x.record->>'deleted')::boolean,
         x.record->'data', x.credential_id, x.shared_at::timestamptz, $2
  FROM input x WHERE x.latest
  ON CONFLICT (customer_did, grant_id, record_id) DO UPDATE SET record_type = EXCLUDED.record_type, version = EXCLUDED.version, deleted = EXCLUDED.deleted,
    data = EXCLUDED.data, credential_id = EXCLUDED.credential_id, shared_at = EXCLUDED.shared_at, received_at = EXCLUDED.received_at
  WHERE records.version < EXCLUDED.version AND records.revoked_at IS NULL
), named AS (
  UPDATE kith_vendor.customers SET name = $4 WHERE did = $1 AND $4::text IS NOT NULL
), receipts AS (
  INSERT INTO kith_vendor.consent_receipts (customer_did, grant_id, receipt_id, countersigned_at, credential)
  SELECT $1, r.grant_id, r.receipt_id, $2, r.credential FROM jsonb_to_recordset($5::jsonb) AS r(grant_id text, receipt_id text, credential jsonb)
  ON CONFLICT (customer_did, grant_id) DO UPDATE SET receipt_id = EXCLUDED.receipt_id, countersigned_at = EXCLUDED.countersigned_at, credential = EXCLUDED.credential
), events AS (
  SELECT -1 AS n, 'customer.added' AS type, jsonb_build_object('customer', $1::text, 'peerId', $6::text) AS payload, NULL::text AS grant_id WHERE $7::boolean
  UNION ALL
  SELECT x.n, x.event, jsonb_build_object('customer', $1::text, 'grant', x.grant_id, 'purpose', x.purpose, 'record', x.record, 'sharedAt', x.shared_at), x.grant_id FROM input x
), queued AS (
  INSERT INTO kith_vendor.webhook_deliveries (id, endpoint_id, event_type, payload, customer_did, grant_id, status, next_attempt_at, created_at)
  SELECT 'msg_' || replace(gen_random_uuid()::text, '-', ''), ep.id, e.type, e.payload, $1, e.grant_id, 'pending', $2, $2
  FROM events e CROSS JOIN kith_vendor.webhook_endpoints ep
  WHERE ep.enabled AND EXISTS (SELECT 1 FROM kith_vendor.webhook_endpoints WHERE enabled)
  ORDER BY e.n, ep.id
)
SELECT 1 AS done`;

/** One new version as the second statement takes it (`n` keeps the batch's order for the events). */
interface StoredRow {
  readonly n: number;
  readonly credential_id: string;
  readonly grant_id: string;
  readonly purpose: string;
  readonly record: KeepBatch['deliveries'][number]['facts']['record'];
  readonly credential: Record<string, unknown>;
  readonly shared_at: string;
  readonly event: 'data.received' | 'data.updated';
  latest: boolean;
}

/**
 * Keeps a verified batch (see Holdings.keep) with its consent receipts: two statements
 * inside the caller's transaction, whatever the batch's size.
 */
export async function keepBatch(tx: SqlRunner, batch: KeepBatch): Promise<AcceptOutcome[]> {
  const time = batch.time.toISOString();
  const customer = batch.from.did;
  const { inserted, revoked, heads } = await prelude(tx, batch, time);
  const newest = new Map(heads.map(([grant, record, version]) => [`${grant}:${record}`, version]));
  const revokedGrants = new Set(revoked);
  const outcomes: AcceptOutcome[] = [];
  const stored: StoredRow[] = [];
  const latest = new Map<string, StoredRow>();
  for (const { facts, credential } of batch.deliveries) {
    const key = `${facts.grant.id}:${facts.record.id}`;
    if (revokedGrants.has(facts.grant.id) || (newest.get(key) ?? 0) >= facts.record.version) {
      outcomes.push('stale');
      continue;
    }
    const row: StoredRow = {
      n: stored.length,
      credential_id: credentialId(credential, facts.grant.id, facts.record.id, facts.record.version),
      grant_id: facts.grant.id,
      purpose: facts.grant.purpose,
      record: facts.record,
      credential,
      shared_at: facts.time,
      event: newest.has(key) ? 'data.updated' : 'data.received',
      latest: false,
    };
    newest.set(key, facts.record.version);
    stored.push(row);
    latest.set(key, row);
    outcomes.push('stored');
  }
  for (const row of latest.values()) row.latest = true;
  // The customer's name, for the console and the CRM, from a name record they shared.
  const name = [...latest.values()].reverse().find((row) => row.record.type === 'name' && !row.record.deleted);
  const full = (name?.record.data as { full?: unknown } | null | undefined)?.full;
  const receipts = batch.receipts.map(({ grant, credential }) => ({ grant_id: grant, receipt_id: String(credential['id'] ?? ''), credential }));
  if (stored.length === 0 && receipts.length === 0 && !inserted) return outcomes;
  await tx.query(WRITE, [customer, time, JSON.stringify(stored), typeof full === 'string' ? full.slice(0, 200) : null, JSON.stringify(receipts), batch.from.peerId, inserted]);
  return outcomes;
}

/**
 * Deletes what `grant` holds — every version, the data and credential of its records (the
 * rows stay as notes) — signs the deletion receipt for the record ids deleted, keeps it,
 * and drops the CRM deliveries that still carry the data. Shared by revocation and by
 * scheduled deletions; runs inside the caller's transaction.
 */
export async function deleteGrantData(tx: SqlRunner, customer: string, grant: string, sign: (deleted: readonly string[]) => JsonObject, time: string): Promise<{ receipt: JsonObject; deleted: string[] }> {
  await tx.query('DELETE FROM kith_vendor.record_versions WHERE customer_did = $1 AND grant_id = $2', [customer, grant]);
  const deleted = rows(
    headRow.pick({ record_id: true }),
    await tx.query(
      `UPDATE kith_vendor.records SET data = NULL, credential_id = NULL, revoked_at = $3
       WHERE customer_did = $1 AND grant_id = $2 AND revoked_at IS NULL RETURNING record_id`,
      [customer, grant, time],
    ),
    'records',
  ).map((row) => row.record_id);
  deleted.sort();
  const receipt = sign(deleted);
  await tx.query(
    `INSERT INTO kith_vendor.deletion_receipts (customer_did, grant_id, receipt_id, records, deleted_at, credential) VALUES ($1, $2, $3, $4::jsonb, $5, $6::jsonb)
     ON CONFLICT (customer_did, grant_id) DO NOTHING`,
    [customer, grant, String(receipt['id'] ?? ''), JSON.stringify(deleted), time, JSON.stringify(receipt)],
  );
  // What the CRM has not been sent yet it never gets; what it has, it is told to delete.
  await dropGrantEvents(tx, customer, grant, time);
  return { receipt, deleted };
}

/** Revocation: the data under `grant` deleted, its rows kept as notes, the deletion receipt kept. */
export async function forgetGrant(tx: SqlRunner, from: Sender, grant: string, sign: (deleted: readonly string[]) => JsonObject, now = new Date()): Promise<JsonObject> {
  const time = now.toISOString();
  await upsertCustomer(tx, from, time);
  // A revocation may come before any record did (or after a replay): the grant row remembers it either way.
  await tx.query(
    `INSERT INTO kith_vendor.grants (customer_did, id, first_received, revoked_at) VALUES ($1, $2, $3, $3)
     ON CONFLICT (customer_did, id) DO UPDATE SET revoked_at = COALESCE(grants.revoked_at, EXCLUDED.revoked_at)`,
    [from.did, grant, time],
  );
  const { receipt, deleted } = await deleteGrantData(tx, from.did, grant, sign, time);
  // The deletion the terms scheduled is done too; its receipt goes back in the revocation's answer.
  await tx.query(
    `UPDATE kith_vendor.scheduled_deletions SET done_at = $3, done_by = 'revocation', receipt_queued_at = $3, receipt_delivered_at = $3
     WHERE customer_did = $1 AND grant_id = $2 AND done_at IS NULL`,
    [from.did, grant, time],
  );
  await enqueueEvents(
    tx,
    [
      { type: 'data.revoked', data: { customer: from.did, grant, revokedAt: time }, customer: from.did },
      { type: 'data.deleted', data: { customer: from.did, grant, records: deleted, receipt: String(receipt['id'] ?? '') }, customer: from.did },
    ],
    time,
  );
  return receipt;
}

/** An agreement we countersigned, or its end. */
export async function keepAgreement(tx: SqlRunner, agreement: Agreement): Promise<void> {
  await upsertCustomer(tx, agreement.customer, agreement.created);
  const [before] = await tx.query('SELECT status FROM kith_vendor.agreements WHERE id = $1 FOR UPDATE', [agreement.id]);
  await tx.query(
    `INSERT INTO kith_vendor.agreements (id, customer_did, purpose, terms, status, created_at, ended_at, credential)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8::jsonb)
     ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, ended_at = EXCLUDED.ended_at, credential = EXCLUDED.credential`,
    [agreement.id, agreement.customer.did, agreement.purpose, JSON.stringify(agreement.terms), agreement.status, agreement.created, agreement.ended ?? null, JSON.stringify(agreement.credential)],
  );
  if (before?.['status'] === agreement.status) return; // a retry: announced already
  const data = { customer: agreement.customer.did, agreement: agreement.id, purpose: agreement.purpose, terms: agreement.terms, ...(agreement.ended === undefined ? {} : { endedAt: agreement.ended }) };
  await enqueueEvents(tx, [{ type: agreement.status === 'active' ? 'agreement.accepted' : 'agreement.ended', data, customer: agreement.customer.did }], agreement.ended ?? agreement.created);
}
