// Ingest into the vendor store: 100,000 shared records from 1,000 customers (one delivery
// batch of 100 per customer, as a catch-up brings them), through Holdings.keep — one
// transaction a batch: customer and grant upserts, the current-version read, the version
// insert and the current-row upsert (both ON CONFLICT), the countersigned receipt — vs a
// bare batched INSERT of the same rows into a table with no keys, through the same driver.
// Target >= 0.7, on PGlite and on a real PostgreSQL server (started here, as the tests do).
// Then how the cost grows: the rate at 1k, 10k and 100k records (it should stay flat).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeepBatch } from '../src/trust/holdings.ts';
import { VendorStore, parseStoreSpec } from '../src/vendor/store/vendor-store.ts';
import { startPostgres } from '../test/unit/vendor/postgres-server.ts';
import { compareRates, report } from './harness.ts';

const CUSTOMERS = 1_000;
const PER_CUSTOMER = 100;
const TYPES = ['email', 'phone', 'address', 'preference', 'purchase'] as const;

export function batchesFor(customers: number, perCustomer: number): KeepBatch[] {
  const time = new Date('2026-12-01T10:00:00Z');
  return Array.from({ length: customers }, (_, c) => {
    const from = { did: `did:key:z6MkBenchCustomer${c}`, peerId: `12D3KooWBench${c}` };
    const grant = { id: `g${c.toString(16).padStart(16, '0')}`, purpose: 'Delivery of my order', terms: [{ id: 'delivery-only' as const }] };
    const deliveries = Array.from({ length: perCustomer }, (_, r) => {
      const record = { id: `rec${String(r).padStart(6, '0')}`, type: TYPES[r % TYPES.length]!, version: 1, deleted: false, data: { value: `customer ${c} record ${r}`, note: 'x'.repeat(120) } };
      const credential = {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        id: `urn:kith:share:${grant.id}:${record.id}:1`,
        type: ['VerifiableCredential', 'KithSharedRecord'],
        issuer: from.did,
        validFrom: time.toISOString(),
        credentialSubject: { id: from.did, holder: 'did:key:z6MkBenchVendor', grant, record },
        proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', verificationMethod: `${from.did}#key`, proofPurpose: 'assertionMethod', proofValue: `z${'x'.repeat(86)}` },
      };
      return { facts: { owner: from.did, holder: 'did:key:z6MkBenchVendor', grant, record, time: time.toISOString() }, credential };
    });
    return { from, deliveries, receipts: [{ grant: grant.id, credential: { id: `urn:uuid:bench-${c}`, type: ['ConsentReceipt'] } }], time };
  });
}

const BARE_TABLE = `CREATE TABLE IF NOT EXISTS bench_bare (customer_did text, credential_id text, grant_id text, record_id text, version integer, record_type text,
  deleted boolean, data jsonb, credential jsonb, issued_at timestamptz, received_at timestamptz)`;

async function reset(store: VendorStore): Promise<void> {
  await store.driver.exec('TRUNCATE kith_vendor.record_versions, kith_vendor.records, kith_vendor.consent_receipts, kith_vendor.deletion_receipts, kith_vendor.scheduled_deletions, kith_vendor.grants, kith_vendor.agreements, kith_vendor.customers, bench_bare');
}

async function ingest(store: VendorStore, batches: readonly KeepBatch[]): Promise<number> {
  await reset(store);
  const holdings = store.holdings('did:key:z6MkBenchVendor');
  const records = batches.reduce((n, b) => n + b.deliveries.length, 0);
  const start = performance.now();
  for (const batch of batches) await holdings.keep(batch);
  return (records * 1000) / (performance.now() - start);
}

/** The baseline: the same rows, one multi-row INSERT a batch, no keys, no checks, no transaction around it. */
async function bareInsert(store: VendorStore, batches: readonly KeepBatch[]): Promise<number> {
  await reset(store);
  const records = batches.reduce((n, b) => n + b.deliveries.length, 0);
  const start = performance.now();
  for (const batch of batches) {
    const rows = batch.deliveries.map(({ facts, credential }) => ({
      credential_id: credential['id'],
      grant_id: facts.grant.id,
      record_id: facts.record.id,
      version: facts.record.version,
      record_type: facts.record.type,
      deleted: facts.record.deleted,
      data: facts.record.data,
      credential,
      issued_at: facts.time,
    }));
    await store.driver.query(
      `INSERT INTO bench_bare SELECT $1, x.credential_id, x.grant_id, x.record_id, x.version, x.record_type, x.deleted, x.data, x.credential, x.issued_at, $2
       FROM jsonb_to_recordset($3::jsonb) AS x(credential_id text, grant_id text, record_id text, version integer, record_type text, deleted boolean, data jsonb, credential jsonb, issued_at timestamptz)`,
      [batch.from.did, batch.time.toISOString(), JSON.stringify(rows)],
    );
  }
  return (records * 1000) / (performance.now() - start);
}

async function measure(name: string, store: VendorStore): Promise<void> {
  await store.ready();
  await store.driver.exec(BARE_TABLE);
  const all = batchesFor(CUSTOMERS, PER_CUSTOMER);
  const { baseline, subject } = await compareRates(
    () => bareInsert(store, all),
    () => ingest(store, all),
    3,
  );
  report(`vendor store ingest, 100k records from 1k customers (${name})`, 'records/s', baseline.rate, subject.rate, { atLeast: 0.7 });
  const small = await ingest(store, batchesFor(10, PER_CUSTOMER));
  const medium = await ingest(store, batchesFor(100, PER_CUSTOMER));
  console.log(`      growth (${name}): 1k ${small.toFixed(0)}/s, 10k ${medium.toFixed(0)}/s, 100k ${subject.rate.toFixed(0)}/s records`);
  report(`vendor store ingest per-record cost flat 1k -> 100k (${name})`, 'records/s', small, subject.rate, { atLeast: 0.7 });
}

/**
 * `measure` on a fresh PGlite store in a temp folder, then on a real PostgreSQL server
 * started here (as the tests start one), each closed and removed after.
 */
export async function onBothStores(database: string, measure: (name: string, store: VendorStore) => Promise<void>): Promise<void> {
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const dir = await mkdtemp(join(tmpdir(), 'kith-bench-pglite-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const lite = await VendorStore.open(parseStoreSpec(undefined, dir));
    try {
      await measure('PGlite', lite);
    } finally {
      await lite.close();
    }
    const server = await startPostgres({ after: (fn) => cleanups.unshift(fn) });
    const remote = await VendorStore.open(parseStoreSpec(await server.createDatabase(database), '/unused'));
    try {
      await measure('PostgreSQL server', remote);
    } finally {
      await remote.close();
    }
  } finally {
    for (const cleanup of cleanups) await cleanup();
  }
}

export async function benchVendorIngest(): Promise<void> {
  await onBothStores('bench', measure);
}

if (import.meta.main) await benchVendorIngest();
