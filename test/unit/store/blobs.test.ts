// The document store, plain and encrypted: streamed, content-addressed, verified on read,
// constant memory. (Encryption's own cases: blob-sealed.test.ts, blob-migrate.test.ts.)
import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, beforeEach, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isKithError } from '../../../src/base/errors.ts';
import { type BlobStore, openBlobStore } from '../../../src/store/blobs.ts';

let dir: string;
let blobs: BlobStore;
let encrypted: BlobStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kith-blobs-'));
  blobs = openBlobStore(join(dir, 'blobs'));
  encrypted = openBlobStore(join(dir, 'sealed-blobs'), { key: randomBytes(32) });
});

/** The cases every store must pass, run against the plain and the encrypted one. */
const modes: [string, () => BlobStore, string][] = [
  ['plain', () => blobs, 'blobs'],
  ['encrypted', () => encrypted, 'sealed-blobs'],
];

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

for (const [mode, store, folder] of modes) {
  test(`round trip, dedupe, has/size/list (${mode})`, async () => {
    const blobs = store();
    const bytes = Buffer.from('a document\n'.repeat(1000));
    const info = await blobs.put(Readable.from([bytes.subarray(0, 100), bytes.subarray(100)]));
    assert.deepEqual(info, { sha256: sha(bytes), size: bytes.length });
    assert.deepEqual(await readAll(blobs.open(info.sha256)), bytes);
    assert.equal(await blobs.has(info.sha256), true);
    assert.equal(await blobs.size(info.sha256), bytes.length);
    // Same content again: same address, one file, no temp file left behind.
    const file = join(dir, 'source.txt');
    await writeFile(file, bytes);
    assert.deepEqual(await blobs.put(createReadStream(file)), info);
    const empty = await blobs.put((async function* () {})());
    assert.equal(empty.size, 0);
    assert.deepEqual((await blobs.list()).map((b) => b.sha256).sort(), [info.sha256, empty.sha256].sort());
    assert.deepEqual(await readdir(join(dir, folder, 'tmp')), []);
  });
}

for (const [mode, store, folder] of modes) {
  test(`absent, malformed and oversized documents (${mode})`, async () => {
    const blobs = store();
    const absent = 'ab'.repeat(32);
    assert.equal(await blobs.has(absent), false);
    await assert.rejects(blobs.size(absent), (e: unknown) => isKithError(e) && e.code === 'NotFound');
    await assert.rejects(readAll(blobs.open(absent)), (e: unknown) => isKithError(e) && e.code === 'NotFound');
    assert.throws(() => blobs.open('../../etc/passwd'), (e: unknown) => isKithError(e) && e.code === 'InvalidInput');
    await assert.rejects(blobs.put(Readable.from([Buffer.alloc(2000)]), { maxBytes: 1000 }), (e: unknown) => isKithError(e) && e.code === 'InvalidInput');
    assert.deepEqual(await blobs.list(), []);
    assert.deepEqual(await readdir(join(dir, folder, 'tmp')), []);
  });
}

test('a document altered on disk fails its read', async () => {
  const bytes = Buffer.from('the original contract');
  const { sha256 } = await blobs.put(Readable.from([bytes]));
  await writeFile(join(dir, 'blobs', sha256.slice(0, 2), sha256.slice(2)), 'the altered contract!');
  await assert.rejects(readAll(blobs.open(sha256)), (e: unknown) => isKithError(e) && e.code === 'Corrupt');
  await assert.rejects(pipeline(blobs.open(sha256), new Writable({ write: (_c, _e, done) => done() })), (e: unknown) => isKithError(e) && e.code === 'Corrupt');
});

// V8 frees the Buffers of a stream lazily (tens of MiB of garbage can wait for a GC), so
// the sampler collects before it measures: what is left is what the store really holds.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

for (const [mode, store] of modes) {
  test(`a document larger than 64 MiB streams through in little memory (${mode})`, async () => {
    const blobs = store();
    const CHUNK = 1024 * 1024;
    const TOTAL = 96 * CHUNK;
    const expected = createHash('sha256');
    // One reused chunk: put() finishes writing a chunk before it pulls the next.
    const chunk = Buffer.alloc(CHUNK);
    async function* generate() {
      for (let i = 0; i < TOTAL / CHUNK; i++) {
        chunk.fill(i % 251);
        chunk.writeUInt32BE(i, 0);
        expected.update(chunk);
        yield chunk;
      }
    }
    collect();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      collect();
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    try {
      const info = await blobs.put(generate());
      assert.equal(info.size, TOTAL);
      assert.equal(info.sha256, expected.digest('hex'));
      let read = 0;
      await pipeline(blobs.open(info.sha256), new Writable({ write: (data: Buffer, _e, done) => ((read += data.length), done()) }));
      assert.equal(read, TOTAL);
    } finally {
      clearInterval(sampler);
    }
    const delta = peak - before;
    assert.ok(delta < 24 * CHUNK, `rss grew by ${Math.round(delta / CHUNK)} MiB for a ${TOTAL / CHUNK} MiB document`);
  });
}

for (const [mode, store, folder] of modes) {
  test(`a put that expects a file refuses other bytes before they take a name; remove deletes (${mode})`, async () => {
    const blobs = store();
    const bytes = Buffer.from('the promised document');
    const expect = { sha256: sha(bytes), size: bytes.length };
    await assert.rejects(blobs.put(Readable.from([Buffer.from('another document!!!!!')]), { expect }), (e: unknown) => isKithError(e) && e.code === 'Corrupt');
    await assert.rejects(blobs.put(Readable.from([bytes, Buffer.from('+')]), { expect }), (e: unknown) => isKithError(e) && e.code === 'InvalidInput');
    await assert.rejects(blobs.put(Readable.from([bytes.subarray(1)]), { expect }), (e: unknown) => isKithError(e) && e.code === 'Corrupt');
    assert.deepEqual(await blobs.list(), []);
    assert.deepEqual(await readdir(join(dir, folder, 'tmp')), []);
    assert.deepEqual(await blobs.put(Readable.from([bytes]), { expect }), expect);
    await blobs.remove(expect.sha256);
    assert.equal(await blobs.has(expect.sha256), false);
    await blobs.remove(expect.sha256); // absent: nothing to do
  });
}
