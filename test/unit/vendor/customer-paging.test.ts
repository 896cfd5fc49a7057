// The customer list paged and searched in SQL, on PGlite and a real server: newest first in
// a stable order (ties broken by DID), pages that neither skip nor repeat anyone, a search
// by part of a name or DID whatever its case, and LIKE's wildcards matched as themselves.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { VendorStore, parseStoreSpec } from '../../../src/vendor/store/vendor-store.ts';
import { batch, customer, grantId, VENDOR_DID } from './store-fixtures.ts';
import { startPostgres } from './postgres-server.ts';

const T0 = Date.UTC(2026, 10, 1);
const HOUR = 3_600_000;
const COUNT = 23;
/** Customer n is first seen n hours after T0; 21 and 22 share one instant (the DID breaks the tie). */
const seenAt = (n: number) => new Date(T0 + (n === 22 ? 21 : n) * HOUR);
const names: Record<number, string> = { 3: 'Ana Silva', 7: 'Bo SILVA', 12: '100%_Real Ltd', 21: 'Cy', 22: 'Dee' };

function suite(kind: 'pglite' | 'postgres', open: () => Promise<VendorStore>) {
  let store: VendorStore;
  before(async () => {
    store = await open();
    await store.ready();
    const holdings = store.holdings(VENDOR_DID);
    for (let n = 1; n <= COUNT; n++) {
      const full = names[n];
      const input = full === undefined ? { grant: grantId(n), record: `email${n}`, version: 1 } : { grant: grantId(n), record: `name${n}`, version: 1, type: 'name', data: { full } };
      await holdings.keep(batch(customer(n), [input], seenAt(n)));
    }
  });
  after(() => store.close());

  const dids = (rows: readonly { did: string }[]) => rows.map((r) => r.did);

  test(`${kind}: newest first; pages of 5 cover everyone once, in the same order`, async () => {
    const all = await store.customers();
    assert.equal(all.length, COUNT);
    // 21 and 22 were first seen together: the DID orders them ("…Customer21" < "…Customer22").
    const expected = [23, 21, 22, ...Array.from({ length: 20 }, (_, i) => 20 - i)].map((n) => customer(n).did);
    assert.deepEqual(dids(all), expected);
    const paged: string[] = [];
    for (let offset = 0; offset < COUNT + 5; offset += 5) paged.push(...dids(await store.customers({ limit: 5, offset })));
    assert.deepEqual(paged, expected, 'no one skipped or repeated');
    assert.equal((await store.customers({ limit: 5, offset: 20 })).length, 3, 'the last page is short');
    assert.deepEqual(await store.customers({ limit: 5, offset: 100 }), [], 'past the end: nothing');
    const [first] = await store.customers({ limit: 1 });
    assert.deepEqual({ records: first?.records, agreements: first?.agreements }, { records: 1, agreements: 0 }, 'the counts come with the page');
  });

  test(`${kind}: search by a part of the name or the DID, any case, paged too`, async () => {
    assert.deepEqual(dids(await store.customers({ search: 'silva' })), [customer(7).did, customer(3).did], 'Bo SILVA and Ana Silva, newest first');
    assert.deepEqual(dids(await store.customers({ search: '  SILVA ', limit: 1, offset: 1 })), [customer(3).did], 'trimmed, and paged within the search');
    assert.deepEqual(dids(await store.customers({ search: 'Customer13' })), [customer(13).did], 'a part of the DID');
    assert.deepEqual(dids(await store.customers({ search: 'z6mkcustomer2' })).sort(), [2, 20, 21, 22, 23].map((n) => customer(n).did).sort(), 'the DID in another case');
    assert.deepEqual(dids(await store.customers({ search: '%_' })), [customer(12).did], 'LIKE wildcards are matched as themselves');
    assert.deepEqual(await store.customers({ search: 'nobody' }), []);
    assert.equal((await store.customers({ search: '' })).length, COUNT, 'an empty search is no filter');
  });

  test(`${kind}: one customer by DID is still one row`, async () => {
    const found = await store.customer(customer(12).did);
    assert.equal(found?.customer.name, '100%_Real Ltd');
    assert.equal(await store.customer(customer(99).did), undefined);
  });
}

describe('customer paging and search on PGlite', () => {
  let dir: string;
  suite('pglite', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kith-paging-pglite-'));
    return VendorStore.open(parseStoreSpec(undefined, dir));
  });
  after(() => rm(dir, { recursive: true, force: true }));
});

describe('customer paging and search on a PostgreSQL server', () => {
  const cleanups: (() => Promise<void>)[] = [];
  suite('postgres', async () => {
    const server = await startPostgres({ after: (fn) => cleanups.push(fn) });
    return VendorStore.open(parseStoreSpec(await server.createDatabase('kith_paging'), '/unused'));
  });
  after(async () => {
    for (const cleanup of cleanups) await cleanup();
  });
});
