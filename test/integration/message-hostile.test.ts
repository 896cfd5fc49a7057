// Hostile peers against a real daemon on /kith/message/1.0.0 (issue 12): Ben is a daemon in
// its own process. Mallory is a scripted peer who became his contact through his invite,
// then sends forged, replayed, oversized, malformed and out-of-thread messages and a flood;
// a stranger never was a contact; Eve was, until Ben blocked her. Lee is an honest
// scripted contact whose messages must keep arriving throughout. Every refusal has a
// stable code, and nothing refused is ever in Ben's conversations.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Client } from '../../src/api/client.ts';
import { verifyDocument } from '../../src/credentials/data-integrity.ts';
import { OwnerKey } from '../../src/identity/identity.ts';
import type { Signer } from '../../src/identity/signer.ts';
import { MESSAGE_LIMITS, MESSAGE_PROTOCOL } from '../../src/net/protocols/message/message-protocol.ts';
import { newMessageId, signMessage, signReceipt, type NewMessage } from '../../src/trust/conversation-message.ts';
import { type Daemon, bridgeClient, eventually, fileScope, startDaemon } from './daemons.ts';
import { loopback, redeemInvite, scriptedPeer, send, type Answered, type ScriptedPeer } from './fixtures/scripted-peer.ts';
import { impostor } from './fixtures/share-messages.ts';

const hooks = fileScope(after);
let ben: Daemon;
let benApi: Client;
let target: string;
let mallory: ScriptedPeer;
let lee: ScriptedPeer;
let eve: ScriptedPeer;
let stranger: ScriptedPeer;
const other = OwnerKey.generate();
const seqs = new Map<string, number>();

function next(peer: ScriptedPeer): number {
  const seq = (seqs.get(peer.did) ?? 0) + 1;
  seqs.set(peer.did, seq);
  return seq;
}

function message(signer: Signer, input: Partial<NewMessage> & { seq: number }): Record<string, unknown> {
  return signMessage(signer, { to: ben.did, text: 'Hello', ...input });
}

type Result = { status: string; code?: string; receipt?: Record<string, unknown> };

async function deliver(peer: ScriptedPeer, messages: readonly Record<string, unknown>[], options: { maxRequestBytes?: number } = {}): Promise<Answered> {
  return send(peer, target, MESSAGE_PROTOCOL, { type: 'messages', messages }, options);
}

async function results(peer: ScriptedPeer, messages: readonly Record<string, unknown>[]): Promise<Result[]> {
  const answered = await deliver(peer, messages);
  assert.ok(answered.ok, JSON.stringify(answered));
  return (answered.result as { results: Result[] }).results;
}

const textsFrom = async (peer: ScriptedPeer): Promise<string[]> => (await benApi.call('conversations.thread', { peer: peer.did })).map((m) => m.text);

/** Lee's next honest message is stored and receipted by Ben, and Ben's audit trail verifies. */
async function assertStillServing(): Promise<void> {
  const text = `Lee ${next(lee)}`;
  const [result] = await results(lee, [message(lee.key, { seq: seqs.get(lee.did) ?? 1, text })]);
  assert.equal(result?.status, 'stored', JSON.stringify(result));
  assert.ok(verifyDocument(result?.receipt).some((p) => p.signer === ben.did), 'Ben signed the delivery receipt');
  assert.equal((await textsFrom(lee)).at(-1), text);
  assert.equal((await benApi.call('log.verify', {})).ok, true);
}

before(async () => {
  ben = await startDaemon(hooks);
  target = loopback(ben.addresses);
  benApi = await bridgeClient(ben);
  [mallory, lee, eve, stranger] = await Promise.all([scriptedPeer(hooks), scriptedPeer(hooks), scriptedPeer(hooks), scriptedPeer(hooks)]);
  const code = (await ben.kith(['invite', '--uses', '3', '--json'])).json<{ code: string }>().code;
  await Promise.all([redeemInvite(mallory, code, 'Mallory'), redeemInvite(lee, code, 'Lee'), redeemInvite(eve, code, 'Eve')]);
});

test('a stranger and a blocked contact cannot open a message stream; nothing is stored', async () => {
  assert.deepEqual(await deliver(stranger, [message(stranger.key, { seq: 1 })]), { ok: false, code: 'NotTrusted' });
  assert.deepEqual(await send(stranger, target, MESSAGE_PROTOCOL, { type: 'read', receipt: signReceipt(stranger.key, { status: 'read', messages: [newMessageId()], for: ben.did }) }), { ok: false, code: 'NotTrusted' });
  assert.equal((await results(eve, [message(eve.key, { seq: 1, text: 'before the block' })]))[0]?.status, 'stored');
  assert.equal((await ben.kith(['block', eve.peerId])).code, 0);
  await eventually(async () => eve.node.status().connectedPeers, (peers) => !peers.includes(ben.peerId), "Ben dropping Eve's connection", 10_000);
  const blocked = await deliver(eve, [message(eve.key, { seq: 2, text: 'after the block' })]);
  assert.equal(blocked.ok, false, JSON.stringify(blocked));
  assert.deepEqual(await textsFrom(eve), ['before the block']);
  await assertStillServing();
});

test('forged messages are refused with a stable code and never stored', async () => {
  const honest = message(mallory.key, { seq: 100 });
  const forgeries: [string, Record<string, unknown>, string][] = [
    ["signed by another key, claiming Mallory's", message(impostor(mallory.key, other), { seq: 101 }), 'InvalidSignature'],
    ['from someone else than the sender', message(other, { seq: 102 }), 'NotTrusted'],
    ['addressed to someone else', signMessage(mallory.key, { to: other.did, seq: 103, text: 'Hello' }), 'NotTrusted'],
    ['changed after signing', { ...honest, text: 'Changed after signing' }, 'InvalidSignature'],
    ['unsigned', { ...honest, proof: undefined }, 'InvalidInput'],
    ['dated in the future', signMessage(mallory.key, { to: ben.did, seq: 104, text: 'Hello' }, new Date(Date.now() + 3_600_000)), 'InvalidInput'],
  ];
  const answered = await results(mallory, forgeries.map(([, forged]) => forged));
  assert.deepEqual(answered, forgeries.map(([, , code]) => ({ status: 'refused', code })), forgeries.map(([what]) => what).join('; '));
  assert.deepEqual(await textsFrom(mallory), []);
  await assertStillServing();
});

test('malformed and oversized messages are refused with a code', async () => {
  const tooLong = message(mallory.key, { seq: 1 });
  tooLong['text'] = 'x'.repeat(5000);
  const [long, shape] = await results(mallory, [tooLong, { type: 'KithMessage', id: 'not an id' }]);
  assert.deepEqual([long, shape], [{ status: 'refused', code: 'InvalidInput' }, { status: 'refused', code: 'InvalidInput' }]);
  assert.deepEqual(await send(mallory, target, MESSAGE_PROTOCOL, { type: 'shout', text: 'hi' }), { ok: false, code: 'InvalidInput' });
  assert.deepEqual(await send(mallory, target, MESSAGE_PROTOCOL, { type: 'messages', messages: [] }), { ok: false, code: 'InvalidInput' });
  const huge = Array.from({ length: 30 }, (_, i) => message(mallory.key, { seq: 200 + i, text: 'y'.repeat(4000) }));
  const oversized = await deliver(mallory, huge.concat(huge, huge), { maxRequestBytes: 4 * MESSAGE_LIMITS.maxRequestBytes });
  assert.equal(oversized.ok, false);
  assert.deepEqual(await textsFrom(mallory), []);
  await assertStillServing();
});

test('a replay is answered once and stored once; a reused sequence number and out-of-thread messages are refused', async () => {
  const first = message(mallory.key, { seq: 1, text: 'First' });
  const [stored] = await results(mallory, [first]);
  assert.equal(stored?.status, 'stored');
  const [again] = await results(mallory, [first]);
  assert.equal(again?.status, 'duplicate', 'the same message again: answered, not stored twice');
  assert.deepEqual(again?.receipt, stored?.receipt, 'with the same signed receipt');
  const reused = await results(mallory, [message(mallory.key, { seq: 1, text: 'Another first' })]);
  assert.deepEqual(reused, [{ status: 'refused', code: 'InvalidInput' }]);
  const unknown = newMessageId();
  const outOfThread = await results(mallory, [
    message(mallory.key, { seq: 2, thread: unknown, text: 'In a thread that does not exist' }),
    message(mallory.key, { seq: 3, thread: String(first['id']), replyTo: unknown, text: 'Answering a message that does not exist' }),
    message(mallory.key, { seq: 4, thread: unknown, replyTo: String(first['id']), text: 'Answering across threads' }),
  ]);
  assert.deepEqual(outOfThread, [{ status: 'refused', code: 'NotFound' }, { status: 'refused', code: 'NotFound' }, { status: 'refused', code: 'NotFound' }]);
  const reply = await results(mallory, [message(mallory.key, { seq: 5, thread: String(first['id']), replyTo: String(first['id']), text: 'A real reply' })]);
  assert.equal(reply[0]?.status, 'stored');
  assert.deepEqual(await textsFrom(mallory), ['First', 'A real reply']);
  await assertStillServing();
});

test("a flood from one contact is rate-limited while another contact's messages still arrive", async () => {
  const receipt = signReceipt(mallory.key, { status: 'read', messages: [newMessageId()], for: ben.did });
  // Four at a time: the stream limit per connection (8) is not what is tested here.
  const flood = (async () => {
    const answers: Answered[] = [];
    for (let i = 0; i < 40; i++) answers.push(...(await Promise.all(Array.from({ length: 4 }, () => send(mallory, target, MESSAGE_PROTOCOL, { type: 'read', receipt })))));
    return answers;
  })();
  const leeText = `Lee during the flood`;
  const during = results(lee, [message(lee.key, { seq: next(lee), text: leeText })]);
  const answers = await flood;
  assert.ok(answers.some((a) => !a.ok && a.code === 'RateLimited'), 'some of the flood was refused RateLimited');
  assert.equal((await during)[0]?.status, 'stored', "Lee's message was not held up");
  assert.equal((await textsFrom(lee)).at(-1), leeText);
  await assertStillServing();
});
