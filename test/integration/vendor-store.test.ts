// A vendor node on a real PostgreSQL server (started by this test), against a customer's
// daemon, each its own process: a customer agrees, shares, updates and revokes, and the
// vendor's tables, console and CRM export follow; the database stops mid-stream — the
// delivery is refused, nothing is acknowledged, the outbox retries — and after the restart
// every version is there exactly once; the CRM's webhook receiver hears every step.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import test from 'node:test';
import { Webhook } from 'standardwebhooks';
import pg from 'pg';
import { connect, eventually, startDaemon } from './daemons.ts';
import { startPostgres } from '../unit/vendor/postgres-server.ts';

interface Customer {
  did: string;
  name?: string;
  agreements: number;
  records: number;
  since: string;
}

async function scalar(url: string, sql: string, params: unknown[] = []): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(sql, params)).rows[0]?.n);
  } finally {
    await client.end();
  }
}

test('a vendor node on PostgreSQL: ingest, console, export, a database outage, revocation', async (t) => {
  const server = await startPostgres(t);
  const url = await server.createDatabase('shop');
  const [ana, shop] = await Promise.all([startDaemon(t), startDaemon(t, ['--vendor', '--store', url])]);
  const vendor = await connect(shop, ana).then(async () => (await ana.kith(['contacts', '--json'])).json<{ petname: string; kind: string }[]>().find((c) => c.kind === 'vendor')?.petname ?? '');
  assert.notEqual(vendor, '');
  // The CRM bridge: a receiver on loopback, added before anything happens.
  const hits: { headers: Record<string, string>; body: string }[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      hits.push({ headers: req.headers as Record<string, string>, body });
      res.writeHead(204).end();
    });
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  t.after(() => {
    receiver.closeAllConnections();
    receiver.close();
  });
  const badUrl = await shop.kith(['vendor', 'webhook', 'add', 'crm.example.com/hook', '--json']);
  assert.equal(badUrl.code, 1);
  assert.equal(JSON.parse(badUrl.stderr).error.code, 'InvalidInput');
  const port = (receiver.address() as AddressInfo).port;
  const hook = (await shop.kith(['vendor', 'webhook', 'add', `http://127.0.0.1:${port}/kith`, '--json'])).json<{ id: string; secret: string }>();
  assert.match(hook.secret, /^whsec_/);
  assert.equal((await shop.kith(['vendor', 'webhook', 'list', '--json'])).json<{ id: string }[]>()[0]?.id, hook.id);

  const agreed = await ana.kith(['agree', vendor, '--purpose', 'Delivery of my order', '--terms', 'delivery-only,delete-after-60d', '--json']);
  assert.equal(agreed.code, 0, agreed.stderr);
  const agreement = agreed.json<{ agreement: { id: string } }>().agreement;

  const ids: string[] = [];
  for (const [type, data] of [
    ['name', '{"full":"Ana Silva","given":"Ana","family":"Silva"}'],
    ['email', '{"address":"ana@example.org"}'],
    ['phone', '{"number":"+351 21 000 0000"}'],
    ['address', '{"streetAddress":"Rua Augusta 1, 2º","addressLocality":"Lisboa","postalCode":"1100-053","addressCountry":"PT"}'],
  ] as const) {
    ids.push((await ana.kith(['data', 'set', type, data, '--json'])).json<{ id: string }>().id);
  }
  const granted = await ana.kith(['grant', vendor, ...ids, '--purpose', 'Delivery of my order', '--json']);
  assert.equal(granted.code, 0, granted.stderr);
  const grant = granted.json<{ id: string }>().id;

  const customers = await eventually(async () => (await shop.kith(['vendor', 'customers', '--json'])).json<Customer[]>(), (c) => c[0]?.records === 4, 'the records in the vendor store');
  assert.deepEqual({ did: customers[0]?.did, name: customers[0]?.name, agreements: customers[0]?.agreements }, { did: ana.did, name: 'Ana Silva', agreements: 1 });
  // Searched and paged by the node (in SQL), from the command line as the console does.
  assert.deepEqual((await shop.kith(['vendor', 'customers', '--search', 'SILVA', '--limit', '1', '--json'])).json<Customer[]>().map((c) => c.did), [ana.did]);
  assert.deepEqual((await shop.kith(['vendor', 'customers', '--limit', '1', '--offset', '1', '--json'])).json<Customer[]>(), [], 'one customer: the second page is empty');
  const badLimit = await shop.kith(['vendor', 'customers', '--limit', '0', '--json']);
  assert.deepEqual({ code: badLimit.code, error: JSON.parse(badLimit.stderr).error.code }, { code: 1, error: 'InvalidInput' });
  assert.equal(await scalar(url, 'SELECT count(*)::int AS n FROM kith_vendor.record_versions WHERE customer_did = $1', [ana.did]), 4, 'BI sees them in the tables');
  assert.equal(await scalar(url, "SELECT count(*)::int AS n FROM kith_vendor.scheduled_deletions WHERE reason = 'delete-after'"), 1, 'the 60-day deletion is scheduled');

  // The database goes away: a delivery is refused (Unreachable), not acknowledged.
  await server.stop();
  const email = ids[1]!;
  assert.equal((await ana.kith(['data', 'update', email, '{"address":"ana.silva@example.org"}'])).code, 0);
  const down = await shop.kith(['vendor', 'customers', '--json']);
  assert.equal(down.code, 1);
  assert.equal(JSON.parse(down.stderr).error.code, 'Unreachable');
  await new Promise((resolve) => setTimeout(resolve, 3_000)); // the outbox tries, and is refused
  await server.start();
  await eventually(
    async () => scalar(url, 'SELECT count(*)::int AS n FROM kith_vendor.records WHERE record_id = $1 AND version = 2', [email]),
    (n) => n === 1,
    'the update after the restart',
    90_000,
  );
  assert.equal(await scalar(url, 'SELECT count(*)::int AS n FROM kith_vendor.record_versions WHERE record_id = $1', [email]), 2, 'each version exactly once');

  // The console: one customer's holdings, every version.
  const holdings = (await shop.kith(['vendor', 'holdings', ana.did, '--json'])).json<{ grants: { id: string; agreement?: string }[]; records: { id: string; versions: unknown[] }[] }>();
  assert.equal(holdings.grants[0]?.agreement, agreement.id);
  assert.equal(holdings.records.find((r) => r.id === email)?.versions.length, 2);
  const unknown = await shop.kith(['vendor', 'holdings', 'did:key:z6MkNobodyHere', '--json']);
  assert.equal(JSON.parse(unknown.stderr).error.code, 'NotFound');

  // The CRM export: stdout, a file, and no overwriting without --force.
  const csv = await shop.kith(['vendor', 'export', '--format', 'csv']);
  assert.equal(csv.code, 0, csv.stderr);
  const lines = csv.stdout.split('\r\n');
  assert.equal(lines[0], 'First Name,Last Name,Email,Phone,Street,City,Postal Code,Country,Customer DID,Agreement ID,Purpose,Shared At');
  assert.match(lines[1] ?? '', new RegExp(`^Ana,Silva,ana\\.silva@example\\.org,\\+351 21 000 0000,"Rua Augusta 1, 2º",Lisboa,1100-053,PT,${ana.did},${agreement.id},Delivery of my order,\\d{4}-\\d\\d-\\d\\dT`));
  const file = join(shop.home, 'customers.jsonl');
  assert.equal((await shop.kith(['vendor', 'export', '--format', 'jsonl', file, '--json'])).json<{ rows: number }>().rows, 4);
  assert.equal((await readFile(file, 'utf8')).trim().split('\n').length, 4);
  await writeFile(join(shop.home, 'keep.csv'), 'mine');
  const refused = await shop.kith(['vendor', 'export', '--format', 'csv', join(shop.home, 'keep.csv'), '--json']);
  assert.equal(refused.code, 1);
  assert.equal(JSON.parse(refused.stderr).error.code, 'AlreadyExists');
  assert.equal(await readFile(join(shop.home, 'keep.csv'), 'utf8'), 'mine');
  assert.equal((await shop.kith(['vendor', 'export', '--format', 'xml'])).code, 1);

  // Revocation: the data leaves the store and later exports; the receipt reaches the customer.
  assert.equal((await ana.kith(['revoke', grant])).code, 0);
  await eventually(
    async () => (await ana.kith(['grants', '--json'])).json<{ holders: { deleted: boolean }[] }[]>(),
    (g) => g[0]?.holders.every((h) => h.deleted) === true,
    'the deletion receipt at the customer',
  );
  assert.equal(await scalar(url, 'SELECT count(*)::int AS n FROM kith_vendor.record_versions WHERE customer_did = $1', [ana.did]), 0);
  assert.equal(await scalar(url, 'SELECT count(*)::int AS n FROM kith_vendor.records WHERE customer_did = $1 AND data IS NOT NULL', [ana.did]), 0);
  assert.equal(await scalar(url, 'SELECT count(*)::int AS n FROM kith_vendor.deletion_receipts WHERE customer_did = $1', [ana.did]), 1);
  assert.equal((await shop.kith(['vendor', 'export', '--format', 'csv'])).stdout, 'First Name,Last Name,Email,Phone,Street,City,Postal Code,Country,Customer DID,Agreement ID,Purpose,Shared At\r\n');
  // The CRM heard all of it, signed with the endpoint's secret.
  const types = await eventually(
    async () => hits.map((hit) => (new Webhook(hook.secret).verify(hit.body, hit.headers) as { type: string }).type),
    (seen) => seen.includes('data.deleted'),
    'the webhook events',
  );
  for (const type of ['customer.added', 'agreement.accepted', 'data.received', 'data.updated', 'data.revoked', 'data.deleted']) assert.ok(types.includes(type), `${type} in ${types.join(', ')}`);
  assert.equal(types.filter((type) => type === 'data.received').length, 4, 'each record once, the outage notwithstanding');
  const log = (await shop.kith(['vendor', 'webhook', 'deliveries', '--json'])).json<{ status: string }[]>();
  assert.deepEqual(log.map((d) => d.status), Array(9).fill('succeeded'), 'customer, agreement, 4 records, the update, revoked, deleted: each delivered once');
  for (const d of [ana, shop]) assert.equal((await d.kith(['log', '--verify', '--json'])).json()['ok'], true);
});
