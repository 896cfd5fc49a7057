// Reading the vendor store: what "shared with me" lists on a vendor node, the receipts it
// signed, and the console's views (customers, one customer's holdings, the export rows).
// A current row names its version (credential_id); the credential is read from there.
import { z } from 'zod';
import type { ReceiptItem } from '../../trust/receipts.ts';
import type { SharedItem } from '../../trust/shared-with-me.ts';
import type { SqlRunner } from './driver.ts';
import { json, jsonObject, rows, sharedRow, timestamp } from './rows.ts';

const SHARED_SELECT = `
  SELECT c.peer_id, r.customer_did, r.grant_id, g.purpose, g.terms, g.expires_at, r.record_id, r.record_type, r.version, r.deleted,
         r.data, v.credential, r.received_at, r.revoked_at
  FROM kith_vendor.records r
  JOIN kith_vendor.customers c ON c.did = r.customer_did
  JOIN kith_vendor.grants g ON g.customer_did = r.customer_did AND g.id = r.grant_id
  LEFT JOIN kith_vendor.record_versions v ON v.customer_did = r.customer_did AND v.credential_id = r.credential_id`;

function sharedItem(row: z.output<typeof sharedRow>): SharedItem {
  const record: Record<string, unknown> = { id: row.record_id, type: row.record_type, version: row.version, deleted: row.deleted };
  if (row.revoked_at === null && row.data !== null) record['data'] = row.data;
  return {
    from: row.peer_id,
    fromDid: row.customer_did,
    grant: { id: row.grant_id, purpose: row.purpose ?? '', terms: row.terms ?? [], ...(row.expires_at === null ? {} : { expires: row.expires_at }) },
    record,
    credential: row.credential ?? {},
    received: row.received_at,
    ...(row.revoked_at === null ? {} : { revoked: row.revoked_at }),
  };
}

export async function listShared(db: SqlRunner): Promise<SharedItem[]> {
  return rows(sharedRow, await db.query(`${SHARED_SELECT} ORDER BY c.peer_id, r.record_id, r.grant_id`), 'records').map(sharedItem);
}

const receiptRow = z.object({ kind: z.enum(['consent', 'deletion']), customer_did: z.string(), grant_id: z.string(), time: timestamp, credential: jsonObject });

export async function listReceipts(db: SqlRunner, holder: string): Promise<ReceiptItem[]> {
  const found = rows(
    receiptRow,
    await db.query(
      `SELECT 'consent' AS kind, customer_did, grant_id, countersigned_at AS time, credential FROM kith_vendor.consent_receipts
       UNION ALL SELECT 'deletion', customer_did, grant_id, deleted_at, credential FROM kith_vendor.deletion_receipts
       ORDER BY grant_id, kind, customer_did`,
    ),
    'receipts',
  );
  return found.map((r) => ({ kind: r.kind, grant: r.grant_id, holder, owner: r.customer_did, time: r.time, credential: r.credential }));
}

const customerRow = z.object({ did: z.string(), peer_id: z.string(), name: z.string().nullable(), first_seen: timestamp, last_seen: timestamp, agreements: z.number().int(), records: z.number().int() });
export type CustomerRow = z.output<typeof customerRow>;

/** Which customers: one by DID, or those whose name or DID holds `search`, a page at a time. */
export interface CustomerFilter {
  readonly did?: string;
  readonly search?: string;
  readonly limit?: number;
  readonly offset?: number;
}

/**
 * Customers newest first (first seen, then DID: a stable order for paging), with their
 * active agreements and the records they share now. The search, the order and the page are
 * all in SQL, so a page of 50 reads 50 rows however many customers there are; the counts
 * are in the select list, which PostgreSQL evaluates after ORDER BY … LIMIT, for the page's
 * rows only. The search is a case-insensitive substring (strpos on lower(), so a % or _ the
 * owner types is matched as itself, not as a LIKE wildcard).
 */
export async function listCustomers(db: SqlRunner, filter: CustomerFilter = {}): Promise<CustomerRow[]> {
  const search = filter.search?.trim().toLowerCase() ?? '';
  return rows(
    customerRow,
    await db.query(
      `SELECT c.did, c.peer_id, c.name, c.first_seen, c.last_seen,
              (SELECT count(*)::int FROM kith_vendor.agreements a WHERE a.customer_did = c.did AND a.status = 'active') AS agreements,
              (SELECT count(*)::int FROM kith_vendor.records r WHERE r.customer_did = c.did AND r.revoked_at IS NULL AND NOT r.deleted) AS records
       FROM kith_vendor.customers c
       WHERE ($1::text IS NULL OR c.did = $1)
         AND ($2::text IS NULL OR strpos(lower(c.did), $2) > 0 OR strpos(lower(coalesce(c.name, '')), $2) > 0)
       ORDER BY c.first_seen DESC, c.did
       LIMIT $3::int OFFSET $4::int`,
      [filter.did ?? null, search === '' ? null : search, filter.limit ?? null, filter.offset ?? 0],
    ),
    'customers',
  );
}

const retentionRow = z.object({ customer_did: z.string(), grant_id: z.string(), terms: json });
export type RetentionTermsRow = z.output<typeof retentionRow>;

/** The terms of every grant with a scheduled deletion: the deadline the compliance view names comes from them. */
export async function retentionTerms(db: SqlRunner): Promise<RetentionTermsRow[]> {
  return rows(
    retentionRow,
    await db.query(
      `SELECT s.customer_did, s.grant_id, g.terms FROM kith_vendor.scheduled_deletions s
       JOIN kith_vendor.grants g ON g.customer_did = s.customer_did AND g.id = s.grant_id`,
    ),
    'grants',
  );
}

const agreementRow = z.object({ id: z.string(), purpose: z.string(), terms: json, status: z.enum(['active', 'ended']), created_at: timestamp, ended_at: timestamp.nullable() });
const grantRow = z.object({ id: z.string(), agreement_id: z.string().nullable(), purpose: z.string().nullable(), terms: json, expires_at: timestamp.nullable(), first_received: timestamp, revoked_at: timestamp.nullable() });
const versionRow = z.object({ grant_id: z.string(), record_id: z.string(), version: z.number().int(), credential_id: z.string(), issued_at: timestamp, received_at: timestamp });
const recordRow = z.object({ grant_id: z.string(), record_id: z.string(), record_type: z.string(), version: z.number().int(), deleted: z.boolean(), data: json, shared_at: timestamp, received_at: timestamp, revoked_at: timestamp.nullable() });
const deletionRow = z.object({ grant_id: z.string(), due_at: timestamp, reason: z.string(), done_at: timestamp.nullable() });

export interface CustomerHoldings {
  readonly agreements: z.output<typeof agreementRow>[];
  readonly grants: z.output<typeof grantRow>[];
  readonly records: (z.output<typeof recordRow> & { versions: z.output<typeof versionRow>[] })[];
  readonly scheduledDeletions: z.output<typeof deletionRow>[];
}

const versionKey = (row: { grant_id: string; record_id: string }) => `${row.grant_id}\u0000${row.record_id}`;

/** Everything held about one customer: agreements, grants, records with every version, deletions owed. */
export async function customerHoldings(db: SqlRunner, did: string): Promise<CustomerHoldings> {
  const agreements = rows(agreementRow, await db.query('SELECT id, purpose, terms, status, created_at, ended_at FROM kith_vendor.agreements WHERE customer_did = $1 ORDER BY created_at, id', [did]), 'agreements');
  const grants = rows(grantRow, await db.query('SELECT id, agreement_id, purpose, terms, expires_at, first_received, revoked_at FROM kith_vendor.grants WHERE customer_did = $1 ORDER BY first_received, id', [did]), 'grants');
  const records = rows(
    recordRow,
    await db.query('SELECT grant_id, record_id, record_type, version, deleted, data, shared_at, received_at, revoked_at FROM kith_vendor.records WHERE customer_did = $1 ORDER BY record_type, record_id, grant_id', [did]),
    'records',
  );
  const versions = rows(
    versionRow,
    await db.query('SELECT grant_id, record_id, version, credential_id, issued_at, received_at FROM kith_vendor.record_versions WHERE customer_did = $1 ORDER BY grant_id, record_id, version', [did]),
    'record_versions',
  );
  const scheduledDeletions = rows(deletionRow, await db.query('SELECT grant_id, due_at, reason, done_at FROM kith_vendor.scheduled_deletions WHERE customer_did = $1 ORDER BY due_at', [did]), 'scheduled_deletions');
  // Grouped once: a customer with thousands of records would make a filter per record quadratic.
  const versionsOf = Map.groupBy(versions, versionKey);
  return {
    agreements,
    grants,
    records: records.map((r) => ({ ...r, versions: versionsOf.get(versionKey(r)) ?? [] })),
    scheduledDeletions,
  };
}

const exportRow = z.object({
  customer_did: z.string(),
  grant_id: z.string(),
  agreement_id: z.string().nullable(),
  purpose: z.string().nullable(),
  record_id: z.string(),
  record_type: z.string(),
  version: z.number().int(),
  data: json,
  shared_at: timestamp,
});
export type ExportRow = z.output<typeof exportRow>;

/** The records under live grants only (not revoked, not expired, not deleted by their owner), in a stable order. */
export async function liveRecords(db: SqlRunner, now = new Date()): Promise<ExportRow[]> {
  return rows(
    exportRow,
    await db.query(
      `SELECT r.customer_did, r.grant_id, g.agreement_id, g.purpose, r.record_id, r.record_type, r.version, r.data, r.shared_at
       FROM kith_vendor.records r JOIN kith_vendor.grants g ON g.customer_did = r.customer_did AND g.id = r.grant_id
       WHERE r.revoked_at IS NULL AND g.revoked_at IS NULL AND NOT r.deleted AND (g.expires_at IS NULL OR g.expires_at > $1)
       ORDER BY r.customer_did, r.grant_id, r.record_type, r.record_id`,
      [now.toISOString()],
    ),
    'records',
  );
}
