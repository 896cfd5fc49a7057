// /kith/document/1.0.0 over in-memory libp2p streams: the owner's serving pipeline
// (document-server.ts) and the holder's receiving one (document-client.ts) into a real
// blob store. Every refusal keeps nothing in the store, answers a stable code only, and
// ends the stream.
import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import type { Stream } from '@libp2p/interface';
import { streamPair } from '@libp2p/utils';
import { KithError } from '../../../src/base/errors.ts';
import { receiveDocument, type DocumentTarget } from '../../../src/net/protocols/document/document-client.ts';
import { serveDocument, Transfers, type DocumentServer, type DocumentSource } from '../../../src/net/protocols/document/document-server.ts';
import { resolveDocumentLimits, type DocumentLimits } from '../../../src/net/protocols/document/document-wire.ts';
import { frameReader, writeFrame } from '../../../src/net/protocols/framing.ts';
import { PeerRateLimiter } from '../../../src/net/protocols/token-bucket.ts';
import { encodeFrame } from '../../../src/net/protocols/varint.ts';
import { encodeJson, errorAnswer, resultAnswer } from '../../../src/net/protocols/wire.ts';
import { openBlobStore, type BlobStore } from '../../../src/store/blobs.ts';

const PEER = '12D3KooWHolderUnderTest';
const FILE = randomBytes(3 * 1024 * 1024 + 12_345);
const SHA = createHash('sha256').update(FILE).digest('hex');
const REQUEST = { grant: 'g0123456789abcdef', record: 'doc0000000001', sha256: SHA };
const TARGET: DocumentTarget = { request: REQUEST, size: FILE.byteLength };
// Small windows so the tests are quick, and a small pause threshold so pause/resume runs.
const LIMITS = resolveDocumentLimits({ idleTimeoutMs: 400, minBytesPerWindow: 1024, requestTimeoutMs: 400, headerTimeoutMs: 1_000, chunkBytes: 64 * 1024, pauseAboveBytes: 256 * 1024 });

let dir: string;
let blobs: BlobStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kith-doc-proto-'));
  blobs = openBlobStore(join(dir, 'blobs'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function* chunksOf(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += size) yield bytes.subarray(offset, offset + size);
}

function source(overrides: Partial<DocumentSource> = {}): DocumentSource {
  return { authorize: async () => ({ sha256: SHA, size: FILE.byteLength }), open: () => chunksOf(FILE), ...overrides };
}

function server(src: DocumentSource = source(), limits: Partial<DocumentLimits> = {}): DocumentServer {
  const resolved = resolveDocumentLimits({ ...LIMITS, ...limits });
  return { source: src, limits: resolved, limiter: new PeerRateLimiter(resolved.rate), transfers: new Transfers() };
}

const sink = (body: AsyncIterable<Uint8Array[]>) => blobs.put(body, { expect: { sha256: SHA, size: FILE.byteLength } });
const receive = (stream: Stream, target = TARGET, signal?: AbortSignal) => receiveDocument(stream, target, sink, { limits: LIMITS, ...(signal === undefined ? {} : { signal }) });
const isCode = (code: string) => (error: unknown) => error instanceof KithError && error.code === code;

function assertEnded(...streams: Stream[]): void {
  for (const stream of streams) assert.ok(['closed', 'aborted', 'reset'].includes(stream.status), `stream left ${stream.status}`);
}

/** Nothing of a refused transfer is left: no document, no temp file. */
async function assertNothingKept(): Promise<void> {
  assert.deepEqual(await blobs.list(), []);
  assert.deepEqual(await readdir(join(dir, 'blobs', 'tmp')).catch(() => []), []);
}

/** A hostile owner: reads the request, then does `act` with the raw stream. */
async function hostileOwner(act: (stream: Stream) => Promise<void>): Promise<{ client: Stream; done: Promise<void> }> {
  const [client, owner] = await streamPair();
  const reader = frameReader(owner, 1024);
  const done = (async () => {
    await reader.read(AbortSignal.timeout(2_000));
    await act(owner);
  })();
  return { client, done: done.catch(() => undefined) };
}

test('a granted file streams into the blob store byte for byte, and both streams end', async () => {
  const [client, owner] = await streamPair();
  const served = serveDocument(server(), owner, PEER);
  let progress = 0;
  const stored = await receiveDocument(client, TARGET, sink, { limits: LIMITS, onProgress: (received) => (progress = received) });
  await served;
  assert.deepEqual(stored, { sha256: SHA, size: FILE.byteLength });
  assert.equal(progress, FILE.byteLength);
  const copy: Buffer[] = [];
  for await (const chunk of blobs.open(SHA)) copy.push(chunk as Buffer);
  assert.ok(Buffer.concat(copy).equals(FILE));
  assertEnded(client, owner);
});

test('bytes that do not hash to the promised SHA-256 are refused (Corrupt) and nothing is kept', async () => {
  const other = Buffer.from(FILE);
  other[other.length - 1] = (other[other.length - 1] ?? 0) ^ 1;
  const [client, owner] = await streamPair();
  const served = serveDocument(server(source({ open: () => chunksOf(other) })), owner, PEER);
  await assert.rejects(receive(client), isCode('Corrupt'));
  await served;
  await assertNothingKept();
  assertEnded(client, owner);
});

test('more bytes than the record promised are refused at the first extra byte', async () => {
  const { client, done } = await hostileOwner(async (owner) => {
    await writeFrame(owner, resultAnswer({ size: FILE.byteLength }), AbortSignal.timeout(1_000));
    for await (const chunk of chunksOf(Buffer.concat([FILE, randomBytes(100)]))) if (!owner.send(chunk)) await owner.onDrain();
    await owner.close();
  });
  await assert.rejects(receive(client), isCode('Protocol'));
  await done;
  await assertNothingKept();
  assertEnded(client);
});

test('an answer announcing another size than the signed record is refused before any body', async () => {
  const { client, done } = await hostileOwner(async (owner) => {
    await writeFrame(owner, resultAnswer({ size: FILE.byteLength + 1 }), AbortSignal.timeout(1_000));
  });
  await assert.rejects(receive(client), isCode('Protocol'));
  await done;
  await assertNothingKept();
});

test('an endless or oversized answer prefix is cut off', async () => {
  const endless = await hostileOwner(async (owner) => {
    owner.send(new Uint8Array(64).fill(0xff));
  });
  await assert.rejects(receive(endless.client), isCode('Protocol'));
  await endless.done;
  const oversized = await hostileOwner(async (owner) => {
    owner.send(encodeFrame(new Uint8Array(10_000)));
  });
  await assert.rejects(receive(oversized.client), isCode('Protocol'));
  await oversized.done;
  await assertNothingKept();
});

test('a body cut short — closed early or reset — keeps nothing', async () => {
  const closed = await hostileOwner(async (owner) => {
    await writeFrame(owner, resultAnswer({ size: FILE.byteLength }), AbortSignal.timeout(1_000));
    for await (const chunk of chunksOf(FILE.subarray(0, FILE.byteLength / 2))) if (!owner.send(chunk)) await owner.onDrain();
    await owner.close();
  });
  await assert.rejects(receive(closed.client), isCode('Corrupt'));
  await closed.done;
  const reset = await hostileOwner(async (owner) => {
    await writeFrame(owner, resultAnswer({ size: FILE.byteLength }), AbortSignal.timeout(1_000));
    owner.send(FILE.subarray(0, 100_000));
    await new Promise((resolve) => setTimeout(resolve, 50));
    owner.abort(new Error('gone'));
  });
  await assert.rejects(receive(reset.client), isCode('Protocol'));
  await reset.done;
  await assertNothingKept();
  assertEnded(closed.client, reset.client);
});

test('an owner that stalls, or trickles bytes, is cut off by the idle window (not a total deadline)', async () => {
  for (const act of [
    async (owner: Stream) => {
      owner.send(FILE.subarray(0, 5_000));
    },
    async (owner: Stream) => {
      for (let i = 0; i < 40 && owner.writeStatus === 'writable'; i++) {
        owner.send(FILE.subarray(5_000 + i * 10, 5_010 + i * 10));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  ]) {
    const { client, done } = await hostileOwner(async (owner) => {
      await writeFrame(owner, resultAnswer({ size: FILE.byteLength }), AbortSignal.timeout(1_000));
      await act(owner);
    });
    const started = performance.now();
    await assert.rejects(receive(client), isCode('Timeout'));
    // Two windows at most (400 ms each here); a total deadline would have waited for the file.
    assert.ok(performance.now() - started < 2_000, `cut off after ${performance.now() - started} ms`);
    await done;
    assertEnded(client);
  }
  await assertNothingKept();
});

test('a stranger, a revoked grant or a wrong hash get the stable code, and no byte of the file', async () => {
  for (const code of ['NotTrusted', 'NotFound'] as const) {
    const [client, owner] = await streamPair();
    let opened = false;
    const src = source({
      authorize: () => Promise.reject(new KithError(code, 'secret detail about grant g0123')),
      open: () => {
        opened = true;
        return chunksOf(FILE);
      },
    });
    const served = serveDocument(server(src), owner, PEER);
    await assert.rejects(receive(client), (error) => isCode(code)(error) && !String((error as Error).message).includes('secret'));
    await served;
    assert.equal(opened, false);
    assertEnded(client, owner);
  }
  await assertNothingKept();
});

test('an internal failure is answered with the code alone', async () => {
  const [client, owner] = await streamPair();
  const served = serveDocument(server(source({ authorize: () => Promise.reject(new Error('/home/owner/.kith: ENOENT')) })), owner, PEER);
  const answer = frameReader(client, 1024);
  await writeFrame(client, encodeJson(REQUEST), AbortSignal.timeout(1_000));
  await client.close();
  assert.deepEqual(JSON.parse(new TextDecoder().decode(await answer.read(AbortSignal.timeout(1_000)))), { error: { code: 'Internal' } });
  await served;
  assertEnded(owner);
});

/** The owner's answer to a raw request body (or to none at all). */
async function rawAnswer(body: Uint8Array | undefined, srv = server(), peer = PEER): Promise<unknown> {
  const [client, owner] = await streamPair();
  const served = serveDocument(srv, owner, peer);
  const answer = frameReader(client, 1024);
  if (body !== undefined) {
    client.send(body);
    await client.close();
  }
  const decoded = JSON.parse(new TextDecoder().decode(await answer.read(AbortSignal.timeout(2_000)))) as unknown;
  await served;
  assertEnded(owner);
  return decoded;
}

test('malformed, oversized and missing requests are answered with a code', async () => {
  assert.deepEqual(await rawAnswer(encodeFrame(encodeJson({ ...REQUEST, sha256: 'nope' }))), { error: { code: 'InvalidInput' } });
  assert.deepEqual(await rawAnswer(encodeFrame(encodeJson({ ...REQUEST, extra: 1 }))), { error: { code: 'InvalidInput' } });
  assert.deepEqual(await rawAnswer(encodeFrame(new TextEncoder().encode('{"grant":'))), { error: { code: 'InvalidInput' } });
  assert.deepEqual(await rawAnswer(undefined), { error: { code: 'Timeout' } });
  // Larger than a request may be: cut off at once, without reading it all.
  const [client, owner] = await streamPair();
  const served = serveDocument(server(), owner, PEER);
  client.send(encodeFrame(new Uint8Array(4096)));
  await assert.rejects(frameReader(client, 1024).read(AbortSignal.timeout(2_000)));
  await served;
  assertEnded(client, owner);
});

test('each peer is rate limited, and may run only so many transfers at once, as may all together', async () => {
  const limited = server(source(), { rate: { perSecond: 0.001, burst: 1 } });
  assert.deepEqual(await rawAnswer(encodeFrame(encodeJson({ ...REQUEST, sha256: 'nope' })), limited), { error: { code: 'InvalidInput' } });
  assert.deepEqual(await rawAnswer(encodeFrame(encodeJson(REQUEST)), limited), { error: { code: 'RateLimited' } });

  // One transfer held open (the holder never sends its request) fills a cap of one.
  const capped = server(source(), { maxConcurrentPerPeer: 1, requestTimeoutMs: 2_000 });
  const [heldClient, heldOwner] = await streamPair();
  const held = serveDocument(capped, heldOwner, PEER);
  assert.deepEqual(await rawAnswer(encodeFrame(encodeJson(REQUEST)), capped), { error: { code: 'RateLimited' } });
  heldClient.abort(new Error('done'));
  await held;
  assert.deepEqual(capped.transfers.list(), []);

  // And all peers together only so many.
  const full = server(source(), { maxConcurrent: 1, requestTimeoutMs: 2_000 });
  const [otherClient, otherOwner] = await streamPair();
  const other = serveDocument(full, otherOwner, '12D3KooWAnotherHolder');
  assert.deepEqual(await rawAnswer(encodeFrame(encodeJson(REQUEST)), full), { error: { code: 'RateLimited' } });
  otherClient.abort(new Error('done'));
  await other;
});

test('a transfer in progress stops when the owner withdraws it (a revoked grant), and nothing is kept', async () => {
  const srv = server();
  const [client, owner] = await streamPair();
  // Slow the source so the transfer is still running when it is withdrawn.
  const slow = async function* (): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunksOf(FILE)) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      yield chunk;
    }
  };
  srv.source.open = slow;
  const served = serveDocument(srv, owner, PEER);
  const received = receiveDocument(client, TARGET, sink, { limits: LIMITS, onProgress: () => srv.transfers.list()[0]?.controller.abort(new KithError('NotTrusted', 'revoked')) });
  await assert.rejects(received, isCode('Protocol'));
  await served;
  await assertNothingKept();
  assertEnded(client, owner);
});

test('the holder cancelling keeps nothing and ends the stream', async () => {
  const [client, owner] = await streamPair();
  const served = serveDocument(server(), owner, PEER);
  const cancel = new AbortController();
  const received = receiveDocument(client, TARGET, sink, { limits: LIMITS, signal: cancel.signal, onProgress: () => cancel.abort() });
  await assert.rejects(received, isCode('Aborted'));
  await served;
  await assertNothingKept();
  assertEnded(client, owner);
});

test('an error answer from the owner reaches the holder as its code', async () => {
  const { client, done } = await hostileOwner(async (owner) => {
    await writeFrame(owner, errorAnswer('RateLimited'), AbortSignal.timeout(1_000));
    await owner.close();
  });
  await assert.rejects(receive(client), isCode('RateLimited'));
  await done;
});

test('a decision that takes too long is answered Timeout', async () => {
  const [client, owner] = await streamPair();
  const served = serveDocument(server(source({ authorize: () => new Promise(() => undefined) }), { authorizeTimeoutMs: 200 }), owner, PEER);
  await assert.rejects(receive(client), isCode('Timeout'));
  await served;
  assertEnded(client, owner);
});
