// Webhook deliveries: events queued in the vendor store (PGlite) worked off by the
// WebhookWorker — claim with FOR UPDATE SKIP LOCKED, Standard Webhooks signature, POST,
// the outcome filed — to a receiver on 127.0.0.1 that answers 204, vs a bare POST loop of
// the same bodies to the same receiver with as many requests in flight as the worker
// keeps per endpoint (4), so the ratio is the queue's cost, not a difference in
// concurrency. Queuing is not timed (it is part of the ingest, bench/vendor-ingest.ts).
// Target >= 0.8.
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enqueueEvents, type VendorEvent } from '../src/vendor/store/webhook-events.ts';
import { VendorStore, parseStoreSpec } from '../src/vendor/store/vendor-store.ts';
import { compareRates, report } from './harness.ts';

const EVENTS = 2_000;
const IN_FLIGHT = 4;

function events(): VendorEvent[] {
  return Array.from({ length: EVENTS }, (_, n) => {
    const customer = `did:key:z6MkBenchCustomer${n % 100}`;
    const record = { id: `rec${String(n).padStart(6, '0')}`, type: 'email', version: 1, deleted: false, data: { address: `customer${n}@example.org`, note: 'x'.repeat(120) } };
    return { type: 'data.received', data: { customer, grant: 'g0000000000000001', purpose: 'Delivery of my order', record, sharedAt: '2026-12-01T10:00:00.000Z' }, customer, grant: 'g0000000000000001' };
  });
}

export async function benchVendorWebhooks(): Promise<void> {
  let hits = 0;
  let waiter: (() => void) | undefined;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(204).end();
      hits++;
      if (hits >= EVENTS) waiter?.();
    });
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  const address = receiver.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  const url = `http://127.0.0.1:${address.port}/hook`;
  const allHit = () => new Promise<void>((resolve) => (hits >= EVENTS ? resolve() : (waiter = resolve)));
  const dir = await mkdtemp(join(tmpdir(), 'kith-bench-webhooks-'));
  const store = await VendorStore.open(parseStoreSpec(undefined, dir));
  try {
    await store.ready();
    const { id } = await store.addWebhook(url);
    const queued = events();
    const bodies = queued.map((e) => JSON.stringify({ type: e.type, timestamp: '2026-12-01T10:00:00.000Z', data: e.data }));

    const bare = async (): Promise<number> => {
      hits = 0;
      let next = 0;
      const start = performance.now();
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          while (next < bodies.length) {
            const body = bodies[next++]!;
            const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
            await response.body?.cancel();
          }
        }),
      );
      return (EVENTS * 1000) / (performance.now() - start);
    };

    const worked = async (): Promise<number> => {
      await store.driver.exec('TRUNCATE kith_vendor.webhook_deliveries');
      await store.driver.transaction((tx) => enqueueEvents(tx, queued, new Date().toISOString(), id));
      hits = 0;
      // The poll interval is the daemon's default: the backlog is worked off by the refills.
      const worker = store.webhookWorker({ perEndpoint: IN_FLIGHT });
      const start = performance.now();
      worker.start();
      await allHit();
      await worker.stop(); // every outcome filed
      const elapsed = performance.now() - start;
      const [row] = await store.driver.query("SELECT count(*)::int AS n FROM kith_vendor.webhook_deliveries WHERE status = 'succeeded'");
      if (row?.['n'] !== EVENTS) throw new Error(`only ${String(row?.['n'])} of ${EVENTS} deliveries succeeded`);
      return (EVENTS * 1000) / elapsed;
    };

    const { baseline, subject } = await compareRates(bare, worked, 3);
    report(`webhook deliveries through the queue and worker, ${EVENTS} events to a loopback receiver (PGlite)`, 'deliveries/s', baseline.rate, subject.rate, { atLeast: 0.8 });
    console.log(`      rounds: worker ${subject.rounds.map((r) => r.toFixed(0)).join(', ')}; bare ${baseline.rounds.map((r) => r.toFixed(0)).join(', ')} per s`);
  } finally {
    await store.close();
    receiver.closeAllConnections();
    receiver.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) await benchVendorWebhooks();
