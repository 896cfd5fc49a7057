// The request/response pipeline over in-memory libp2p streams: each refusal answers one
// stable code (never internal text), and every stream ends closed or aborted.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { Stream } from '@libp2p/interface';
import { streamPair } from '@libp2p/utils';
import { z } from 'zod';
import { KithError } from '../../../src/base/errors.ts';
import { frameReader, writeFrame } from '../../../src/net/protocols/framing.ts';
import { resolveLimits, type ProtocolLimits } from '../../../src/net/protocols/limits.ts';
import { exchange } from '../../../src/net/protocols/requester.ts';
import { respond, type RequestHandler } from '../../../src/net/protocols/responder.ts';
import { PeerRateLimiter } from '../../../src/net/protocols/token-bucket.ts';
import { PeerError } from '../../../src/net/protocols/wire.ts';

const schema = z.strictObject({ text: z.string().max(100) });
const PEER = '12D3KooWPeerUnderTest';

function responder(handler: RequestHandler<z.output<typeof schema>>, overrides: Partial<ProtocolLimits> = {}, blocked = false) {
  const limits = resolveLimits({ readTimeoutMs: 500, handlerTimeoutMs: 300, writeTimeoutMs: 500, ...overrides });
  return { protocol: '/kith/test/1.0.0', schema, handler, limits, limiter: new PeerRateLimiter(limits.rate), isBlocked: () => blocked };
}

const echo = responder((request, context) => ({ text: request.text, from: context.remotePeer }));
const limits = { maxRequestBytes: 1024, maxResponseBytes: 1024 };

/** Sends raw bytes as the request and returns the decoded answer and the server stream. */
async function rawAnswer(server: ReturnType<typeof responder>, body: Uint8Array): Promise<unknown> {
  const [client, serverSide] = await streamPair();
  const served = respond(server, serverSide, PEER);
  await writeFrame(client, body, AbortSignal.timeout(2000));
  await client.close();
  const answer = JSON.parse(new TextDecoder().decode(await frameReader(client, 4096).read(AbortSignal.timeout(2000)))) as unknown;
  await served;
  assertEnded(serverSide);
  return answer;
}

function assertEnded(stream: Stream): void {
  assert.ok(['closed', 'aborted', 'reset'].includes(stream.status), `stream left ${stream.status}`);
}

async function ask(server: ReturnType<typeof responder>, message: unknown): Promise<unknown> {
  const [client, serverSide] = await streamPair();
  const served = respond(server, serverSide, PEER);
  try {
    return await exchange(client, message, limits, AbortSignal.timeout(3000));
  } finally {
    await served;
    assertEnded(serverSide);
  }
}

const bytes = (text: string) => new TextEncoder().encode(text);

test('a valid request gets the handler result, with the remote PeerId passed to the handler', async () => {
  assert.deepEqual(await ask(echo, { text: 'hi' }), { text: 'hi', from: PEER });
});

test('malformed JSON and invalid UTF-8 are answered InvalidInput', async () => {
  assert.deepEqual(await rawAnswer(echo, bytes('{"text":')), { error: { code: 'InvalidInput' } });
  assert.deepEqual(await rawAnswer(echo, Uint8Array.of(0x7b, 0xff, 0x7d)), { error: { code: 'InvalidInput' } });
});

test('a request that fails the schema is answered InvalidInput, and the handler never runs', async () => {
  let ran = false;
  const server = responder(() => {
    ran = true;
  });
  await assert.rejects(ask(server, { text: 5 }), (error) => error instanceof PeerError && error.code === 'InvalidInput');
  await assert.rejects(ask(server, { text: 'x', extra: true }), (error) => error instanceof PeerError && error.code === 'InvalidInput');
  assert.equal(ran, false);
});

test('an internal failure is answered with the code alone: no message, no stack', async () => {
  const server = responder(() => {
    throw new Error('secret path /home/owner/.kith and a stack');
  });
  assert.deepEqual(await rawAnswer(server, bytes('{"text":"x"}')), { error: { code: 'Internal' } });
});

test('a KithError from the handler crosses as its stable code', async () => {
  const server = responder(() => {
    throw new KithError('NotTrusted', 'you are not in my circle: details');
  });
  assert.deepEqual(await rawAnswer(server, bytes('{"text":"x"}')), { error: { code: 'NotTrusted' } });
});

test('a handler that overruns its deadline is answered Timeout even if it ignores the signal', async () => {
  const server = responder(() => new Promise(() => {}));
  await assert.rejects(ask(server, { text: 'slow' }), (error) => error instanceof PeerError && error.code === 'Timeout');
});

test('an answer larger than maxResponseBytes is not sent: Internal instead', async () => {
  const server = responder(() => ({ blob: 'x'.repeat(5000) }), { maxResponseBytes: 2048 });
  await assert.rejects(ask(server, { text: 'big' }), (error) => error instanceof PeerError && error.code === 'Internal');
});

test('an oversized request is refused without reading it, and the stream is cut off', async () => {
  const server = responder(() => 'never', { maxRequestBytes: 64 });
  const [client, serverSide] = await streamPair();
  const served = respond(server, serverSide, PEER);
  client.send(Uint8Array.of(0x80, 0x08)); // declares 1024 bytes
  await served;
  assert.equal(serverSide.status, 'aborted');
});

test('a sender that goes silent after one byte is cut off at the read deadline', async () => {
  const server = responder(() => 'never');
  const [client, serverSide] = await streamPair();
  const served = respond(server, serverSide, PEER);
  client.send(Uint8Array.of(0x05));
  const started = performance.now();
  await served;
  assert.ok(performance.now() - started < 5000);
  assert.equal(serverSide.status, 'aborted');
});

test('past its burst a peer is answered RateLimited, and the answer is a PeerError', async () => {
  const server = responder((request) => request.text, { rate: { perSecond: 0.001, burst: 3 } });
  for (let i = 0; i < 3; i++) assert.equal(await ask(server, { text: `n${i}` }), `n${i}`);
  await assert.rejects(ask(server, { text: 'one too many' }), (error) => {
    assert.ok(error instanceof PeerError);
    assert.equal(error.peerCode, 'RateLimited');
    return true;
  });
});

test('a blocked peer gets no answer: its stream is aborted', async () => {
  const server = responder(() => 'never', {}, true);
  const [client, serverSide] = await streamPair();
  const served = respond(server, serverSide, PEER);
  await writeFrame(client, bytes('{"text":"hi"}'), AbortSignal.timeout(2000));
  await served;
  assert.equal(serverSide.status, 'aborted');
});

test('a malformed answer is a Protocol error on the requesting side', async () => {
  const [client, serverSide] = await streamPair();
  const reply = (async () => {
    await frameReader(serverSide, 1024).read(AbortSignal.timeout(2000));
    await writeFrame(serverSide, bytes('{"result":1,"debug":"extra"}'), AbortSignal.timeout(2000));
    await serverSide.close();
  })();
  await assert.rejects(exchange(client, { text: 'x' }, limits, AbortSignal.timeout(2000)), (error) => error instanceof KithError && error.code === 'Protocol');
  await reply;
});

test('a request larger than the limit is refused locally before anything is sent', async () => {
  const [client] = await streamPair();
  await assert.rejects(
    exchange(client, { text: 'x'.repeat(2000) }, limits, AbortSignal.timeout(2000)),
    (error) => error instanceof KithError && error.code === 'InvalidInput',
  );
  assertEnded(client);
});

// Streams that carry several requests (limits.requestsPerStream > 1).

const keeping = (overrides: Partial<ProtocolLimits> = {}) => responder((request) => request.text, { requestsPerStream: 3, ...overrides });

/** One request on an open stream: write, read the answer frame, decode. */
async function askOn(client: Stream, reader: ReturnType<typeof frameReader>, text: string): Promise<unknown> {
  await writeFrame(client, bytes(JSON.stringify({ text })), AbortSignal.timeout(2000));
  return JSON.parse(new TextDecoder().decode(await reader.read(AbortSignal.timeout(2000)))) as unknown;
}

test('a kept stream answers its requests in turn and ends cleanly when the asker closes its side', async () => {
  const [client, serverSide] = await streamPair();
  const served = respond(keeping(), serverSide, PEER);
  const reader = frameReader(client, 1024);
  assert.deepEqual(await askOn(client, reader, 'one'), { result: 'one' });
  assert.deepEqual(await askOn(client, reader, 'two'), { result: 'two' });
  await client.close();
  await served;
  assert.equal(serverSide.status, 'closed');
});

test('a kept stream is closed after requestsPerStream requests', async () => {
  const [client, serverSide] = await streamPair();
  const served = respond(keeping(), serverSide, PEER);
  const reader = frameReader(client, 1024);
  for (const text of ['a', 'b', 'c']) assert.deepEqual(await askOn(client, reader, text), { result: text });
  assert.equal(await reader.next(AbortSignal.timeout(2000)), undefined, 'the server closed its side');
  await client.close();
  await served;
  assertEnded(serverSide);
});

test('on a kept stream, a later request that stalls is cut off without an answer, and an idle stream ends at the read deadline', async () => {
  for (const stall of [Uint8Array.of(0x05), new Uint8Array(0)]) {
    const [client, serverSide] = await streamPair();
    const served = respond(keeping(), serverSide, PEER);
    const reader = frameReader(client, 1024);
    assert.deepEqual(await askOn(client, reader, 'first'), { result: 'first' });
    if (stall.byteLength > 0) client.send(stall);
    const started = performance.now();
    await served;
    assert.ok(performance.now() - started < 1500, 'cut off at the read deadline, no grace');
    assert.equal(serverSide.status, 'aborted');
    assert.equal(reader.buffered(), 0, 'no answer was sent');
  }
});

test('on a kept stream each request takes a rate-limit token', async () => {
  const [client, serverSide] = await streamPair();
  const served = respond(keeping({ rate: { perSecond: 0.001, burst: 2 } }), serverSide, PEER);
  const reader = frameReader(client, 1024);
  assert.deepEqual(await askOn(client, reader, 'a'), { result: 'a' });
  assert.deepEqual(await askOn(client, reader, 'b'), { result: 'b' });
  assert.deepEqual(await askOn(client, reader, 'c'), { error: { code: 'RateLimited' } });
  await served;
  assertEnded(serverSide);
});

test('an asker that piles up requests without reading answers is cut off', async () => {
  const [client, serverSide] = await streamPair();
  const slow = responder(async (request) => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    return request.text;
  }, { requestsPerStream: 100, maxRequestBytes: 64 });
  const served = respond(slow, serverSide, PEER);
  const frame = bytes(JSON.stringify({ text: 'x'.repeat(40) }));
  for (let i = 0; i < 4; i++) await writeFrame(client, frame, AbortSignal.timeout(2000));
  await served;
  assert.equal(serverSide.status, 'aborted');
});
