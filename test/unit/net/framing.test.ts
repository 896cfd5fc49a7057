// The frame reader's bounds, checked over in-memory libp2p streams: every way a peer can
// misuse a length prefix is refused quickly and with a bounded amount of buffering.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { lpStream, streamPair } from '@libp2p/utils';
import { KithError } from '../../../src/base/errors.ts';
import { capInboundBytes, frameReader, maxFrameBytes, writeFrame } from '../../../src/net/protocols/framing.ts';
import { encodeFrame, varintLength } from '../../../src/net/protocols/varint.ts';

const isCode = (code: string) => (error: unknown) => error instanceof KithError && error.code === code;

test('varint prefixes follow the unsigned-varint encoding', () => {
  assert.deepEqual([...encodeFrame(new Uint8Array(0))], [0]);
  assert.deepEqual([...encodeFrame(new Uint8Array(127)).subarray(0, 1)], [127]);
  assert.deepEqual([...encodeFrame(new Uint8Array(128)).subarray(0, 2)], [0x80, 0x01]);
  assert.deepEqual([...encodeFrame(new Uint8Array(300)).subarray(0, 2)], [0xac, 0x02]);
  assert.equal(varintLength(2 ** 31 - 1), 5);
  assert.equal(maxFrameBytes(1024), 1026);
});

test('a frame written is the frame read', async () => {
  const [a, b] = await streamPair();
  const payload = new TextEncoder().encode('{"hello":"world"}');
  await writeFrame(a, payload, AbortSignal.timeout(5000));
  const read = await frameReader(b, 1024).read(AbortSignal.timeout(5000));
  assert.deepEqual(read, payload);
});

// Why framing.ts reads the prefix itself: measured, not assumed (environment.md item 2).
// If a libp2p upgrade makes this fail, lpStream has learnt to bound the varint.
test('measured: lpStream with maxDataLength does not stop an endless varint, only a timeout does', async () => {
  const [a, b] = await streamPair();
  const flood = setInterval(() => a.send(new Uint8Array(256).fill(0xff)), 2);
  try {
    await assert.rejects(lpStream(b, { maxDataLength: 1024 }).read({ signal: AbortSignal.timeout(400) }), { name: 'TimeoutError' });
  } finally {
    clearInterval(flood);
  }
});

test('an endless length prefix (0xFF…) is refused after the varint of the maximum', async () => {
  const [a, b] = await streamPair();
  const flood = setInterval(() => a.send(new Uint8Array(256).fill(0xff)), 2);
  try {
    const started = performance.now();
    await assert.rejects(frameReader(b, 1024).read(AbortSignal.timeout(20_000)), isCode('InvalidInput'));
    assert.ok(performance.now() - started < 10_000, 'refused by the prefix cap, not the timeout');
  } finally {
    clearInterval(flood);
  }
});

test('a declared length above the maximum is refused before any payload is read', async () => {
  const [a, b] = await streamPair();
  a.send(encodeFrame(new Uint8Array(2048)).subarray(0, 2));
  await assert.rejects(frameReader(b, 1024).read(AbortSignal.timeout(5000)), isCode('InvalidInput'));
});

test('a non-minimal length prefix is refused', async () => {
  const [a, b] = await streamPair();
  a.send(Uint8Array.of(0x85, 0x00, 1, 2, 3, 4, 5));
  await assert.rejects(frameReader(b, 1024).read(AbortSignal.timeout(5000)), isCode('InvalidInput'));
});

test('one byte then silence ends with the read deadline', async () => {
  const [a, b] = await streamPair();
  a.send(Uint8Array.of(0x10));
  await assert.rejects(frameReader(b, 1024).read(AbortSignal.timeout(300)), { name: 'TimeoutError' });
});

test('a stream closed mid-frame is an error, not a short message', async () => {
  const [a, b] = await streamPair();
  a.send(Uint8Array.of(10, 1, 2, 3));
  await a.close();
  await assert.rejects(frameReader(b, 1024).read(AbortSignal.timeout(5000)));
});

test('capInboundBytes aborts a stream once the peer sends more than one frame may take', async () => {
  const [a, b] = await streamPair();
  capInboundBytes(b, 100);
  const closed = new Promise((resolve) => b.addEventListener('close', resolve, { once: true }));
  a.send(new Uint8Array(60));
  a.send(new Uint8Array(60));
  await closed;
  assert.equal(b.status, 'aborted');
});
