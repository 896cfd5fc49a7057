// The vendor store's e-receipts and scheduled deletions, against PGlite and a real server:
// a "delete after N days" term scheduled at the first delivery, carried out only once due
// (an injected clock, not days of waiting), exactly once even by two processes, its receipt
// queued for the customer until noted; a revocation first answers the deletion itself; the
// compliance view; the sent receipts and their answers.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { RetentionRunner } from '../../../src/app/receipts/retention-runner.ts';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { openLocker } from '../../../src/store/locker.ts';
import { pending } from '../../../src/trust/outbox.ts';
import { readDeletionReceipt } from '../../../src/trust/revocation.ts';
import { VendorStore, parseStoreSpec } from '../../../src/vendor/store/vendor-store.ts';
import { batch, customer, grantId, VENDOR_DID } from './store-fixtures.ts';
import { startPostgres, type PostgresServer } from './postgres-server.ts';

const DAY = 86_400_000;
const T0 = new Date(Date.UTC(2026, 11, 1, 12));
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const sign = (customer: string, grant: string, records: readonly string[]) => ({ id: `urn:uuid:deletion-${customer}-${grant}`, type: ['KithDeletionReceipt'], records: [...records] });

function suite(kind: 'pglite' | 'postgres', open: () => Promise<VendorStore>, server?: () => PostgresServer) {
  let store: VendorStore;
  before(async () => {
    store = await open();
    await store.ready();
  });
  after(() => store.close());

  test(`${kind}: migration 3 is applied`, async () => {
    const applied = await store.driver.query('SELECT version, name FROM kith_vendor.schema_migrations ORDER BY version');
    assert.deepEqual(applied.map((r) => [r['version'], r['name']]).find(([version]) => version === 3), [3, 'receipts']);
  });

  test(`${kind}: a delete-after deletion is carried out once due, once, and its receipt waits to be queued`, async () => {
    const ana = customer(101);
    const [g, other] = [grantId(101), grantId(102)];
    await store.holdings(VENDOR_DID).keep(batch(ana, [{ grant: g, record: 'email0101', version: 1, terms: [{ id: 'delete-after', days: 30 }] }, { grant: other, record: 'name00101', version: 1, type: 'name', data: { full: 'Ana' } }], T0));
    const owed = (await store.compliance()).filter((c) => c.customer_did === ana.did);
    assert.deepEqual(owed.map((c) => [c.grant_id, c.due_at, c.done_at]), [[g, at(30).toISOString(), null]], 'only the grant with the term');

    assert.deepEqual(await store.executeDueDeletions(at(29), sign), [], 'not yet due');
    const done = await store.executeDueDeletions(at(30), sign);
    assert.deepEqual(done.map((d) => [d.customer, d.peerId, d.grant, d.records]), [[ana.did, ana.peerId, g, ['email0101']]]);
    assert.equal(done[0]?.receipt['id'], `urn:uuid:deletion-${ana.did}-${g}`);
    assert.deepEqual(await store.executeDueDeletions(at(31), sign), [], 'done once');

    const held = await store.customer(ana.did);
    const email = held?.holdings.records.find((r) => r.record_id === 'email0101');
    assert.deepEqual({ data: email?.data, versions: email?.versions.length }, { data: null, versions: 0 }, 'the data and every version gone');
    assert.notEqual(held?.holdings.records.find((r) => r.record_id === 'name00101')?.data, null, 'the other grant untouched');
    assert.deepEqual(await store.holdings(VENDOR_DID).keep(batch(ana, [{ grant: g, record: 'email0101', version: 2 }], at(31))), ['stale'], 'the grant is closed: later versions are not kept');

    assert.deepEqual((await store.deletionReceiptsToQueue()).filter((d) => d.customer === ana.did).map((d) => d.grant), [g]);
    await store.deletionReceiptQueued(ana.did, g, at(30));
    assert.deepEqual((await store.deletionReceiptsToQueue()).filter((d) => d.customer === ana.did), [], 'queued: not again');
    let row = (await store.compliance()).find((c) => c.grant_id === g && c.customer_did === ana.did);
    assert.deepEqual({ done: row?.done_at, by: row?.done_by, receipt: row?.receipt_id, delivered: row?.receipt_delivered_at }, { done: at(30).toISOString(), by: 'schedule', receipt: `urn:uuid:deletion-${ana.did}-${g}`, delivered: null });
    await store.deletionReceiptDelivered(ana.did, g, at(30.5));
    row = (await store.compliance()).find((c) => c.grant_id === g && c.customer_did === ana.did);
    assert.equal(row?.receipt_delivered_at, at(30.5).toISOString());
  });

  test(`${kind}: a revocation before the due date answers the scheduled deletion itself`, async () => {
    const bo = customer(102);
    const g = grantId(103);
    await store.holdings(VENDOR_DID).keep(batch(bo, [{ grant: g, record: 'email0102', version: 1, terms: [{ id: 'delete-after', days: 30 }] }], T0));
    await store.holdings(VENDOR_DID).forget(bo, g, (records) => sign(bo.did, g, records));
    assert.deepEqual((await store.executeDueDeletions(at(40), sign)).filter((d) => d.customer === bo.did), []);
    assert.deepEqual((await store.deletionReceiptsToQueue()).filter((d) => d.customer === bo.did), [], 'its receipt went back with the revocation');
    const row = (await store.compliance()).find((c) => c.customer_did === bo.did);
    assert.equal(row?.done_by, 'revocation');
  });

  if (server !== undefined) test(`${kind}: two vendor processes sweeping at once carry out each deletion exactly once`, async () => {
    const second = await VendorStore.open(parseStoreSpec(server().url('kith_receipts'), '/unused'));
    try {
      const inputs = Array.from({ length: 20 }, (_, i) => ({ who: customer(200 + i), grant: grantId(200 + i) }));
      for (const { who, grant } of inputs) await store.holdings(VENDOR_DID).keep(batch(who, [{ grant, record: 'email0200', version: 1, terms: [{ id: 'delete-after', days: 1 }] }], T0));
      const [a, b] = await Promise.all([store.executeDueDeletions(at(2), sign), second.executeDueDeletions(at(2), sign)]);
      const grants = [...a, ...b].filter((d) => inputs.some((i) => i.who.did === d.customer)).map((d) => `${d.customer}:${d.grant}`);
      assert.equal(grants.length, 20);
      assert.equal(new Set(grants).size, 20, 'none twice');
    } finally {
      await second.close();
    }
  });

  test(`${kind}: the vendor node's sweep, on an injected clock: nothing before the due day; then the deletion, its signed receipt queued for the customer, logged`, async (t) => {
    const vendor = OwnerKey.generate();
    const dir = await mkdtemp(join(tmpdir(), 'kith-retention-locker-'));
    const locker = await openLocker(dir, vendor);
    t.after(async () => {
      await locker.close();
      await rm(dir, { recursive: true, force: true });
    });
    const dee = customer(104);
    const g = grantId(104);
    await store.holdings(VENDOR_DID).keep(batch(dee, [{ grant: g, record: 'email0104', version: 1, terms: [{ id: 'delete-after', days: 7 }] }], T0));
    let now = at(6);
    let queued = 0;
    const runner = new RetentionRunner({ store: async () => store, locker: async () => locker, signer: () => vendor, now: () => now, onQueued: () => queued++ });
    const mine = async () => (await pending(locker)).filter((item) => item.peer === dee.peerId);
    await runner.sweep(); // (the store is shared with the tests above: their deletions are queued too)
    assert.deepEqual(await mine(), []);
    queued = 0;
    now = at(7);
    assert.equal(await runner.sweep(), 1);
    const [item] = await mine();
    assert.deepEqual([item?.kind, item?.subject, queued], ['deletion-receipt', `deletion:${g}`, 1]);
    const receipt = (item?.message as { type: string; receipt: unknown }).receipt;
    const facts = readDeletionReceipt(receipt, { holder: vendor.did, owner: dee.did, grant: g });
    assert.deepEqual([facts.records, facts.deleted], [['email0104'], at(7).toISOString()], 'signed by the vendor, as on a revocation');
    assert.equal(await runner.sweep(), 0, 'not twice');
    assert.equal((await mine()).length, 1);
    const entries = (await locker.audit.entries()).filter((e) => e.kind === 'retention.deleted' && e.details['customer'] === dee.did);
    assert.deepEqual(entries.map((e) => e.details['grant']), [g]);
  });

  test(`${kind}: sent e-receipts are kept with the customer's first answer`, async () => {
    const cy = customer(103);
    const sent = (id: string, minutes: number) => ({ id, customer: cy.did, orderId: `A-${id}`, total: { value: '9.00', currency: 'EUR' }, credential: { id }, created: new Date(T0.getTime() + minutes * 60_000) });
    await store.keepSentReceipt(sent('urn:uuid:r1', 1));
    await store.keepSentReceipt(sent('urn:uuid:r2', 2));
    await store.keepSentReceipt(sent('urn:uuid:r3', 3));
    await store.keepSentReceipt(sent('urn:uuid:r1', 1)); // a retry: kept once
    await store.answerSentReceipt('urn:uuid:r1', { status: 'stored' }, at(1));
    await store.answerSentReceipt('urn:uuid:r1', { status: 'duplicate' }, at(2)); // a retried delivery: the first answer counts
    await store.answerSentReceipt('urn:uuid:r2', { status: 'refused', code: 'NotTrusted' }, at(1));
    await store.dropSentReceipt('urn:uuid:r3');
    const list = await store.sentReceipts(cy.did);
    assert.deepEqual(list.map((r) => [r.id, r.order_id, r.status, r.refused_code, r.total, r.currency]), [
      ['urn:uuid:r2', 'A-urn:uuid:r2', 'refused', 'NotTrusted', '9.00', 'EUR'],
      ['urn:uuid:r1', 'A-urn:uuid:r1', 'stored', null, '9.00', 'EUR'],
    ]);
    assert.equal((await store.sentReceipts()).filter((r) => r.customer_did === cy.did).length, 2);
    assert.deepEqual(await store.sentReceipts(customer(999).did), []);
  });
}

describe('e-receipts and retention on PGlite', () => {
  let dir: string;
  suite('pglite', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kith-receipts-pglite-'));
    return VendorStore.open(parseStoreSpec(undefined, dir));
  });
  after(() => rm(dir, { recursive: true, force: true }));
});

describe('e-receipts and retention on a PostgreSQL server', () => {
  let server: PostgresServer;
  const cleanups: (() => Promise<void>)[] = [];
  suite(
    'postgres',
    async () => {
      server = await startPostgres({ after: (fn) => cleanups.push(fn) });
      return VendorStore.open(parseStoreSpec(await server.createDatabase('kith_receipts'), '/unused'));
    },
    () => server,
  );
  after(async () => {
    for (const cleanup of cleanups) await cleanup();
  });
});
