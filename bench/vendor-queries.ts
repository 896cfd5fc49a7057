// The vendor console's two reads at 100,000 records (1,000 customers): a page of the
// customer list (50, newest first, with each one's agreement and record counts) and one
// customer's holdings (agreements, grants, records with every version, deletions owed).
// Each is timed through the store (schemas parse every row, versions grouped per record)
// next to the very statements it sends, recorded once and replayed straight through the
// same driver with nothing parsed: the p50 of each, and the store's cost over bare SQL.
import type { SqlRunner } from '../src/vendor/store/driver.ts';
import { customerHoldings, listCustomers } from '../src/vendor/store/reads.ts';
import type { VendorStore } from '../src/vendor/store/vendor-store.ts';
import { report } from './harness.ts';
import { batchesFor, onBothStores } from './vendor-ingest.ts';

const CUSTOMERS = 1_000;
const PER_CUSTOMER = 100;
const SAMPLES = 41;

type Statement = readonly [sql: string, params: readonly unknown[]];

/** The statements `read` sends, captured while it runs against the real driver. */
async function recorded(db: SqlRunner, read: (db: SqlRunner) => Promise<unknown>): Promise<Statement[]> {
  const sent: Statement[] = [];
  await read({
    query: (sql, params = []) => {
      sent.push([sql, params]);
      return db.query(sql, params);
    },
    exec: (sql) => db.exec(sql),
  });
  return sent;
}

function p50(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** p50 milliseconds of the store's read and of its statements replayed bare, sampled alternately. */
async function compareReads(db: SqlRunner, read: (db: SqlRunner) => Promise<unknown>): Promise<{ store: number; bare: number }> {
  const statements = await recorded(db, read);
  const store: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    let start = performance.now();
    await read(db);
    store.push(performance.now() - start);
    start = performance.now();
    for (const [sql, params] of statements) await db.query(sql, params);
    bare.push(performance.now() - start);
  }
  return { store: p50(store), bare: p50(bare) };
}

async function measure(name: string, store: VendorStore): Promise<void> {
  await store.ready();
  const holdings = store.holdings('did:key:z6MkBenchVendor');
  for (const batch of batchesFor(CUSTOMERS, PER_CUSTOMER)) await holdings.keep(batch);
  const page = await compareReads(store.driver, (db) => listCustomers(db, { limit: 50, offset: 500 }));
  const someone = `did:key:z6MkBenchCustomer${CUSTOMERS / 2}`;
  const one = await compareReads(store.driver, (db) => customerHoldings(db, someone));
  // A target of our own (the issue names none): the store's parsing and shaping may cost
  // at most twice the bare statements' time.
  report(`vendor console customer page (50 of 1k) at 100k records, p50 (${name})`, 'ms', page.bare, page.store, { atMost: 2 });
  report(`vendor console one customer's holdings (100 records) at 100k records, p50 (${name})`, 'ms', one.bare, one.store, { atMost: 2 });
}

export async function benchVendorQueries(): Promise<void> {
  await onBothStores('bench_queries', measure);
}

if (import.meta.main) await benchVendorQueries();
