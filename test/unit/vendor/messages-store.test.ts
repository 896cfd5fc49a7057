// Conversations in the vendor store (migration 5), against PGlite and a real server: both
// sides' messages kept as signed, a retried delivery or a receipt updating the one row,
// a customer's new message queued as a `message.received` webhook event without its text,
// the inbox searchable, and a customer's conversation deleted with its rows.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { signMessage } from '../../../src/trust/conversation-message.ts';
import type { MessageRow } from '../../../src/vendor/store/messages.ts';
import { VendorStore, parseStoreSpec } from '../../../src/vendor/store/vendor-store.ts';
import { startPostgres, type PostgresServer } from './postgres-server.ts';

const vendor = OwnerKey.generate();
const ana = OwnerKey.generate();

function row(from: OwnerKey, to: OwnerKey, seq: number, text: string, status: MessageRow['status'], thread?: string): MessageRow {
  const message = signMessage(from, { to: to.did, seq, text, ...(thread === undefined ? {} : { thread }) });
  return { customer: from === vendor ? to.did : from.did, id: message.id, mine: from === vendor, thread: message.thread, seq, sent: message.time, message, status };
}

function suite(kind: 'pglite' | 'postgres', open: () => Promise<VendorStore>) {
  let store: VendorStore;
  before(async () => {
    store = await open();
    await store.ready();
  });
  after(() => store.close());

  test(`${kind}: messages of both sides are kept once, statuses updated, new ones announced without their text`, async () => {
    const { id: endpoint } = await store.addWebhook('http://127.0.0.1:9/never-sent'); // no worker runs here
    const question = row(ana, vendor, 1, 'Where is my parcel?', 'delivered');
    await store.keepMessages([question], new Set([question.id]));
    await store.keepMessages([question], new Set()); // the same delivery again: one row, no second event
    const answer = row(vendor, ana, 1, 'On its way.', 'sent', question.thread);
    await store.keepMessages([answer]);
    await store.keepMessages([{ ...answer, status: 'read' }]);
    const thread = await store.messages({ customer: ana.did });
    assert.deepEqual(thread.map((m) => [m.id, m.mine, m.status, m.thread_id]), [[question.id, false, 'delivered', question.thread], [answer.id, true, 'read', question.thread]]);
    assert.equal(thread[1]?.message['text'], 'On its way.', 'kept as signed');
    const events = (await store.webhookDeliveries()).filter((d) => d.endpoint_id === endpoint && d.event_type === 'message.received');
    assert.equal(events.length, 1);
    assert.equal((events[0]?.payload as { message: string }).message, question.id);
    assert.doesNotMatch(JSON.stringify(events[0]?.payload), /parcel/, 'the webhook carries no text');
    await store.removeWebhook(endpoint);
  });

  test(`${kind}: the inbox searches every conversation; deleting a customer's conversation removes its rows`, async () => {
    const cleo = OwnerKey.generate();
    await store.keepMessages([row(cleo, vendor, 1, 'Do you ship to Porto?', 'delivered')]);
    assert.deepEqual((await store.messages({ search: 'PORTO' })).map((m) => m.customer_did), [cleo.did]);
    assert.equal((await store.messages({})).length >= 3, true);
    assert.equal(await store.deleteMessages(cleo.did), 1);
    assert.deepEqual(await store.messages({ customer: cleo.did }), []);
  });
}

describe('conversations on PGlite', () => {
  let dir: string;
  suite('pglite', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kith-messages-pglite-'));
    return VendorStore.open(parseStoreSpec(undefined, dir));
  });
  after(() => rm(dir, { recursive: true, force: true }));
});

describe('conversations on a PostgreSQL server', () => {
  let server: PostgresServer;
  const cleanups: (() => Promise<void>)[] = [];
  suite('postgres', async () => {
    server = await startPostgres({ after: (fn) => cleanups.push(fn) });
    return VendorStore.open(parseStoreSpec(await server.createDatabase('kith_messages'), '/unused'));
  });
  after(async () => {
    for (const cleanup of cleanups) await cleanup();
  });
});
