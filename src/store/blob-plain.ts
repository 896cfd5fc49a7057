// The plain document store (a locker not yet encrypted, and the benchmarks' baseline): one
// file per SHA-256 under `<root>/<first 2 hex>/<other 62 hex>`, the bytes as they are;
// `open` re-hashes while reading and fails the stream at the end if the file no longer
// matches.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { KithError } from '../base/errors.ts';
import { checkHash, checkRange, fanOut, HASH, noDocument, openExisting, readAt, removeIfEmpty, sizeOf, tempArea } from './blob-files.ts';
import { putBlob, type BlobEncoding } from './blob-put.ts';
import type { BlobInfo, BlobSource, BlobStore, PutOptions, ReadOptions } from './blobs.ts';

export function plainPath(root: string, sha256: string): string {
  return fanOut(root, sha256);
}

async function fanOutFolders(root: string): Promise<string[]> {
  try {
    return (await readdir(root)).filter((name) => /^[0-9a-f]{2}$/.test(name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Removes the plain fan-out folders left empty (a run stopped between a file and its folder). */
export async function removeEmptyFolders(root: string): Promise<void> {
  for (const prefix of await fanOutFolders(root)) await removeIfEmpty(join(root, prefix));
}

/** Every plain document file under `root`, by name (not read). */
export async function listPlain(root: string): Promise<BlobInfo[]> {
  const out: BlobInfo[] = [];
  for (const prefix of await fanOutFolders(root)) {
    for (const rest of (await readdir(join(root, prefix))).sort()) {
      const sha256 = prefix + rest;
      if (!HASH.test(sha256)) continue;
      const found = await sizeOf(join(root, prefix, rest));
      if (found !== undefined) out.push({ sha256, size: found });
    }
  }
  return out;
}

/** Verifies the whole file while streaming only the range asked for (a hash covers all or nothing). */
export function openPlain(root: string, sha256: string, options: ReadOptions = {}): Readable {
  checkHash(sha256);
  checkRange(options);
  const first = options.start ?? 0;
  const last = options.end ?? Infinity;
  const hash = createHash('sha256');
  let at = 0;
  const verify = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      const base = at;
      at += chunk.byteLength;
      if (base >= first && at - 1 <= last) done(null, chunk);
      else {
        const part = chunk.subarray(Math.max(0, first - base), Math.max(0, Math.min(chunk.byteLength, last + 1 - base)));
        done(null, part.byteLength > 0 ? part : undefined);
      }
    },
    flush(done) {
      if (hash.digest('hex') === sha256) done();
      else {
        done(
          new KithError('Corrupt', `The stored document ${sha256} does not match its hash: it was altered on disk.`, {
            hint: 'Restore the document from a backup or ask the sender for it again.',
          }),
        );
      }
    },
  });
  const file = createReadStream(plainPath(root, sha256), options.chunkBytes === undefined ? undefined : { highWaterMark: options.chunkBytes });
  file.on('error', (error: NodeJS.ErrnoException) => {
    verify.destroy(error.code === 'ENOENT' ? noDocument() : error);
  });
  return file.pipe(verify);
}

export async function* readPlainUnverified(root: string, sha256: string, options: ReadOptions = {}): AsyncGenerator<Uint8Array> {
  checkHash(sha256);
  checkRange(options);
  const chunkBytes = options.chunkBytes ?? 64 * 1024;
  const handle = await openExisting(plainPath(root, sha256));
  let position = options.start ?? 0;
  const end = options.end === undefined ? Infinity : options.end + 1;
  const readChunk = async (): Promise<Uint8Array | undefined> => {
    const want = Math.min(chunkBytes, end - position);
    if (want <= 0) return undefined;
    const buffer = Buffer.allocUnsafeSlow(want);
    const bytesRead = await readAt(handle, buffer, want, position);
    position += bytesRead;
    return bytesRead === 0 ? undefined : buffer.subarray(0, bytesRead);
  };
  // The read ahead may fail while the consumer is busy: handled here, thrown at its await.
  const ahead = (): Promise<Uint8Array | undefined> => {
    const read = readChunk();
    read.catch(() => undefined);
    return read;
  };
  let next = ahead();
  try {
    for (;;) {
      const chunk = await next;
      if (chunk === undefined) return;
      next = ahead();
      yield chunk;
    }
  } finally {
    await next.catch(() => undefined);
    await handle.close();
  }
}

/** The bytes are written as they come, straight from the source's buffers. */
function plainEncoding(root: string): BlobEncoding {
  return {
    copies: false,
    encode: (buffers) => buffers,
    end: () => [],
    finish: async () => undefined,
    path: (sha256) => plainPath(root, sha256),
  };
}

export function openPlainStore(root: string): BlobStore {
  const temp = tempArea(root);
  const encoding = plainEncoding(root);
  return {
    root,
    put: (source: BlobSource, options?: PutOptions) => putBlob(temp, encoding, source, options),
    open: (sha256, options) => openPlain(root, sha256, options),
    readUnverified: (sha256, options) => readPlainUnverified(root, sha256, options),
    async has(sha256) {
      checkHash(sha256);
      return (await sizeOf(plainPath(root, sha256))) !== undefined;
    },
    async size(sha256) {
      checkHash(sha256);
      const found = await sizeOf(plainPath(root, sha256));
      if (found === undefined) throw noDocument();
      return found;
    },
    list: () => listPlain(root),
    async remove(sha256) {
      checkHash(sha256);
      await rm(plainPath(root, sha256), { force: true });
    },
  };
}
