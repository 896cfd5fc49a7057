// The vendor store against both PostgreSQLs it runs on — PGlite on disk and a real server
// this test starts — with the same expectations: migrations, idempotent ingest, the
// current version only moving forward, revocation deleting the data but not the note, the
// console's reads, and a database that goes away refusing with Unreachable.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test, after, before } from 'node:test';
import { migrate } from '../../../src/vendor/store/migrate.ts';
import { MIGRATIONS } from '../../../src/vendor/store/migrations/index.ts';
import { VendorStore, parseStoreSpec } from '../../../src/vendor/store/vendor-store.ts';
import { batch, customer, grantId, VENDOR_DID } from './store-fixtures.ts';
import { startPostgres, type PostgresServer } from './postgres-server.ts';

async function count(store: VendorStore, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const rows = await store.driver.query(`SELECT count(*)::int AS n FROM kith_vendor.${table} WHERE ${where}`, params);
  return Number(rows[0]?.['n']);
}

function suite(kind: 'pglite' | 'postgres', open: () => Promise<VendorStore>, server?: () => PostgresServer) {
  let store: VendorStore;
  before(async () => {
    store = await open();
    await store.ready();
  });
  after(() => store.close());

  test(`${kind}: migrations are numbered, recorded, applied once`, async () => {
    const applied = await store.driver.query('SELECT version, name FROM kith_vendor.schema_migrations ORDER BY version');
    assert.deepEqual(applied.map((r) => [r['version'], r['name']]), [[1, 'initial'], [2, 'webhooks'], [3, 'receipts'], [4, 'lean-records'], [5, 'messages']]);
    assert.deepEqual(await migrate(store.driver), [], 'nothing left to apply');
    const tables = (await store.driver.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'kith_vendor' ORDER BY table_name")).map((r) => r['table_name']);
    assert.deepEqual(tables, ['agreements', 'consent_receipts', 'customers', 'deletion_receipts', 'grants', 'messages', 'record_versions', 'records', 'scheduled_deletions', 'schema_migrations', 'sent_receipts', 'webhook_deliveries', 'webhook_endpoints']);
  });

  test(`${kind}: a failing migration leaves nothing behind`, async () => {
    const bad = [...MIGRATIONS, { version: 99, name: 'broken', up: 'CREATE TABLE kith_vendor.half (id int); SELECT no_such_function();' }];
    await assert.rejects(migrate(store.driver, bad));
    assert.equal(await count(store, 'schema_migrations'), MIGRATIONS.length);
    assert.equal((await store.driver.query("SELECT 1 FROM information_schema.tables WHERE table_schema = 'kith_vendor' AND table_name = 'half'")).length, 0);
  });

  test(`${kind}: ingest is idempotent and only moves forward`, async () => {
    const ana = customer(1);
    const holdings = store.holdings(VENDOR_DID);
    const g = grantId(1);
    const first = batch(ana, [{ grant: g, record: 'email0001', version: 1 }, { grant: g, record: 'email0001', version: 2 }, { grant: g, record: 'addr00001', version: 1, type: 'address', data: { streetAddress: 'Rua Augusta 1', addressLocality: 'Lisboa', postalCode: '1100-053', addressCountry: 'PT' } }]);
    assert.deepEqual(await holdings.keep(first), ['stored', 'stored', 'stored']);
    assert.deepEqual(await holdings.keep(first), ['stale', 'stale', 'stale'], 'a retried batch changes nothing');
    assert.deepEqual(await holdings.keep(batch(ana, [{ grant: g, record: 'email0001', version: 1 }])), ['stale'], 'an older version is not taken');
    assert.deepEqual(await holdings.keep(batch(ana, [{ grant: g, record: 'email0001', version: 3 }])), ['stored']);
    assert.equal(await count(store, 'record_versions', 'customer_did = $1', [ana.did]), 4, 'every version, once');
    const items = (await holdings.list()).filter((i) => i.fromDid === ana.did);
    assert.deepEqual(items.map((i) => [i.record['id'], i.record['version']]), [['addr00001', 1], ['email0001', 3]]);
    assert.equal(items[1]?.credential['id'], `urn:kith:share:${g}:email0001:3`, 'the credential it came in is kept');
    const receipts = (await holdings.receipts()).filter((r) => r.owner === ana.did);
    assert.deepEqual(receipts.map((r) => [r.kind, r.grant, r.holder]), [['consent', g, VENDOR_DID]]);
  });

  // PGlite is one process by design; several vendor processes share a server.
  if (server !== undefined) test(`${kind}: two vendor processes keeping the same batches store each version exactly once`, async () => {
    const second = await VendorStore.open(parseStoreSpec(server().url('kith_test'), '/unused'));
    try {
      const bob = customer(2);
      const inputs = Array.from({ length: 150 }, (_, i) => ({ grant: grantId(2), record: `rec${String(i).padStart(6, '0')}`, version: 1 + (i % 3) }));
      const outcomes = await Promise.all([store.holdings(VENDOR_DID).keep(batch(bob, inputs)), second.holdings(VENDOR_DID).keep(batch(bob, inputs))]);
      const stored = outcomes.flat().filter((o) => o === 'stored').length;
      assert.ok(stored >= 150 && stored <= 300, `each batch was kept (${stored})`);
      assert.equal(await count(store, 'record_versions', 'customer_did = $1', [bob.did]), 150);
      assert.equal(await count(store, 'records', 'customer_did = $1', [bob.did]), 150);
    } finally {
      await second.close();
    }
  });

  test(`${kind}: revocation deletes the data, keeps a note and the deletion receipt, refuses replays`, async () => {
    const cleo = customer(3);
    const holdings = store.holdings(VENDOR_DID);
    const [g1, g2] = [grantId(31), grantId(32)];
    await holdings.keep(batch(cleo, [{ grant: g1, record: 'email0003', version: 1 }, { grant: g2, record: 'phone0003', version: 1, type: 'phone', data: { number: '+351 21 000 0000' } }]));
    let signed: readonly string[] = [];
    const receipt = await holdings.forget(cleo, g1, (deleted) => {
      signed = deleted;
      return { id: 'urn:uuid:deletion-1', type: ['KithDeletionReceipt'] };
    });
    assert.equal(receipt['id'], 'urn:uuid:deletion-1');
    assert.deepEqual(signed, ['email0003']);
    assert.equal(await count(store, 'record_versions', 'customer_did = $1 AND grant_id = $2', [cleo.did, g1]), 0);
    assert.equal(await count(store, 'records', 'customer_did = $1 AND grant_id = $2 AND data IS NULL AND credential_id IS NULL AND revoked_at IS NOT NULL', [cleo.did, g1]), 1);
    assert.equal(await count(store, 'deletion_receipts', 'customer_did = $1 AND grant_id = $2', [cleo.did, g1]), 1);
    const items = (await holdings.list()).filter((i) => i.fromDid === cleo.did);
    assert.deepEqual(items.map((i) => [i.record['id'], i.revoked !== undefined, 'data' in i.record]), [['email0003', true, false], ['phone0003', false, true]]);
    assert.deepEqual(await holdings.keep(batch(cleo, [{ grant: g1, record: 'email0003', version: 2 }])), ['stale'], 'a replay under the revoked grant');
    const live = (await store.liveRecords()).filter((r) => r.customer_did === cleo.did);
    assert.deepEqual(live.map((r) => r.record_id), ['phone0003'], 'only data under a live grant is exported');
    // A revocation for a grant never delivered still answers (with nothing deleted).
    assert.deepEqual((await holdings.forget(cleo, grantId(33), (deleted) => ({ id: 'urn:uuid:d2', records: [...deleted] })))['records'], []);
  });

  test(`${kind}: agreements, customers, holdings and deletions owed`, async () => {
    const dee = customer(4);
    const holdings = store.holdings(VENDOR_DID);
    const created = '2026-12-01T09:00:00Z';
    await holdings.agreement({ id: 'a0000000000000004', role: 'vendor', customer: dee, vendor: { did: VENDOR_DID, peerId: '12D3KooWVendor' }, purpose: 'Delivery of my order', terms: [{ id: 'delete-after', days: 30 }], created, status: 'active', credential: { id: 'urn:kith:agreement:a0000000000000004' } });
    await holdings.keep(batch(dee, [{ grant: grantId(4), record: 'name00004', version: 1, type: 'name', data: { full: 'Dee Dias', given: 'Dee', family: 'Dias' }, purpose: 'delivery of my order', terms: [{ id: 'delete-after', days: 30 }] }]));
    const row = (await store.customers()).find((c) => c.did === dee.did);
    assert.deepEqual({ name: row?.name, agreements: row?.agreements, records: row?.records }, { name: 'Dee Dias', agreements: 1, records: 1 });
    const found = await store.customer(dee.did);
    assert.equal(found?.holdings.grants[0]?.agreement_id, 'a0000000000000004', 'the grant is linked to the agreement of its purpose');
    assert.equal(found?.holdings.records[0]?.versions.length, 1);
    assert.equal(found?.holdings.scheduledDeletions[0]?.reason, 'delete-after');
    assert.equal(await store.customer('did:key:z6MkNobody'), undefined);
  });

  // PGlite lives in this process: it cannot go away under us.
  if (server !== undefined) test(`${kind}: a database that goes away refuses with Unreachable, and comes back`, async () => {
    await server().stop();
    const eve = customer(5);
    await assert.rejects(store.holdings(VENDOR_DID).keep(batch(eve, [{ grant: grantId(5), record: 'email0005', version: 1 }])), { code: 'Unreachable' });
    await server().start();
    assert.deepEqual(await store.holdings(VENDOR_DID).keep(batch(eve, [{ grant: grantId(5), record: 'email0005', version: 1 }])), ['stored']);
  });
}

describe('vendor store on PGlite', () => {
  let dir: string;
  suite('pglite', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kith-vendor-pglite-'));
    return VendorStore.open(parseStoreSpec(undefined, dir));
  });
  after(() => rm(dir, { recursive: true, force: true }));
});

describe('vendor store on a PostgreSQL server', () => {
  let server: PostgresServer;
  // The server stops after the store has closed (hooks run in the order they were added).
  const cleanups: (() => Promise<void>)[] = [];
  suite(
    'postgres',
    async () => {
      server = await startPostgres({ after: (fn) => cleanups.push(fn) });
      return VendorStore.open(parseStoreSpec(await server.createDatabase('kith_test'), '/unused'));
    },
    () => server,
  );
  after(async () => {
    for (const cleanup of cleanups) await cleanup();
  });
});

test('migration 4 on a store written before it: the current row names its version, the credential is read from there', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kith-vendor-m4-'));
  const store = await VendorStore.open(parseStoreSpec(undefined, dir));
  t.after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  await migrate(store.driver, MIGRATIONS.slice(0, 3));
  const ana = customer(40);
  const [live, revoked] = [grantId(40), grantId(41)];
  const credential = { id: `urn:kith:share:${live}:email0040:2`, issuer: ana.did };
  await store.driver.exec(`
    INSERT INTO kith_vendor.customers VALUES ('${ana.did}', '${ana.peerId}', NULL, now(), now());
    INSERT INTO kith_vendor.grants (customer_did, id, first_received) VALUES ('${ana.did}', '${live}', now());
    INSERT INTO kith_vendor.grants (customer_did, id, first_received, revoked_at) VALUES ('${ana.did}', '${revoked}', now(), now());
    INSERT INTO kith_vendor.record_versions VALUES
      ('${ana.did}', 'urn:kith:share:${live}:email0040:1', '${live}', 'email0040', 1, 'email', false, '{}', '{"id": "v1"}', now(), now()),
      ('${ana.did}', '${credential.id}', '${live}', 'email0040', 2, 'email', false, '{}', '${JSON.stringify(credential)}', now(), now());
    INSERT INTO kith_vendor.records (customer_did, grant_id, record_id, record_type, version, deleted, data, credential, shared_at, received_at) VALUES
      ('${ana.did}', '${live}', 'email0040', 'email', 2, false, '{}', '${JSON.stringify(credential)}', now(), now());
    INSERT INTO kith_vendor.records (customer_did, grant_id, record_id, record_type, version, deleted, shared_at, received_at, revoked_at) VALUES
      ('${ana.did}', '${revoked}', 'phone0040', 'phone', 1, false, now(), now(), now());`);
  assert.deepEqual(await migrate(store.driver), [4, 5], 'migration 4, then the ones after it');
  const rows = await store.driver.query('SELECT grant_id, credential_id FROM kith_vendor.records ORDER BY grant_id');
  assert.deepEqual(rows.map((r) => [r['grant_id'], r['credential_id']]), [[live, credential.id], [revoked, null]]);
  const items = await store.holdings(VENDOR_DID).list();
  assert.deepEqual(items.map((i) => [i.record['id'], i.credential]), [['email0040', credential], ['phone0040', {}]]);
  assert.deepEqual(await store.holdings(VENDOR_DID).keep(batch(ana, [{ grant: live, record: 'email0040', version: 2 }, { grant: live, record: 'email0040', version: 3 }])), ['stale', 'stored']);
  const [current] = await store.driver.query('SELECT version, credential_id FROM kith_vendor.records WHERE grant_id = $1', [live]);
  assert.deepEqual([current?.['version'], current?.['credential_id']], [3, `urn:kith:share:${live}:email0040:3`]);
});

test('a server nobody answers at is Unreachable, from the first query on', async () => {
  const store = await VendorStore.open(parseStoreSpec('postgres://kith@127.0.0.1:1/none', '/unused'));
  try {
    await assert.rejects(store.ready(), { code: 'Unreachable' });
    await assert.rejects(store.customers(), { code: 'Unreachable' }, 'a failed start is tried again, not cached');
  } finally {
    await store.close();
  }
});

test('store specs: pglite by default, postgres URLs, anything else refused', () => {
  assert.deepEqual(parseStoreSpec(undefined, '/home/v'), { kind: 'pglite', dir: '/home/v/vendor-store' });
  assert.deepEqual(parseStoreSpec('postgres://kith@db:5432/shop', '/h'), { kind: 'postgres', url: 'postgres://kith@db:5432/shop' });
  for (const bad of ['mysql://x@y/z', 'not a url', 'postgres://kith@db:5432']) assert.throws(() => parseStoreSpec(bad, '/h'), { code: 'InvalidInput' });
});
