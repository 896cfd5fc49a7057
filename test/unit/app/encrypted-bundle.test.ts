// The encrypted bundle container on its own (no locker): sizes around the chunk size,
// streaming, and every way the file can be wrong. Cheap scrypt parameters keep it fast.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import {
  ENCRYPTED_HEADER_BYTES,
  isEncryptedBundle,
  openEncryptedBundle,
  writeEncryptedBundle,
} from '../../../src/app/bundle/encrypted-bundle.ts';
import { isKithError } from '../../../src/base/errors.ts';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const CHUNK = 64 * 1024;
const PASS = 'a bundle passphrase';

async function folder(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kith-encbundle-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function* pieces(data: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

async function readAll(path: string, passphrase: string | undefined): Promise<{ data: Buffer; largest: number }> {
  const opened = await openEncryptedBundle(path, passphrase);
  const chunks: Buffer[] = [];
  let largest = 0;
  for await (const chunk of opened.stream()) {
    chunks.push(chunk as Buffer);
    largest = Math.max(largest, (chunk as Buffer).length);
  }
  return { data: Buffer.concat(chunks), largest };
}

/** The error code (and message) a read gives, or 'ok'; `null`: no passphrase. */
async function outcome(path: string, passphrase: string | null = PASS): Promise<string> {
  try {
    await readAll(path, passphrase ?? undefined);
    return 'ok';
  } catch (error) {
    if (!isKithError(error)) throw error;
    return `${error.code}: ${error.message}`;
  }
}

/** Rewrites the header's checksum, as someone crafting a header would. */
function fixChecksum(bytes: Buffer): void {
  createHash('sha256').update(bytes.subarray(0, ENCRYPTED_HEADER_BYTES - 32)).digest().copy(bytes, ENCRYPTED_HEADER_BYTES - 32);
}

test('round trip at sizes around the chunk size, from source pieces of any size, streamed in chunks', async (t) => {
  const dir = await folder(t);
  for (const size of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17, 40 * CHUNK + 5]) {
    const data = randomBytes(size);
    const path = join(dir, `b-${size}`);
    await writeEncryptedBundle(path, PASS, pieces(data, 10_000), { scrypt: CHEAP });
    assert.equal(await isEncryptedBundle(path), true);
    const back = await readAll(path, PASS);
    assert.ok(back.data.equals(data), `size ${size}`);
    assert.ok(back.largest <= CHUNK, 'never more than a chunk at a time');
    if (size > 64) assert.equal((await readFile(path)).indexOf(data.subarray(0, 64)), -1, 'no plaintext in the file');
  }
  const plain = join(dir, 'plain');
  await writeFile(plain, 'KITH');
  assert.equal(await isEncryptedBundle(plain), false, 'shorter than the magic');
});

test('a wrong or missing passphrase is WrongPassphrase; the same passphrase in another Unicode form opens it', async (t) => {
  const dir = await folder(t);
  const path = join(dir, 'b');
  await writeEncryptedBundle(path, 'caf\u00e9 olé', pieces(randomBytes(1000), 1000), { scrypt: CHEAP });
  assert.match(await outcome(path, 'cafe ole'), /^WrongPassphrase: The passphrase does not open/);
  assert.match(await outcome(path, null), /^WrongPassphrase: This bundle is encrypted: its passphrase is needed/);
  assert.equal(await outcome(path, 'cafe\u0301 olé'), 'ok', 'NFKC: a decomposed é is the same passphrase');
});

test('cut, extended, flipped and crafted files are refused with Corrupt or Unsupported, naming what is wrong', async (t) => {
  const dir = await folder(t);
  const good = join(dir, 'good');
  await writeEncryptedBundle(good, PASS, pieces(randomBytes(3 * CHUNK), CHUNK), { scrypt: CHEAP });
  const original = await readFile(good);
  const variant = async (name: string, edit: (bytes: Buffer) => Buffer): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, edit(Buffer.from(original)));
    return outcome(path);
  };
  const flip = (at: number) => (bytes: Buffer) => {
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    return bytes;
  };
  assert.match(await variant('cut-body', (b) => b.subarray(0, b.length - 100)), /^Corrupt: .*it is cut short/);
  assert.match(await variant('cut-last-byte', (b) => b.subarray(0, b.length - 1)), /^Corrupt: .*cut short/);
  assert.match(await variant('cut-header', (b) => b.subarray(0, 100)), /^Corrupt: .*cut short inside its header/);
  assert.match(await variant('extended', (b) => Buffer.concat([b, Buffer.from('x')])), /^Corrupt: .*bytes were added/);
  assert.match(await variant('flip-chunk-0', flip(ENCRYPTED_HEADER_BYTES + 5)), /^Corrupt: .*chunk 0 does not verify/);
  assert.match(await variant('flip-chunk-2', flip(ENCRYPTED_HEADER_BYTES + 2 * (CHUNK + 16) + 9)), /^Corrupt: .*chunk 2 does not verify/);
  assert.match(await variant('flip-final-tag', flip(original.length - 1)), /^Corrupt: .*chunk 3 does not verify/);
  for (const at of [9, 20, 60, 150]) assert.match(await variant(`flip-header-${at}`, flip(at)), /^Corrupt: .*does not match its checksum/, `header byte ${at}`);
  // Someone who also fixes the checksum gets nothing either: every header field is bound to the key.
  assert.match(
    await variant('crafted-salt', (b) => {
      flip(20)(b);
      fixChecksum(b);
      return b;
    }),
    /^WrongPassphrase/,
  );
  // Chunks swapped in place: each is bound to its index.
  assert.match(
    await variant('swapped', (b) => {
      const at = ENCRYPTED_HEADER_BYTES;
      const size = CHUNK + 16;
      const first = Buffer.from(b.subarray(at, at + size));
      b.copy(b, at, at + size, at + 2 * size);
      first.copy(b, at + size);
      return b;
    }),
    /^Corrupt: .*chunk 0 does not verify/,
  );
  assert.match(await variant('version-2', flip(8)), /^Unsupported: This encrypted bundle has format version 0/);
  assert.match(
    await variant('version-2b', (b) => {
      b[8] = 2;
      return b;
    }),
    /^Unsupported: .*format version 2; this Kith reads version 1/,
  );
});

test('absurd key derivation parameters are refused before scrypt runs', async (t) => {
  const dir = await folder(t);
  const good = join(dir, 'good');
  await writeEncryptedBundle(good, PASS, pieces(randomBytes(100), 100), { scrypt: CHEAP });
  const original = await readFile(good);
  // log2 N, r, p at bytes 10..12. 2^30 * 8 * 128 bytes = 1 TiB: scrypt itself would fail
  // (Internal) or exhaust memory; the bound answers Corrupt without trying.
  for (const [label, log2N, r, p] of [
    ['N = 2^30', 30, 8, 1],
    ['N = 2^255', 255, 8, 1],
    ['N = 2^20, r = 32, p = 16', 20, 32, 16],
    ['r = 0', 14, 0, 1],
    ['N = 2^3', 3, 8, 1],
  ] as const) {
    const bytes = Buffer.from(original);
    bytes[10] = log2N;
    bytes[11] = r;
    bytes[12] = p;
    fixChecksum(bytes);
    const path = join(dir, label);
    await writeFile(path, bytes);
    assert.match(await outcome(path), /^Corrupt: The encrypted bundle asks for key derivation parameters Kith does not accept/, label);
  }
  await assert.rejects(writeEncryptedBundle(join(dir, 'x'), PASS, pieces(Buffer.alloc(1), 1), { scrypt: { N: 2 ** 21, r: 8, p: 1 } }), /out of bounds/);
  await truncate(good, 0);
  assert.equal(await isEncryptedBundle(good), false);
});
