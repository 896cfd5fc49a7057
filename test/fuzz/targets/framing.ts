// Length-prefixed framing (src/net/protocols/framing.ts, varint.ts) over in-memory libp2p
// streams: whatever bytes a peer sends, in whatever pieces, the reader gives one frame or a
// stable code, never buffers more than one frame may take, and refuses a declared length
// above the protocol's maximum before reading the payload it announces.
import { strict as assert } from 'node:assert';
import { streamPair } from '@libp2p/utils';
import { multiaddr } from '@multiformats/multiaddr';
import fc from 'fast-check';
import { frameReader } from '../../../src/net/protocols/framing.ts';
import { encodeFrame, varintLength } from '../../../src/net/protocols/varint.ts';
import { defineTarget } from '../runner.ts';

// Fixed mock addresses: the mock connection otherwise takes its port from a counter that
// passes 65535 after 32,768 pairs, and multiaddr then refuses it (a harness limit, not Kith's).
const ADDR = multiaddr('/ip4/127.0.0.1/tcp/4001');
const PAIR = { delay: 0, outboundConnection: { remoteAddr: ADDR }, inboundConnection: { remoteAddr: ADDR } };

const MAXIMUMS = [1, 127, 128, 1024, 16_384, 2 ** 31 - 1];

/** A prefix that may be honest, non-minimal, endless or for a length far above the maximum. */
const prefix = fc.oneof(
  fc.integer({ min: 0, max: 2 ** 35 }).map(varint),
  fc.uint8Array({ minLength: 1, maxLength: 8 }).map((b) => b.map((x, i) => (i < b.length - 1 ? x | 0x80 : x))),
  fc.uint8Array({ minLength: 1, maxLength: 8 }),
);

function varint(n: number): Uint8Array {
  const out: number[] = [];
  let rest = n;
  do {
    const group = rest % 0x80;
    rest = Math.floor(rest / 0x80);
    out.push(rest > 0 ? group | 0x80 : group);
  } while (rest > 0);
  return Uint8Array.from(out);
}

/** `data` in pieces of the given sizes (the rest in one piece), as a network delivers it. */
function pieces(data: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= data.length) break;
    out.push(data.subarray(at, at + size));
    at += size;
  }
  if (at < data.length) out.push(data.subarray(at));
  return out;
}

interface FrameCase {
  readonly max: number;
  readonly data: Uint8Array;
  readonly sizes: readonly number[];
  readonly frames: number;
}

const frameCase: fc.Arbitrary<FrameCase> = fc.record({
  max: fc.constantFrom(...MAXIMUMS),
  data: fc.oneof(
    fc.uint8Array({ maxLength: 600 }),
    fc.tuple(prefix, fc.uint8Array({ maxLength: 600 })).map(([p, body]) => Uint8Array.from([...p, ...body])),
    fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 3 }).map((frames) => Uint8Array.from(frames.flatMap((f) => [...encodeFrame(f)]))),
  ),
  sizes: fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 8 }),
  frames: fc.integer({ min: 1, max: 3 }),
});

async function readAll(c: FrameCase, close: boolean): Promise<Uint8Array[]> {
  const [a, b] = await streamPair(PAIR);
  const reader = frameReader(b, c.max);
  for (const piece of pieces(c.data, c.sizes)) a.send(piece);
  if (close) await a.close();
  const frames: Uint8Array[] = [];
  try {
    for (let i = 0; i < c.frames; i++) {
      const frame = await reader.next(AbortSignal.timeout(1_000));
      if (frame === undefined) break;
      assert.ok(frame.byteLength <= c.max, 'a frame above the maximum was accepted');
      frames.push(frame);
    }
  } finally {
    a.abort(new Error('done'));
    b.abort(new Error('done'));
  }
  return frames;
}

export const framingTargets = [
  defineTarget({
    name: 'net/framing',
    covers: 'length prefix (varint) and payload of every protocol frame, in random pieces',
    // Each case opens a libp2p in-memory stream pair (@libp2p/utils streamPair: a mock
    // connection and muxer, ~5 ms of timers), so the CI pass takes fewer cases here.
    quickCases: 150,
    arbitrary: frameCase,
    run: (c) => readAll(c, true),
    roundTrip: {
      arbitrary: fc.record({
        payloads: fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 1, maxLength: 3 }),
        sizes: fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 8 }),
      }),
      async check({ payloads, sizes }) {
        const data = Uint8Array.from(payloads.flatMap((p) => [...encodeFrame(p)]));
        for (const p of payloads) assert.equal(encodeFrame(p).length, varintLength(p.length) + p.length);
        const got = await readAll({ max: 300, data, sizes, frames: payloads.length + 1 }, true);
        assert.deepEqual(got, payloads);
      },
    },
  }),
];
