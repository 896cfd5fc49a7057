// Writing what customers deliver into the vendor store: a batch in one transaction, set at
// a time (a handful of statements per batch of up to 200 records, not one per record), and
// idempotent — a record version is keyed by its credential id (ON CONFLICT DO NOTHING),
// the current version only moves forward (ON CONFLICT … WHERE version <), so a retried
// batch, or two vendor processes on one database, store each version exactly once.
import type { JsonObject } from '../../credentials/types.ts';
import type { Agreement } from '../../trust/agreements.ts';
import type { KeepBatch, Sender } from '../../trust/holdings.ts';
import type { AcceptOutcome } from '../../trust/shared-with-me.ts';
import type { SqlRunner } from './driver.ts';
import { grantStateRow, headRow, rows } from './rows.ts';
import { dropGrantEvents, enqueueEvents, type VendorEvent } from './webhook-events.ts';

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

/** The batch's grants, created or refreshed; returns the ids of those already revoked (their deliveries are replays). */
async function upsertGrants(tx: SqlRunner, customer: string, batch: KeepBatch, time: string): Promise<Set<string>> {
  const grants = new Map(batch.deliveries.map(({ facts }) => [facts.grant.id, facts.grant]));
  const list = [...grants.values()].map((g) => ({ id: g.id, purpose: g.purpose, terms: g.terms, expires: g.expires ?? null }));
  // The agreement a grant is made under has the grant's purpose (the customer's share dialog takes it from the agreement).
  const state = rows(
    grantStateRow,
    await tx.query(
      `INSERT INTO kith_vendor.grants (customer_did, id, agreement_id, purpose, terms, expires_at, first_received)
       SELECT $1, g.id,
              (SELECT a.id FROM kith_vendor.agreements a WHERE a.customer_did = $1 AND lower(a.purpose) = lower(g.purpose) AND a.status = 'active' ORDER BY a.created_at DESC LIMIT 1),
              g.purpose, g.terms, g.expires, $2
       FROM jsonb_to_recordset($3::jsonb) AS g(id text, purpose text, terms jsonb, expires timestamptz)
       ON CONFLICT (customer_did, id) DO UPDATE SET purpose = EXCLUDED.purpose, terms = EXCLUDED.terms, expires_at = EXCLUDED.expires_at,
              agreement_id = COALESCE(grants.agreement_id, EXCLUDED.agreement_id)
       RETURNING id, revoked_at`,
      [customer, time, JSON.stringify(list)],
    ),
    'grants',
  );
  // "Delete after N days" schedules the deletion (and its receipt) from the first delivery on.
  const scheduled = [...grants.values()].flatMap((g) => g.terms.flatMap((clause) => (clause.id === 'delete-after' ? [{ id: g.id, due: new Date(Date.parse(time) + clause.days * DAY_MS).toISOString() }] : [])));
  if (scheduled.length > 0) {
    await tx.query(
      `INSERT INTO kith_vendor.scheduled_deletions (customer_did, grant_id, due_at, reason)
       SELECT $1, s.id, s.due, 'delete-after' FROM jsonb_to_recordset($2::jsonb) AS s(id text, due timestamptz)
       ON CONFLICT (customer_did, grant_id) DO NOTHING`,
      [customer, JSON.stringify(scheduled)],
    );
  }
  return new Set(state.filter((g) => g.revoked_at !== null).map((g) => g.id));
}

function credentialId(credential: Record<string, unknown>, grant: string, record: string, version: number): string {
  const id = credential['id'];
  return typeof id === 'string' && id.length > 0 ? id : `urn:kith:share:${grant}:${record}:${version}`;
}

/** Keeps a verified batch (see Holdings.keep); runs inside the caller's transaction. */
export async function keepBatch(tx: SqlRunner, batch: KeepBatch): Promise<AcceptOutcome[]> {
  const time = batch.time.toISOString();
  const customer = batch.from.did;
  await upsertCustomer(tx, batch.from, time);
  if (batch.deliveries.length === 0) return [];
  const revoked = await upsertGrants(tx, customer, batch, time);
  const keys = batch.deliveries.map(({ facts }) => ({ g: facts.grant.id, r: facts.record.id }));
  const heads = rows(
    headRow,
    await tx.query(
      `SELECT r.grant_id, r.record_id, r.version FROM kith_vendor.records r
       JOIN jsonb_to_recordset($2::jsonb) AS k(g text, r text) ON r.grant_id = k.g AND r.record_id = k.r
       WHERE r.customer_did = $1`,
      [customer, JSON.stringify(keys)],
    ),
    'records',
  );
  const newest = new Map(heads.map((h) => [`${h.grant_id}:${h.record_id}`, h.version]));
  const outcomes: AcceptOutcome[] = [];
  const events: VendorEvent[] = [];
  const stored: Record<string, unknown>[] = [];
  const latest = new Map<string, Record<string, unknown>>();
  for (const { facts, credential } of batch.deliveries) {
    const key = `${facts.grant.id}:${facts.record.id}`;
    if (revoked.has(facts.grant.id) || (newest.get(key) ?? 0) >= facts.record.version) {
      outcomes.push('stale');
      continue;
    }
    events.push({
      type: newest.has(key) ? 'data.updated' : 'data.received',
      data: { customer, grant: facts.grant.id, purpose: facts.grant.purpose, record: facts.record, sharedAt: facts.time },
      customer,
      grant: facts.grant.id,
    });
    newest.set(key, facts.record.version);
    const row = {
      credential_id: credentialId(credential, facts.grant.id, facts.record.id, facts.record.version),
      grant_id: facts.grant.id,
      record_id: facts.record.id,
      version: facts.record.version,
      record_type: facts.record.type,
      deleted: facts.record.deleted,
      data: facts.record.data ?? null,
      credential,
      issued_at: facts.time,
    };
    stored.push(row);
    latest.set(key, row);
    outcomes.push('stored');
  }
  if (stored.length === 0) return outcomes;
  await tx.query(
    `INSERT INTO kith_vendor.record_versions (customer_did, credential_id, grant_id, record_id, version, record_type, deleted, data, credential, issued_at, received_at)
     SELECT $1, x.credential_id, x.grant_id, x.record_id, x.version, x.record_type, x.deleted, x.data, x.credential, x.issued_at, $2
     FROM jsonb_to_recordset($3::jsonb) AS x(credential_id text, grant_id text, record_id text, version integer, record_type text, deleted boolean, data jsonb, credential jsonb, issued_at timestamptz)
     ON CONFLICT (customer_did, credential_id) DO NOTHING`,
    [customer, time, JSON.stringify(stored)],
  );
  await tx.query(
    `INSERT INTO kith_vendor.records (customer_did, grant_id, record_id, record_type, version, deleted, data, credential, shared_at, received_at)
     SELECT $1, x.grant_id, x.record_id, x.record_type, x.version, x.deleted, x.data, x.credential, x.issued_at, $2
     FROM jsonb_to_recordset($3::jsonb) AS x(grant_id text, record_id text, version integer, record_type text, deleted boolean, data jsonb, credential jsonb, issued_at timestamptz)
     ON CONFLICT (customer_did, grant_id, record_id) DO UPDATE SET record_type = EXCLUDED.record_type, version = EXCLUDED.version, deleted = EXCLUDED.deleted,
       data = EXCLUDED.data, credential = EXCLUDED.credential, shared_at = EXCLUDED.shared_at, received_at = EXCLUDED.received_at
     WHERE records.version < EXCLUDED.version AND records.revoked_at IS NULL`,
    [customer, time, JSON.stringify([...latest.values()])],
  );
  // The customer's name, for the console and the CRM, from a name record they shared.
  const name = [...latest.values()].reverse().find((row) => row['record_type'] === 'name' && row['deleted'] === false);
  const full = (name?.['data'] as { full?: unknown } | null | undefined)?.full;
  if (typeof full === 'string') await tx.query('UPDATE kith_vendor.customers SET name = $2 WHERE did = $1', [customer, full.slice(0, 200)]);
  await enqueueEvents(tx, events, time);
  return outcomes;
}

/** Keeps the countersigned consent receipts of a batch (the latest per grant). */
export async function keepConsentReceipts(tx: SqlRunner, batch: KeepBatch): Promise<void> {
  if (batch.receipts.length === 0) return;
  const list = batch.receipts.map(({ grant, credential }) => ({ grant_id: grant, receipt_id: String(credential['id'] ?? ''), credential }));
  await tx.query(
    `INSERT INTO kith_vendor.consent_receipts (customer_did, grant_id, receipt_id, countersigned_at, credential)
     SELECT $1, x.grant_id, x.receipt_id, $2, x.credential FROM jsonb_to_recordset($3::jsonb) AS x(grant_id text, receipt_id text, credential jsonb)
     ON CONFLICT (customer_did, grant_id) DO UPDATE SET receipt_id = EXCLUDED.receipt_id, countersigned_at = EXCLUDED.countersigned_at, credential = EXCLUDED.credential`,
    [batch.from.did, batch.time.toISOString(), JSON.stringify(list)],
  );
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
      `UPDATE kith_vendor.records SET data = NULL, credential = NULL, revoked_at = $3
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
