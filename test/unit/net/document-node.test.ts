// /kith/document/1.0.0 between two real Kith nodes in one process (TCP on loopback, Noise,
// Yamux): yamux's flow control is what lets the owner notice a holder that stops reading,
// and what `recheck` (a revocation mid-transfer) and the block list act on.
import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { KithError } from '../../../src/base/errors.ts';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { createKithNode, type KithNode } from '../../../src/net/node.ts';
import { DocumentProtocol } from '../../../src/net/protocols/document/document-protocol.ts';
import { DOCUMENT_PROTOCOL } from '../../../src/net/protocols/document/document-wire.ts';
import { writeFrame } from '../../../src/net/protocols/framing.ts';
import { encodeJson } from '../../../src/net/protocols/wire.ts';
import { openBlobStore, type BlobStore } from '../../../src/store/blobs.ts';

const LOOPBACK = { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false, useRelays: false, inboundConnectionThreshold: 1000 };
const FILE = randomBytes(24 * 1024 * 1024);
const SHA = createHash('sha256').update(FILE).digest('hex');
const REQUEST = { grant: 'g0123456789abcdef', record: 'doc0000000001', sha256: SHA };
const TARGET = { request: REQUEST, size: FILE.byteLength };
const LIMITS = { idleTimeoutMs: 500, minBytesPerWindow: 1024, chunkBytes: 256 * 1024 };

let owner: KithNode;
let holder: KithNode;
let served: DocumentProtocol;
let fetching: DocumentProtocol;
let allowed = true;
let blocked = false;
let slowSource = false;
/** Bytes the owner has read from its source: what a holder that stops reading lets it buffer. */
let yielded = 0;
let dir: string;
let blobs: BlobStore;

async function* chunks(): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < FILE.byteLength; offset += 256 * 1024) {
    if (slowSource) await new Promise((resolve) => setTimeout(resolve, 20));
    yielded += 256 * 1024;
    yield FILE.subarray(offset, offset + 256 * 1024);
  }
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kith-doc-node-'));
  blobs = openBlobStore(join(dir, 'blobs'));
  owner = await createKithNode({ owner: OwnerKey.generate(), ...LOOPBACK, isBlocked: () => blocked });
  holder = await createKithNode({ owner: OwnerKey.generate(), ...LOOPBACK });
  served = new DocumentProtocol({
    node: owner,
    source: {
      authorize: async () => {
        if (!allowed) throw new KithError('NotTrusted', 'revoked');
        return { sha256: SHA, size: FILE.byteLength };
      },
      open: () => chunks(),
    },
    limits: { ...LIMITS, sendBufferBytes: 1024 * 1024, rate: { perSecond: 100, burst: 100 } },
  });
  await served.start();
  fetching = new DocumentProtocol({ node: holder, source: { authorize: () => Promise.reject(new KithError('NotFound', 'none')), open: () => chunks() }, limits: LIMITS });
});

after(async () => {
  await served.stop();
  await Promise.all([owner.stop(), holder.stop()]);
  await rm(dir, { recursive: true, force: true });
});

const sink = (body: AsyncIterable<Uint8Array[]>) => blobs.put(body, { expect: { sha256: SHA, size: FILE.byteLength } });
const isCode = (...codes: string[]) => (error: unknown) => error instanceof KithError && codes.includes(error.code);

async function eventually(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!check()) {
    if (performance.now() > deadline) assert.fail(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('a holder fetches the file over a real connection, byte for byte', async () => {
  const stored = await fetching.fetch(owner.multiaddrs()[0]!, TARGET, sink);
  assert.deepEqual(stored, { sha256: SHA, size: FILE.byteLength });
  const copy: Buffer[] = [];
  for await (const chunk of blobs.open(SHA)) copy.push(chunk as Buffer);
  assert.ok(Buffer.concat(copy).equals(FILE));
  await blobs.remove(SHA);
  await eventually(() => owner.status().openStreams === 0, 'the owner let go of the stream');
});

test('a holder that stops reading holds the owner to a bounded buffer, then is cut off after the idle window', async () => {
  yielded = 0;
  const stream = await holder.openStream(owner.peerId, DOCUMENT_PROTOCOL, { maxOutboundStreams: 4 });
  await writeFrame(stream, encodeJson(REQUEST), AbortSignal.timeout(2_000));
  await stream.close();
  // Reads the first 256 KiB (so the owner has seen the window open and drain), then stops:
  // yamux's window closes and the owner's queue stops draining.
  stream.maxReadBufferLength = 64 * 1024 * 1024;
  let received = 0;
  stream.addEventListener('message', (event) => {
    received += event.data.byteLength;
    if (received >= 256 * 1024 && stream.readStatus === 'readable') stream.pause();
  });
  const ended = new Promise<void>((resolve) => stream.addEventListener('close', () => resolve(), { once: true }));
  const started = performance.now();
  await ended;
  assert.ok(performance.now() - started < 5_000, 'cut off within a few idle windows');
  // What the holder read, what yamux's window let through before it stopped, the 1 MiB
  // send buffer, a chunk read ahead (3.25 MiB here): a few MiB, not the 24 MiB file.
  assert.ok(yielded <= 8 * 1024 * 1024, `the owner read ${yielded} bytes for a holder that read ${received}`);
  assert.ok(['reset', 'aborted'].includes(stream.status), `the owner reset it (${stream.status})`);
  await eventually(() => owner.status().openStreams === 0, 'the owner let go of the stream');
});

test('a revocation during a transfer cuts it off (recheck), and the holder keeps nothing', async () => {
  slowSource = true;
  let cut = 0;
  const fetched = fetching.fetch(owner.peerId, TARGET, sink, {
    onProgress: () => {
      if (allowed) {
        allowed = false;
        void served.recheck().then((n) => (cut = n));
      }
    },
  });
  await assert.rejects(fetched, isCode('Protocol'));
  assert.equal(cut, 1);
  assert.deepEqual(await blobs.list(), []);
  // And the next request is refused outright.
  await assert.rejects(fetching.fetch(owner.peerId, TARGET, sink), isCode('NotTrusted'));
  allowed = true;
  slowSource = false;
});

test('a blocked peer gets no document stream at all', async () => {
  blocked = true;
  try {
    await assert.rejects(fetching.fetch(owner.peerId, TARGET, sink), isCode('Protocol', 'Unreachable', 'NotTrusted'));
    assert.deepEqual(await blobs.list(), []);
  } finally {
    blocked = false;
  }
});

test('a holder whose disk is slower than the network pauses and resumes the stream many times, and stores the file whole', async () => {
  // A pause threshold below the 1 MiB batch the blob store is handed, and a disk that
  // stalls: a paused stream brings no more, so what is queued must be handed over anyway.
  const slowFetch = new DocumentProtocol({ node: holder, source: { authorize: () => Promise.reject(new KithError('NotFound', 'none')), open: () => chunks() }, limits: { ...LIMITS, pauseAboveBytes: 512 * 1024 } });
  // Fast at first, so that yamux's window grows large; then a 200 ms stall every 4 MiB.
  const slowDisk = async function* (body: AsyncIterable<Uint8Array[]>): AsyncGenerator<Uint8Array[]> {
    let written = 0;
    let stalls = 0;
    for await (const buffers of body) {
      written += buffers.reduce((sum, buffer) => sum + buffer.byteLength, 0);
      if (written > (stalls + 1) * 4 * 1024 * 1024) {
        stalls++;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      yield buffers;
    }
  };
  const stored = await slowFetch.fetch(owner.multiaddrs()[0]!, TARGET, (body) => sink(slowDisk(body)));
  assert.deepEqual(stored, { sha256: SHA, size: FILE.byteLength });
  await blobs.remove(SHA);
});
