// E-receipts and scheduled deletions between real daemons, each its own process: a vendor
// node on a real PostgreSQL server and a customer. The vendor's receipt lands in the
// customer's locker as a purchase record from the vendor; declined when the customer says
// so; kept in the outbox while the customer is offline and delivered on return. A "delete
// after 30 days" term schedules a deletion; once it is due (the test moves the due date,
// as no one waits 30 days) the restarted vendor node carries it out at start and the
// customer gets the signed deletion receipt. Bad input gets clear errors.
import assert from 'node:assert/strict';
import test from 'node:test';
import pg from 'pg';
import { connect, eventually, startDaemon } from './daemons.ts';
import { startPostgres } from '../unit/vendor/postgres-server.ts';

const ORDER = { orderId: 'A-1001', date: '2026-12-01', items: [{ name: 'Tea', quantity: 2, price: { value: '4.50', currency: 'EUR' } }], total: { value: '9.00', currency: 'EUR' } };

interface Purchase {
  id: string;
  data: { vendor: string; orderId: string; amount: string; items: unknown[] };
  source?: { format: string; issuer: string; vendor: string };
}
interface Sent {
  orderId: string;
  status: string;
}
interface Compliance {
  owed: { grant: string; due: string; days?: number }[];
  answered: { grant: string; by: string; delivered?: string }[];
}

async function sql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function errorCode(run: { code: number | null; stderr: string }): string {
  assert.equal(run.code, 1, run.stderr);
  return (JSON.parse(run.stderr) as { error: { code: string } }).error.code;
}

test('e-receipts to a customer with an agreement, declined, offline; a scheduled deletion carried out with its receipt', async (t) => {
  const server = await startPostgres(t);
  const url = await server.createDatabase('shop');
  const [ana, shop] = await Promise.all([startDaemon(t), startDaemon(t, ['--vendor', '--store', url])]);
  assert.equal((await shop.kith(['vendor', 'profile', '--name', 'Tea & Co'])).code, 0);
  const vendor = await connect(shop, ana).then(async () => (await ana.kith(['contacts', '--json'])).json<{ petname: string; kind: string }[]>().find((c) => c.kind === 'vendor')?.petname ?? '');
  const order = (o: object) => JSON.stringify(o);

  // Bad input: a receipt that fails its schema or does not add up; no such customer; one with no agreement yet.
  const schema = await shop.kith(['vendor', 'receipt', ana.did, order({ ...ORDER, total: { value: '9', currency: 'euro' } }), '--json']);
  assert.equal(errorCode(schema), 'InvalidInput');
  assert.match(schema.stderr, /ISO 4217/);
  const sum = await shop.kith(['vendor', 'receipt', ana.did, order({ ...ORDER, total: { value: '8.00', currency: 'EUR' } }), '--json']);
  assert.equal(errorCode(sum), 'InvalidInput');
  assert.match(sum.stderr, /add up to 9\.00/);
  assert.equal(errorCode(await shop.kith(['vendor', 'receipt', ana.did, '{"orderId":', '--json'])), 'InvalidInput');
  assert.equal(errorCode(await shop.kith(['vendor', 'receipt', 'did:key:z6MkNobodyHere', order(ORDER), '--json'])), 'NotFound');
  assert.equal(errorCode(await shop.kith(['vendor', 'receipt', ana.did, order(ORDER), '--json'])), 'NotFound', 'a contact, but not a customer yet');
  assert.equal(errorCode(await ana.kith(['vendor', 'receipt', shop.did, order(ORDER), '--json'])), 'Unsupported', 'a person’s node sends none');

  const agreed = await ana.kith(['agree', vendor, '--purpose', 'Delivery of my order', '--terms', 'delivery-only,delete-after-30d', '--json']);
  assert.equal(agreed.code, 0, agreed.stderr);
  const agreement = agreed.json<{ agreement: { id: string } }>().agreement.id;
  const email = (await ana.kith(['data', 'set', 'email', '{"address":"ana@example.org"}', '--json'])).json<{ id: string }>().id;
  const grant = (await ana.kith(['grant', vendor, email, '--purpose', 'Delivery of my order', '--json'])).json<{ id: string }>().id;

  // The receipt, signed by the vendor, lands as a purchase record from it.
  assert.equal(errorCode(await shop.kith(['vendor', 'receipt', ana.did, '-', '--json'])), 'InvalidInput', 'nothing on standard input: no e-receipt');
  const first = await shop.kith(['vendor', 'receipt', ana.did, order(ORDER), '--json']);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(first.json<{ status: string }>().status, 'queued');
  const purchases = await eventually(async () => (await ana.kith(['data', 'list', 'purchase', '--json'])).json<Purchase[]>(), (p) => p.length === 1, 'the e-receipt at the customer');
  assert.deepEqual(
    { vendor: purchases[0]?.data.vendor, orderId: purchases[0]?.data.orderId, amount: purchases[0]?.data.amount, items: purchases[0]?.data.items.length },
    { vendor: 'Tea & Co', orderId: 'A-1001', amount: '9.00', items: 1 },
  );
  assert.deepEqual({ format: purchases[0]?.source?.format, issuer: purchases[0]?.source?.issuer, vendor: purchases[0]?.source?.vendor }, { format: 'e-receipt', issuer: shop.did, vendor: 'Tea & Co' });
  assert.match((await ana.kith(['data', 'list', 'purchase'])).stdout, /\(from Tea & Co\)/);
  await eventually(async () => (await shop.kith(['vendor', 'receipts', '--json'])).json<Sent[]>(), (s) => s[0]?.status === 'stored', 'the answer in the vendor store');

  // Declined under the agreement: the vendor hears so, nothing new in the locker.
  assert.equal((await ana.kith(['agreement', 'receipts', agreement, 'off'])).code, 0);
  assert.equal((await shop.kith(['vendor', 'receipt', ana.did, order({ ...ORDER, orderId: 'A-1002' })])).code, 0);
  await eventually(async () => (await shop.kith(['vendor', 'receipts', '--json'])).json<Sent[]>(), (s) => s.find((r) => r.orderId === 'A-1002')?.status === 'declined', 'the receipt declined');
  assert.equal((await ana.kith(['data', 'list', 'purchase', '--json'])).json<Purchase[]>().length, 1);
  assert.equal((await ana.kith(['agreement', 'receipts', agreement, 'on'])).code, 0);

  // The customer offline: the receipt waits in the vendor's outbox and arrives on return.
  await ana.kill();
  assert.equal((await shop.kith(['vendor', 'receipt', ana.did, order({ ...ORDER, orderId: 'A-1003' })])).code, 0);
  await new Promise((resolve) => setTimeout(resolve, 2_500)); // the outbox tries, and fails
  assert.equal((await shop.kith(['vendor', 'receipts', '--json'])).json<Sent[]>().find((r) => r.orderId === 'A-1003')?.status, 'queued');
  await ana.restart();
  await eventually(async () => (await ana.kith(['data', 'list', 'purchase', '--json'])).json<Purchase[]>(), (p) => p.some((r) => r.data.orderId === 'A-1003'), 'the receipt after the customer’s return', 60_000);
  // The customer deletes one as any record.
  assert.equal((await ana.kith(['data', 'rm', purchases[0]?.id ?? ''])).code, 0);
  assert.deepEqual((await ana.kith(['data', 'list', 'purchase', '--json'])).json<Purchase[]>().map((p) => p.data.orderId), ['A-1003']);

  // Retention: 30 days scheduled from the first delivery; due (moved in the database), the restarted vendor deletes at start.
  const owed = (await shop.kith(['vendor', 'compliance', '--json'])).json<Compliance>();
  assert.deepEqual(owed.owed.map((d) => [d.grant, d.days]), [[grant, 30]], 'the deadline named as the terms set it');
  const days = (Date.parse(owed.owed[0]?.due ?? '') - Date.now()) / 86_400_000;
  assert.ok(days > 29.9 && days <= 30, `due in 30 days (${days})`);
  await sql(url, "UPDATE kith_vendor.scheduled_deletions SET due_at = now() - interval '1 minute'");
  await shop.restart();
  await eventually(
    async () => (await ana.kith(['grants', '--json'])).json<{ id: string; holders: { deleted: boolean }[] }[]>(),
    (g) => g.find((x) => x.id === grant)?.holders.every((h) => h.deleted) === true,
    'the deletion receipt at the customer',
    60_000,
  );
  const done = await eventually(async () => (await shop.kith(['vendor', 'compliance', '--json'])).json<Compliance>(), (c) => c.answered[0]?.delivered !== undefined, 'the receipt noted as delivered');
  assert.deepEqual({ owed: done.owed.length, by: done.answered[0]?.by }, { owed: 0, by: 'schedule' });
  const holdings = (await shop.kith(['vendor', 'holdings', ana.did, '--json'])).json<{ records: { data: unknown; versions: unknown[] }[] }>();
  assert.deepEqual(holdings.records.map((r) => [r.data, r.versions.length]), [[null, 0]], 'the data and its versions gone');
  assert.match((await ana.kith(['log'])).stdout, /Tea & Co deleted your email address .* as your terms asked/);

  // The agreement ended: no more receipts for this customer.
  assert.equal((await ana.kith(['agreement', 'end', agreement])).code, 0);
  await eventually(async () => (await shop.kith(['agreements', '--json'])).json<{ status: string }[]>(), (a) => a[0]?.status === 'ended', 'the vendor told of the end');
  const ended = await shop.kith(['vendor', 'receipt', ana.did, order(ORDER), '--json']);
  assert.equal(errorCode(ended), 'NotTrusted');
  assert.match(ended.stderr, /has ended/);
  for (const d of [ana, shop]) assert.equal((await d.kith(['log', '--verify', '--json'])).json()['ok'], true);
});
