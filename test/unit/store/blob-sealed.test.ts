// The encrypted document store on a real disk: round trips at the chunk edges, ranges,
// every kind of tampering refused (Corrupt, naming the document) before an altered byte is
// served, nothing readable left in the folder, plain files encrypted before they are served.
import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, test } from 'node:test';
import { isKithError } from '../../../src/base/errors.ts';
import { HEADER_BYTES } from '../../../src/store/blob-cipher.ts';
import { type BlobStore, openBlobStore } from '../../../src/store/blobs.ts';

const C = 64 * 1024; // the chunk size the store writes
const TAG = 16;
let dir: string;
let root: string;
let key: Uint8Array;
let blobs: BlobStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kith-sealed-'));
  root = join(dir, 'blobs');
  key = randomBytes(32);
  blobs = openBlobStore(root, { key });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** What a stream served before it failed, and how it failed. */
async function readUntilError(stream: AsyncIterable<unknown>): Promise<{ served: Buffer; error: unknown }> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  } catch (error) {
    return { served: Buffer.concat(chunks), error };
  }
  return { served: Buffer.concat(chunks), error: undefined };
}

async function filesUnder(path: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path, { withFileTypes: true }).catch(() => [])) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else out.push(full);
  }
  return out;
}

/** Irregular pieces, so that chunk edges fall inside them. */
function pieces(bytes: Buffer): Readable {
  const out: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = [1000, 100_000, 7, C][i % 4] ?? 1;
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return Readable.from(out);
}

test('round trips at every chunk edge, through open and readUnverified', async () => {
  const sizes = [0, 1, C - 1, C, C + 1, 2 * C, 5 * 1024 * 1024 + 3];
  const stored: string[] = [];
  for (const size of sizes) {
    const bytes = randomBytes(size);
    const info = await blobs.put(pieces(bytes));
    assert.deepEqual(info, { sha256: sha(bytes), size });
    assert.deepEqual(await readAll(blobs.open(info.sha256)), bytes, `open, ${size} bytes`);
    assert.deepEqual(await readAll(blobs.readUnverified(info.sha256, { chunkBytes: 1024 * 1024 })), bytes, `readUnverified, ${size} bytes`);
    assert.equal(await blobs.size(info.sha256), size);
    assert.equal(await blobs.has(info.sha256), true);
    stored.push(info.sha256);
  }
  assert.deepEqual(
    (await blobs.list()).map((b) => [b.sha256, b.size]),
    stored.map((s, i) => [s, sizes[i]]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );
  // The same content again: one file, no temp file left.
  const again = randomBytes(10);
  await blobs.put(Readable.from([again]));
  await blobs.put(Readable.from([again]));
  assert.equal((await filesUnder(join(root, 'sealed'))).length, sizes.length + 1);
  assert.deepEqual(await readdir(join(root, 'tmp')), []);
});

test('ranges at chunk edges serve exactly those bytes, and read only the chunks they need', async () => {
  const bytes = randomBytes(3 * C + 5);
  const { sha256 } = await blobs.put(pieces(bytes));
  const ranges: [number, number | undefined][] = [
    [0, 0],
    [C - 1, C],
    [C, 2 * C - 1],
    [2 * C - 1, 3 * C + 4],
    [3 * C + 4, 3 * C + 4],
    [5, 10 * C],
    [3 * C, undefined],
  ];
  for (const [start, end] of ranges) {
    const want = bytes.subarray(start, end === undefined ? undefined : end + 1);
    assert.deepEqual(await readAll(blobs.open(sha256, { start, end })), want, `open ${start}-${end}`);
    assert.deepEqual(await readAll(blobs.readUnverified(sha256, { start, end })), want, `readUnverified ${start}-${end}`);
  }
  assert.equal((await readAll(blobs.open(sha256, { start: 3 * C + 5 }))).length, 0);
  assert.throws(() => blobs.open(sha256, { start: -1 }), (e: unknown) => isKithError(e) && e.code === 'InvalidInput');
  assert.throws(() => blobs.open(sha256, { start: 10, end: 5 }), (e: unknown) => isKithError(e) && e.code === 'InvalidInput');
  // Spoil chunk 2: a range in chunks 0–1 never reads it, a read that reaches it fails.
  const [file] = await filesUnder(join(root, 'sealed'));
  const raw = await readFile(file!);
  raw[HEADER_BYTES + 2 * (C + TAG) + 100]! ^= 1;
  await writeFile(file!, raw);
  assert.deepEqual(await readAll(blobs.open(sha256, { start: 10, end: 2 * C - 1 })), bytes.subarray(10, 2 * C));
  await assert.rejects(readAll(blobs.open(sha256, { start: 2 * C - 1, end: 2 * C })), (e: unknown) => isKithError(e) && e.code === 'Corrupt');
});

test('every kind of tampering is refused as Corrupt, naming the document, before an altered byte is served', async () => {
  const bytes = randomBytes(3 * C + 100);
  const { sha256 } = await blobs.put(Readable.from([bytes]));
  const other = randomBytes(2 * C);
  const otherInfo = await blobs.put(Readable.from([other]));
  const files = await filesUnder(join(root, 'sealed'));
  const original = new Map(await Promise.all(files.map(async (f) => [f, await readFile(f)] as const)));
  const file = await (async () => {
    for (const f of files) if ((await stat(f)).size === HEADER_BYTES + bytes.length + 4 * TAG) return f;
    throw new Error('no file for the document');
  })();
  const pristine = original.get(file)!;
  const chunkAt = (i: number) => HEADER_BYTES + i * (C + TAG);
  const flip = (at: number) => {
    const copy = Buffer.from(pristine);
    copy[at]! ^= 0x01;
    return copy;
  };
  const swapChunks = () => {
    const copy = Buffer.from(pristine);
    pristine.copy(copy, chunkAt(0), chunkAt(1), chunkAt(2));
    pristine.copy(copy, chunkAt(1), chunkAt(0), chunkAt(1));
    return copy;
  };
  const cases: [string, () => Promise<void>][] = [
    ['magic', () => writeFile(file, flip(0))],
    ['version', () => writeFile(file, flip(4))],
    ['salt', () => writeFile(file, flip(20))],
    ['sealed header', () => writeFile(file, flip(50))],
    ['header tag', () => writeFile(file, flip(HEADER_BYTES - 1))],
    ['first chunk', () => writeFile(file, flip(chunkAt(0) + 5))],
    ['a middle chunk', () => writeFile(file, flip(chunkAt(1) + C - 1))],
    ['a chunk tag', () => writeFile(file, flip(chunkAt(1) + C + 3))],
    ['the last chunk', () => writeFile(file, flip(pristine.length - TAG - 1))],
    ['chunks reordered', () => writeFile(file, swapChunks())],
    ['cut by a byte', () => truncate(file, pristine.length - 1)],
    ['cut by the last chunk', () => truncate(file, chunkAt(3))],
    ['a chunk appended', () => writeFile(file, Buffer.concat([pristine, pristine.subarray(chunkAt(1), chunkAt(2))]))],
    ['another document under its name', () => writeFile(file, original.get(files.find((f) => f !== file)!)!)],
    ['emptied', () => writeFile(file, Buffer.alloc(0))],
  ];
  for (const [name, spoil] of cases) {
    await spoil();
    const reads: [() => AsyncIterable<unknown>, number][] = [
      [() => blobs.open(sha256), 0],
      [() => blobs.readUnverified(sha256), 0],
      [() => blobs.open(sha256, { start: C + 1, end: 3 * C + 50 }), C + 1],
    ];
    // A range from chunk 1 on never reads chunk 0: it is right not to see it spoiled.
    for (const [stream, base] of name === 'first chunk' ? reads.slice(0, 2) : reads) {
      const { served, error } = await readUntilError(stream());
      assert.ok(isKithError(error) && error.code === 'Corrupt', `${name}: ${String(error)}`);
      assert.ok(error.message.includes(sha256), `${name}: the error names the document`);
      // What was served before the failure is the document's own bytes, none altered.
      assert.deepEqual(served, bytes.subarray(base, base + served.length), `${name}: only authentic bytes were served`);
    }
    await writeFile(file, pristine);
  }
  assert.deepEqual(await readAll(blobs.open(sha256)), bytes);
  assert.deepEqual(await readAll(blobs.open(otherInfo.sha256)), other);
});

test('the folder holds neither the content, nor its SHA-256, in any file or name', async () => {
  const secret = Buffer.from('Rua das Flores 42, 4050-262 Porto — KITH-DISTINCTIVE-7f3a\n'.repeat(5000));
  const { sha256 } = await blobs.put(pieces(secret));
  const small = Buffer.from('KITH-DISTINCTIVE-7f3a small');
  const smallInfo = await blobs.put(Readable.from([small]));
  const needles = [Buffer.from('KITH-DISTINCTIVE'), Buffer.from('Rua das Flores'), Buffer.from(sha256, 'hex'), Buffer.from(sha256), Buffer.from(smallInfo.sha256, 'hex'), Buffer.from(smallInfo.sha256)];
  const files = await filesUnder(root);
  assert.ok(files.length >= 2);
  for (const file of files) {
    const content = await readFile(file);
    for (const needle of needles) assert.equal(content.indexOf(needle), -1, `${relative(root, file)} holds ${needle.toString('latin1').slice(0, 20)}`);
    const name = relative(root, file).replaceAll('/', '');
    for (const hash of [sha256, smallInfo.sha256]) assert.ok(!name.includes(hash.slice(0, 16)) && !name.includes(hash.slice(2, 18)), `${name} reveals a hash`);
  }
  // Another key finds nothing under these names.
  const stranger = openBlobStore(root, { key: randomBytes(32) });
  assert.equal(await stranger.has(sha256), false);
  assert.deepEqual(await stranger.list(), []);
  assert.throws(() => openBlobStore(root, { key: randomBytes(16) }), (e: unknown) => isKithError(e) && e.code === 'InvalidInput');
});

test('a plain file found in an encrypted store is encrypted before it is served; a spoiled one is refused and kept', async () => {
  const plain = openBlobStore(root);
  const bytes = randomBytes(C + 10);
  const { sha256 } = await plain.put(Readable.from([bytes]));
  const plainFile = join(root, sha256.slice(0, 2), sha256.slice(2));
  assert.equal(await blobs.has(sha256), true);
  assert.equal(await blobs.size(sha256), bytes.length);
  assert.deepEqual((await blobs.list()).map((b) => b.sha256), [sha256]);
  assert.deepEqual(await readAll(blobs.open(sha256)), bytes);
  await assert.rejects(stat(plainFile), { code: 'ENOENT' });
  await assert.rejects(stat(join(root, sha256.slice(0, 2))), { code: 'ENOENT' });
  assert.equal((await filesUnder(join(root, 'sealed'))).length, 1);
  assert.deepEqual(await readAll(blobs.open(sha256)), bytes);

  const spoiled = Buffer.from('the original contract');
  const spoiledInfo = await plain.put(Readable.from([spoiled]));
  const spoiledFile = join(root, spoiledInfo.sha256.slice(0, 2), spoiledInfo.sha256.slice(2));
  await writeFile(spoiledFile, 'the altered contract!');
  const { served, error } = await readUntilError(blobs.open(spoiledInfo.sha256));
  assert.ok(isKithError(error) && error.code === 'Corrupt' && error.message.includes(spoiledInfo.sha256), String(error));
  assert.equal(served.length, 0);
  assert.equal(await readFile(spoiledFile, 'utf8'), 'the altered contract!');
  // Fetched again (e.g. from the sender), it takes its place and the spoiled copy goes.
  await blobs.put(Readable.from([spoiled]), { expect: spoiledInfo });
  assert.deepEqual(await readAll(blobs.open(spoiledInfo.sha256)), spoiled);
  await assert.rejects(stat(spoiledFile), { code: 'ENOENT' });
  await blobs.remove(spoiledInfo.sha256);
  assert.equal(await blobs.has(spoiledInfo.sha256), false);
  await assert.rejects(readAll(blobs.open(spoiledInfo.sha256)), (e: unknown) => isKithError(e) && e.code === 'NotFound');
  await assert.rejects(blobs.size(spoiledInfo.sha256), (e: unknown) => isKithError(e) && e.code === 'NotFound');
});
