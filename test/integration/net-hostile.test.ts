// Hostile peers against a Kith node in another process: each is cut off or refused, the
// node stays up, leaks no stream, and answers a well-behaved peer afterwards.
// Timing is asserted only loosely (well under yamux's 120 s idle timeout): these
// machines are shared and slow; the behaviour is what is checked.
import { strict as assert } from 'node:assert';
import { connect, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import type { Libp2p } from '@libp2p/interface';
import { z } from 'zod';
import { OwnerKey } from '../../src/identity/identity.ts';
import { createKithNode, type KithNode } from '../../src/net/node.ts';
import { frameReader, writeFrame } from '../../src/net/protocols/framing.ts';
import { encodeFrame } from '../../src/net/protocols/varint.ts';
import { bareNode, ended, rawStream } from './fixtures/bare-node.ts';
import { spawnNode, type NodeProcess } from './fixtures/spawn-node.ts';

const ECHO = '/kith/echo/1.0.0';
/** Far below yamux's 120 s idle timeout; far above the fixture's 1.5 s read deadline. */
const CUT_OFF_MS = 15_000;

let server: NodeProcess;
let hostile: Libp2p;
let good: KithNode;

before(async () => {
  server = await spawnNode({ listen: ['/ip4/127.0.0.1/tcp/0'] });
  hostile = await bareNode();
  good = await createKithNode({ owner: OwnerKey.generate(), listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false, useRelays: false, inboundConnectionThreshold: 1000 });
});

after(async () => {
  await Promise.all([hostile?.stop(), good?.stop()]);
  await server?.kill();
});

/** After each attack: the node is up, has let go of every stream, and serves a good peer. */
async function assertStillServing(): Promise<void> {
  assert.ok(server.alive(), 'the node process is still running');
  await eventually(async () => (await server.status()).openStreams === 0, 'no Kith stream left open');
  const answer = await good.request(server.tcp(), ECHO, { text: 'still there?' }, { responseSchema: z.object({ text: z.string() }) });
  assert.equal(answer.text, 'still there?');
}

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = CUT_OFF_MS): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) assert.fail(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function cutOff(promise: Promise<void>, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not cut off within ${CUT_OFF_MS} ms: ${what}`)), CUT_OFF_MS);
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function answerTo(body: Uint8Array): Promise<unknown> {
  const stream = await rawStream(hostile, server.tcp(), ECHO);
  const reader = frameReader(stream, 4096);
  await writeFrame(stream, body, AbortSignal.timeout(5000));
  await stream.close();
  return JSON.parse(new TextDecoder().decode(await reader.read(AbortSignal.timeout(10_000))));
}

test('malformed JSON and a schema-invalid message are answered InvalidInput', async () => {
  assert.deepEqual(await answerTo(new TextEncoder().encode('{"text": "unterminated')), { error: { code: 'InvalidInput' } });
  assert.deepEqual(await answerTo(new TextEncoder().encode('{"text": ["not", "a", "string"]}')), { error: { code: 'InvalidInput' } });
  assert.deepEqual(await answerTo(new TextEncoder().encode('{"text": "ok", "admin": true}')), { error: { code: 'InvalidInput' } });
  await assertStillServing();
});

test('an oversized message is refused at its length prefix and the stream cut off', async () => {
  const stream = await rawStream(hostile, server.tcp(), ECHO);
  const declared = encodeFrame(new Uint8Array(64 * 1024));
  stream.send(declared.subarray(0, 3));
  stream.send(new Uint8Array(8 * 1024).fill(0x41));
  await cutOff(ended(stream), 'oversized message');
  await assertStillServing();
});

test('an endless length prefix (0xFF forever) is cut off', async () => {
  const stream = await rawStream(hostile, server.tcp(), ECHO);
  const flood = setInterval(() => {
    if (stream.status === 'open') stream.send(new Uint8Array(1024).fill(0xff));
  }, 5);
  try {
    await cutOff(ended(stream), 'endless varint');
  } finally {
    clearInterval(flood);
  }
  await assertStillServing();
});

test('a slow sender (one byte, then silence) is cut off at the read deadline', async () => {
  const stream = await rawStream(hostile, server.tcp(), ECHO);
  stream.send(Uint8Array.of(0x20));
  await cutOff(ended(stream), 'slow sender');
  await assertStillServing();
});

test('a stream flood is capped at maxInboundStreams and drained without leaks', async () => {
  const opened = await Promise.allSettled(Array.from({ length: 40 }, () => rawStream(hostile, server.tcp(), ECHO)));
  const streams = opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  // The silent streams the node accepted are held until its read deadline: never more
  // than the protocol's cap of 8 on this one connection.
  const { openStreams } = await server.status();
  assert.ok(streams.length > 0, "some flood streams were accepted");
  assert.ok(openStreams <= 8, `the node holds ${openStreams} flood streams (cap 8)`);
  await cutOff(Promise.all(streams.map(ended)).then(() => undefined), 'flood streams');
  await assertStillServing();
});

test('a connection flood (silent and junk-sending sockets) is shed, and the node recovers', async () => {
  const { port } = /\/tcp\/(?<port>\d+)\//.exec(server.tcp())!.groups as { port: string };
  const sockets: Socket[] = [];
  const closed = Array.from({ length: 150 }, (_, i) => {
    const socket = connect(Number(port), '127.0.0.1');
    sockets.push(socket);
    socket.on('error', () => {});
    if (i % 2 === 1) socket.on('connect', () => socket.write(Buffer.alloc(4096, 0x5a)));
    return new Promise<void>((resolve) => socket.once('close', () => resolve()));
  });
  try {
    // Every one is closed by the node: refused over the pending limit, failed in
    // negotiation (junk), or dropped at the inbound upgrade timeout (silent).
    await cutOff(Promise.all(closed).then(() => undefined), 'connection flood');
  } finally {
    for (const socket of sockets) socket.destroy();
  }
  await assertStillServing();
});
