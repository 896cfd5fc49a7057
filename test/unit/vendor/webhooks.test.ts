// The CRM bridge against real HTTP receivers on 127.0.0.1: signed by Standard Webhooks, the
// same webhook-id on every retry, only 2xx succeeds, 410 disables, 429 + Retry-After waits,
// a hanging endpoint times out without delaying a healthy one, a revocation drops queued
// data and sends data.deleted, and two workers on one server send each delivery once.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { VendorStore, parseStoreSpec } from '../../../src/vendor/store/vendor-store.ts';
import { startPostgres } from './postgres-server.ts';
import { batch, customer, grantId, VENDOR_DID } from './store-fixtures.ts';

interface Hit {
  readonly at: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

async function receiver(t: { after(fn: () => Promise<void>): void }, answer: (hit: Hit, res: ServerResponse) => void): Promise<{ url: string; hits: Hit[] }> {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const hit = { at: Date.now(), headers: req.headers, body };
      hits.push(hit);
      answer(hit, res);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(async () => {
    server.closeAllConnections();
    server.close();
  });
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return { url: `http://127.0.0.1:${address.port}/hook`, hits };
}

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const cleanups: (() => Promise<void>)[] = [];
const scope = { after: (fn: () => Promise<void>) => void cleanups.push(fn) };
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

let store: VendorStore;
before(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kith-webhooks-'));
  scope.after(() => rm(dir, { recursive: true, force: true }));
  store = await VendorStore.open(parseStoreSpec(undefined, dir));
  scope.after(() => store.close());
  await store.ready();
});

test('each endpoint gets the documented treatment, and a healthy one is not delayed by the others', async (t) => {
  const healthy = await receiver(t, (_hit, res) => res.writeHead(204).end());
  const broken = await receiver(t, (_hit, res) => res.writeHead(500).end());
  const gone = await receiver(t, (_hit, res) => res.writeHead(410).end());
  const busy = await receiver(t, (hit, res) => (busy.hits.length === 1 ? res.writeHead(429, { 'retry-after': '1' }).end() : res.writeHead(200).end()));
  const hanging = await receiver(t, () => undefined); // never answers
  const endpoints = await Promise.all([healthy, broken, gone, busy, hanging].map((r) => store.addWebhook(r.url)));
  const secret = endpoints[0]!.secret;
  assert.match(secret, /^whsec_[A-Za-z0-9+/]+=*$/);

  const worker = store.webhookWorker({ timeoutMs: 1_500, pollMs: 20, schedule: [50, 50, 50] });
  worker.start();
  t.after(() => worker.stop());
  const started = Date.now();
  await store.holdings(VENDOR_DID).keep(batch(customer(70), [{ grant: grantId(70), record: 'email0070', version: 1 }]));

  await until('the healthy endpoint has both events', () => healthy.hits.length === 2);
  assert.ok(Date.now() - started < 1_500, `the healthy endpoint was not held up by the hanging one (${Date.now() - started} ms)`);
  const wh = new Webhook(secret);
  const events = healthy.hits.map((hit) => wh.verify(hit.body, hit.headers as Record<string, string>) as { type: string; data: { record?: { id: string } } });
  assert.deepEqual(events.map((e) => e.type).sort(), ['customer.added', 'data.received']);
  assert.throws(() => new Webhook(endpoints[1]!.secret).verify(healthy.hits[0]!.body, healthy.hits[0]!.headers as Record<string, string>), 'another secret does not verify');

  // 500: retried on the schedule, with the same webhook-id, then failed for good.
  await until('the broken endpoint tried 4 times per event', () => broken.hits.length === 8);
  const ids = new Set(broken.hits.map((h) => h.headers['webhook-id']));
  assert.equal(ids.size, 2, 'the same id on every retry of an event');
  // 410: disabled after its first answer, and nothing more is queued for it.
  await until('the gone endpoint is disabled', async () => (await store.webhooks()).find((e) => e.id === endpoints[2]!.id)?.enabled === false);
  // 429 with Retry-After: 1 s waits that long (the schedule alone would be 50 ms).
  const slowed = () => busy.hits.filter((h) => h.headers['webhook-id'] === busy.hits[0]!.headers['webhook-id']);
  await until('the busy endpoint got its retry', () => slowed().length >= 2, 5_000);
  assert.ok(slowed()[1]!.at - slowed()[0]!.at >= 900, 'Retry-After was honoured');
  // The hanging endpoint times out and is retried; its timeouts never blocked the others.
  await until('the hanging endpoint was tried again after its timeout', () => hanging.hits.length >= 3, 8_000);

  await until('the outcomes are filed', async () => {
    const deliveries = await store.webhookDeliveries();
    const byEndpoint = (id: string) => deliveries.filter((d) => d.endpoint_id === id).map((d) => d.status);
    return byEndpoint(endpoints[0]!.id).every((s) => s === 'succeeded') && byEndpoint(endpoints[1]!.id).every((s) => s === 'failed') && byEndpoint(endpoints[2]!.id).every((s) => s === 'failed') && byEndpoint(endpoints[3]!.id).every((s) => s === 'succeeded');
  });
  const goneHits = gone.hits.length;
  await store.holdings(VENDOR_DID).keep(batch(customer(70), [{ grant: grantId(70), record: 'email0070', version: 2 }]));
  await until('the healthy endpoint has the update', () => healthy.hits.length === 3);
  assert.equal((JSON.parse(healthy.hits[2]!.body) as { type: string }).type, 'data.updated');
  assert.equal(gone.hits.length, goneHits, 'a disabled endpoint gets nothing more');
  for (const endpoint of endpoints) await store.removeWebhook(endpoint.id);
});

test('a revocation drops the queued data events and sends data.revoked and data.deleted instead', async () => {
  const { id } = await store.addWebhook('http://127.0.0.1:9/never-sent'); // no worker runs in this test
  const cleo = customer(71);
  await store.holdings(VENDOR_DID).keep(batch(cleo, [{ grant: grantId(71), record: 'email0071', version: 1 }]));
  await store.holdings(VENDOR_DID).forget(cleo, grantId(71), (deleted) => ({ id: 'urn:uuid:deleted-71', records: [...deleted] }));
  const mine = (await store.webhookDeliveries()).filter((d) => d.endpoint_id === id).reverse();
  assert.deepEqual(mine.map((d) => [d.event_type, d.status]), [['customer.added', 'pending'], ['data.received', 'dropped'], ['data.revoked', 'pending'], ['data.deleted', 'pending']]);
  assert.deepEqual((mine[3]?.payload as { records: string[] }).records, ['email0071']);
  await store.removeWebhook(id);
});

test('bad input: a malformed webhook URL, an unknown endpoint', async () => {
  for (const url of ['not a url', 'ftp://crm.example/x', 'javascript:alert(1)']) await assert.rejects(store.addWebhook(url), { code: 'InvalidInput' });
  await assert.rejects(store.removeWebhook('ep_nope'), { code: 'NotFound' });
  await assert.rejects(store.testWebhook('ep_nope'), { code: 'NotFound' });
});

test('two vendor processes working one queue on a server send each delivery once (SKIP LOCKED)', async (t) => {
  const server = await startPostgres(scope);
  const url = await server.createDatabase('hooks');
  const [a, b] = await Promise.all([VendorStore.open(parseStoreSpec(url, '/unused')), VendorStore.open(parseStoreSpec(url, '/unused'))]);
  t.after(async () => {
    await a.close();
    await b.close();
  });
  await a.ready();
  const sink = await receiver(t, (_hit, res) => setTimeout(() => res.writeHead(200).end(), 5));
  await a.addWebhook(sink.url);
  for (let i = 0; i < 40; i++) await a.holdings(VENDOR_DID).keep(batch(customer(100 + i), [{ grant: grantId(100 + i), record: 'email0100', version: 1 }]));
  const workers = [a.webhookWorker({ pollMs: 10, perEndpoint: 8 }), b.webhookWorker({ pollMs: 10, perEndpoint: 8 })];
  for (const w of workers) w.start();
  t.after(async () => {
    for (const w of workers) await w.stop();
  });
  await until('all 80 events arrived', () => sink.hits.length >= 80, 20_000);
  await new Promise((r) => setTimeout(r, 300));
  const ids = sink.hits.map((h) => h.headers['webhook-id']);
  assert.equal(ids.length, 80);
  assert.equal(new Set(ids).size, 80, 'no delivery sent twice');
});
