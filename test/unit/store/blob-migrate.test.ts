// Encrypting a plain document store in place: all of it, idempotently, and after a run that
// stopped anywhere (after k documents, with a temp file or both copies left, killed -9 in a
// separate process) the next run finishes with every document intact.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, test } from 'node:test';
import { isKithError } from '../../../src/base/errors.ts';
import { type BlobInfo, type BlobStore, migrateBlobsToEncrypted, openBlobStore } from '../../../src/store/blobs.ts';

const C = 64 * 1024;
let dir: string;
let root: string;
let key: Buffer;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kith-migrate-'));
  root = join(dir, 'blobs');
  key = randomBytes(32);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const plainFile = (sha256: string) => join(root, sha256.slice(0, 2), sha256.slice(2));
const exists = (path: string) => stat(path).then(
  () => true,
  () => false,
);

async function sealedFiles(): Promise<string[]> {
  const entries = await readdir(join(root, 'sealed'), { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** A plain store holding documents of these sizes; returns their contents by hash. */
async function plainStore(sizes: readonly number[]): Promise<Map<string, Buffer>> {
  const plain = openBlobStore(root);
  const docs = new Map<string, Buffer>();
  for (const size of sizes) {
    const bytes = randomBytes(size);
    docs.set((await plain.put(Readable.from([bytes]))).sha256, bytes);
  }
  return docs;
}

/**
 * Every document can be read, checked, from what is on disk now, without changing it: from
 * its plain file if one is left and good (re-hashed), else from its sealed one (authenticated).
 */
async function assertAllReadable(docs: Map<string, Buffer>): Promise<void> {
  const plain = openBlobStore(root);
  const sealed = openBlobStore(root, { key });
  for (const [sha256, bytes] of docs) {
    const fromPlain = (await exists(plainFile(sha256))) ? await readAll(plain.open(sha256)).catch(() => undefined) : undefined;
    assert.deepEqual(fromPlain ?? (await readAll(sealed.open(sha256))), bytes, `${sha256} readable`);
  }
}

/** After a finished migration: only sealed files, no plain file or fan-out folder, no temp file. */
async function assertAllSealed(docs: Map<string, Buffer>): Promise<void> {
  const names = await readdir(root);
  assert.deepEqual(names.filter((name) => name !== 'sealed' && name !== 'tmp'), []);
  assert.deepEqual(await readdir(join(root, 'tmp')).catch(() => []), []);
  const sealed: BlobStore = openBlobStore(root, { key });
  const listed: BlobInfo[] = [...docs].map(([sha256, bytes]) => ({ sha256, size: bytes.length })).sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1));
  assert.deepEqual(await sealed.list(), listed);
  for (const [sha256, bytes] of docs) assert.deepEqual(await readAll(sealed.open(sha256)), bytes);
}

const SIZES = [0, 1, C, 3 * C + 7, 200_000, 1024 * 1024];

test('a plain store is encrypted whole; a second run has nothing to do', async () => {
  const docs = await plainStore(SIZES);
  assert.deepEqual(await migrateBlobsToEncrypted(root, key), { migrated: SIZES.length, cleaned: 0, corrupt: [] });
  await assertAllSealed(docs);
  assert.deepEqual(await migrateBlobsToEncrypted(root, key), { migrated: 0, cleaned: 0, corrupt: [] });
  await assertAllSealed(docs);
  // An empty or absent store is nothing to migrate.
  assert.deepEqual(await migrateBlobsToEncrypted(join(dir, 'none'), key), { migrated: 0, cleaned: 0, corrupt: [] });
});

test('a run stopped after k documents leaves all readable, and the next one finishes', async () => {
  const docs = await plainStore(SIZES);
  for (const k of [1, 3]) {
    let done = 0;
    const stop = new Error('stopped');
    await assert.rejects(
      migrateBlobsToEncrypted(root, key, {
        onDocument: () => {
          if (++done === k) throw stop;
        },
      }),
      (e: unknown) => e === stop,
    );
    await assertAllReadable(docs);
  }
  assert.deepEqual(await migrateBlobsToEncrypted(root, key), { migrated: SIZES.length - 1 - 3, cleaned: 0, corrupt: [] });
  await assertAllSealed(docs);
});

test('a temp file, both copies, a spoiled sealed or plain copy left by a crash: the next run finishes', async () => {
  const docs = await plainStore(SIZES);
  const [both, spoiledCopy, badPlain] = [...docs.keys()].filter((sha256) => docs.get(sha256)!.length > 0);
  // A good sealed copy beside a plain file spoiled since: the sealed one is kept.
  await openBlobStore(root, { key }).put(Readable.from([docs.get(badPlain!)!]));
  await mkdir(join(root, badPlain!.slice(0, 2)), { recursive: true });
  await writeFile(plainFile(badPlain!), 'spoiled');
  // Both copies: stopped after the rename, before the plain file was removed.
  const plainBytes = await readFile(plainFile(both!));
  await openBlobStore(root, { key }).put(Readable.from([docs.get(both!)!]));
  await mkdir(join(root, both!.slice(0, 2)), { recursive: true });
  await writeFile(plainFile(both!), plainBytes);
  // A sealed file that does not open beside its plain one: the plain one is the document.
  const before = new Set(await sealedFiles());
  await openBlobStore(root, { key }).put(Readable.from([docs.get(spoiledCopy!)!]));
  const [made] = (await sealedFiles()).filter((path) => !before.has(path));
  const sealedBytes = await readFile(made!);
  sealedBytes[sealedBytes.length - 1]! ^= 1;
  await writeFile(made!, sealedBytes);
  await mkdir(join(root, spoiledCopy!.slice(0, 2)), { recursive: true });
  await writeFile(plainFile(spoiledCopy!), docs.get(spoiledCopy!)!);
  // A temp file: stopped while sealing.
  await mkdir(join(root, 'tmp'), { recursive: true });
  await writeFile(join(root, 'tmp', 'a1b2c3'), 'half of a sealed file');
  await assertAllReadable(docs);
  assert.deepEqual(await migrateBlobsToEncrypted(root, key), { migrated: SIZES.length - 2, cleaned: 2, corrupt: [] });
  await assertAllSealed(docs);
});

test('a plain file that does not match its hash is reported and left as it was; the rest is migrated', async () => {
  const docs = await plainStore(SIZES);
  const [spoiled] = [...docs.keys()].filter((sha256) => docs.get(sha256)!.length > 0);
  await writeFile(plainFile(spoiled!), 'altered');
  const report = await migrateBlobsToEncrypted(root, key);
  assert.deepEqual(report, { migrated: SIZES.length - 1, cleaned: 0, corrupt: [spoiled] });
  assert.equal(await readFile(plainFile(spoiled!), 'utf8'), 'altered');
  const sealed = openBlobStore(root, { key });
  await assert.rejects(readAll(sealed.open(spoiled!)), (e: unknown) => isKithError(e) && e.code === 'Corrupt' && e.message.includes(spoiled!));
  docs.delete(spoiled!);
  for (const [sha256, bytes] of docs) assert.deepEqual(await readAll(sealed.open(sha256)), bytes);
});

test('a migration killed -9 at random points loses nothing, and the next run finishes', { timeout: 120_000 }, async () => {
  const sizes = Array.from({ length: 24 }, (_, i) => [0, 1, C - 1, C, 5 * C + 3, 300_000][i % 6]! + i);
  const docs = await plainStore(sizes);
  const child = new URL('./blob-migrate-child.ts', import.meta.url).pathname;
  const run = () => spawn(process.execPath, [child, root, key.toString('hex')], { stdio: ['ignore', 'pipe', 'inherit'] });
  let kills = 0;
  for (let attempt = 0; attempt < 8; attempt++) {
    const proc = run();
    let out = '';
    proc.stdout.on('data', (data: Buffer) => (out += data.toString()));
    while (!out.includes('started')) await once(proc.stdout, 'data');
    await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 60)));
    proc.kill('SIGKILL');
    const [code, signal] = (await once(proc, 'exit')) as [number | null, string | null];
    if (signal === 'SIGKILL') kills++;
    else assert.equal(code, 0, out);
    await assertAllReadable(docs);
  }
  assert.ok(kills > 0, 'at least one run was killed mid-way');
  const last = run();
  const [code] = (await once(last, 'exit')) as [number | null];
  assert.equal(code, 0);
  await assertAllSealed(docs);
  assert.deepEqual(await migrateBlobsToEncrypted(root, key), { migrated: 0, cleaned: 0, corrupt: [] });
});

test('the migrated folder holds neither the content nor its SHA-256', async () => {
  const secret = Buffer.from('KITH-DISTINCTIVE-MIGRATED Avenida da Liberdade 110\n'.repeat(3000));
  const { sha256 } = await openBlobStore(root).put(Readable.from([secret]));
  await migrateBlobsToEncrypted(root, key);
  const needles = [Buffer.from('KITH-DISTINCTIVE'), Buffer.from(sha256), Buffer.from(sha256, 'hex')];
  const entries = (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  assert.ok(entries.length > 0);
  for (const entry of entries) {
    const content = await readFile(join(entry.parentPath, entry.name));
    for (const needle of needles) assert.equal(content.indexOf(needle), -1);
    assert.ok(!join(entry.parentPath, entry.name).replaceAll('/', '').includes(sha256.slice(2, 18)));
  }
  assert.equal(createHash('sha256').update(await readAll(openBlobStore(root, { key }).open(sha256))).digest('hex'), sha256);
});

test('a migration beside a put in flight (another store instance) leaves its temp file alone', async () => {
  const docs = await plainStore([C + 1]);
  const sealed = openBlobStore(root, { key });
  const bytes = randomBytes(3 * C);
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  async function* slow(): AsyncGenerator<Uint8Array> {
    yield bytes.subarray(0, C + 5);
    await held; // the put's temp file exists now, half written
    yield bytes.subarray(C + 5);
  }
  const putting = sealed.put(slow());
  while ((await readdir(join(root, 'tmp')).catch(() => [])).length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.deepEqual(await migrateBlobsToEncrypted(root, key), { migrated: 1, cleaned: 0, corrupt: [] });
  release();
  const info = await putting;
  docs.set(info.sha256, bytes);
  await assertAllSealed(docs);
});
