// Conversations between real daemons, each its own process (issue 12): Ana and a vendor
// (Tea & Co, under an agreement) talk, both stop and restart, and the thread is intact on
// both sides with its delivery and read states; Ben is offline while Ana writes three
// messages, and gets them in order, once, when he returns; a document attached to a
// message arrives byte-identical. One set of daemons serves every case of the file.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ConversationView, MessageView } from '../../src/api/methods/conversations.ts';
import { type Daemon, connect, eventually, fileScope, startDaemon } from './daemons.ts';

const hooks = fileScope(after);
let ana: Daemon;
let ben: Daemon;
let shop: Daemon;
let agreement: string;

async function thread(daemon: Daemon, peer: string): Promise<MessageView[]> {
  const run = await daemon.kith(['conversation', peer, '--json']);
  assert.equal(run.code, 0, run.stderr);
  return run.json<MessageView[]>();
}

async function talk(daemon: Daemon, args: readonly string[]): Promise<MessageView> {
  const run = await daemon.kith(['talk', ...args, '--json']);
  assert.equal(run.code, 0, run.stderr);
  return run.json<MessageView>();
}

before(async () => {
  // One after another: three starting at once on a loaded two-core runner outlast the start deadline.
  shop = await startDaemon(hooks, ['--vendor']);
  ana = await startDaemon(hooks);
  ben = await startDaemon(hooks);
  assert.equal((await shop.kith(['vendor', 'profile', '--name', 'Tea & Co'])).code, 0);
  await Promise.all([connect(shop, ana), connect(ben, ana)]);
  const contacts = (await ana.kith(['contacts', '--json'])).json<{ petname: string; kind: string }[]>();
  const vendor = contacts.find((c) => c.kind === 'vendor')?.petname ?? '';
  const agreed = await ana.kith(['agree', vendor, '--purpose', 'Delivery of my order', '--terms', 'delivery-only,no-onward-sharing', '--json']);
  assert.equal(agreed.code, 0, agreed.stderr);
  agreement = agreed.json<{ agreement: { id: string } }>().agreement.id;
});

test('Ana and a vendor talk under an agreement; after both restart the thread is intact on both sides', async () => {
  const question = await talk(ana, [shop.did, 'Where is my order A-1001?', '--agreement', agreement]);
  assert.equal(question.threadId, question.id, 'a first message starts its thread');
  assert.equal(question.seq, 1);
  assert.equal(question.agreementId, agreement);
  // The vendor's node has it; reading it there (kith conversation) marks it read and tells Ana.
  const atShop = await eventually(() => thread(shop, ana.did), (m) => m.length === 1, 'the question at the vendor');
  assert.equal(atShop[0]?.text, 'Where is my order A-1001?');
  assert.equal(atShop[0]?.from, ana.did);
  const answer = await talk(shop, [ana.did, 'It left this morning.', '--reply-to', question.id, '--agreement', agreement]);
  assert.equal(answer.threadId, question.id, 'a reply joins the thread');
  await eventually(() => thread(ana, shop.did), (m) => m.length === 2 && m[0]?.status === 'read' && m[1]?.status === 'read', 'the answer at Ana, her question read');
  await eventually(() => thread(shop, ana.did), (m) => m[1]?.status === 'read', "the vendor's answer read by Ana");
  const list = (await ana.kith(['conversations', '--json'])).json<ConversationView[]>();
  const withShop = list.find((c) => c.peer === shop.did);
  assert.equal(withShop?.unread, 0);
  assert.equal(withShop?.last?.summary, 'It left this morning.');

  const before = { ana: await thread(ana, shop.did), shop: await thread(shop, ana.did) };
  await Promise.all([ana.restart(), shop.restart()]);
  const afterwards = { ana: await thread(ana, shop.did), shop: await thread(shop, ana.did) };
  assert.deepEqual(afterwards, before, 'the same messages, order and states after a restart');
  assert.deepEqual(afterwards.ana.map((m) => [m.from, m.text, m.status]), [
    [ana.did, 'Where is my order A-1001?', 'read'],
    [shop.did, 'It left this morning.', 'read'],
  ]);
  // The audit trail says who and when, never what.
  const log = (await shop.kith(['log', '--json'])).stdout;
  assert.match(log, /message\.received/);
  assert.doesNotMatch(log, /order A-1001/);
});

test('Ben is offline while Ana writes three messages; he gets them in order, once, when he returns', async () => {
  await ben.kill();
  const texts = ['One', 'Two', 'Three'];
  for (const text of texts) await talk(ana, [ben.did, text]);
  const waiting = await thread(ana, ben.did);
  assert.deepEqual(waiting.map((m) => [m.text, m.status, m.seq]), [['One', 'sent', 1], ['Two', 'sent', 2], ['Three', 'sent', 3]]);
  await ben.restart();
  await eventually(() => thread(ana, ben.did), (m) => m.length === 3 && m.every((x) => x.status !== 'sent'), "Ben's delivery receipts at Ana", 45_000);
  const atBen = await thread(ben, ana.did);
  assert.deepEqual(atBen.map((m) => [m.text, m.seq]), [['One', 1], ['Two', 2], ['Three', 3]], 'in order, each once');
  const received = (await ben.kith(['log', '--kind', 'message.received', '--json'])).json<{ details: { count: number } }[]>();
  assert.equal(received.reduce((sum, entry) => sum + entry.details.count, 0), 3, 'kept once each');
});

test('a document attached to a message arrives byte-identical', async () => {
  const file = join(ana.home, 'invoice.pdf');
  const bytes = randomBytes(300_000);
  await writeFile(file, bytes);
  const doc = (await ana.kith(['doc', 'add', file, '--json'])).json<{ id: string }>();
  const sent = await talk(ana, [ben.did, 'The invoice, attached.', '--attach', doc.id]);
  assert.equal(sent.attachments[0]?.id, doc.id);
  const atBen = await eventually(() => thread(ben, ana.did), (m) => m.some((x) => x.attachments.length === 1), 'the message with its attachment at Ben');
  assert.equal(atBen.at(-1)?.attachments[0]?.name, 'invoice.pdf');
  const out = join(ben.home, 'invoice-copy.pdf');
  await eventually(async () => (await ben.kith(['shared', 'get', doc.id, out, '--force', '--json'])).code, (code) => code === 0, 'the file at Ben');
  assert.ok((await readFile(out)).equals(bytes), 'byte-identical');
});
