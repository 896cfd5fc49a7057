// Documents: a content-addressed store beside LevelDB, one file per SHA-256 under
// `<root>/<first 2 hex>/<other 62 hex>`. Documents can be large, so bytes are only ever
// streamed: `put` hashes while writing a temp file, fsyncs it, then renames it into place
// (rename is atomic, so a crash never leaves a partial file under a hash name); `open`
// re-hashes while reading and fails the stream at the end if the file no longer matches.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { KithError } from '../base/errors.ts';

export interface BlobInfo {
  readonly sha256: string;
  readonly size: number;
}

/** Bytes to store; a chunk may be a list of buffers, written with one writev (no copying). */
export type BlobSource = AsyncIterable<Uint8Array | string | readonly Uint8Array[]> | NodeJS.ReadableStream;

export interface PutOptions {
  /** Refuse (InvalidInput) as soon as the source has given more than this. */
  readonly maxBytes?: number;
  /**
   * The content the caller was promised (a document fetched from a peer): bytes that hash
   * or count otherwise are refused (Corrupt) and never take a name in the store.
   */
  readonly expect?: BlobInfo;
}

export interface BlobStore {
  readonly root: string;
  put(source: BlobSource, options?: PutOptions): Promise<BlobInfo>;
  /**
   * A stream of the document. It errors with NotFound if there is none, and with Corrupt at
   * the end if the bytes read do not hash to `sha256`: consumers must treat the stream's
   * error as failure (stream/promises `pipeline` does) and discard what they wrote.
   * `chunkBytes` sets the read size (default 64 KiB; larger suits sending to a peer).
   */
  open(sha256: string, options?: { chunkBytes?: number }): Readable;
  /**
   * The document's bytes as they are on disk, NOT re-hashed: only for a consumer that
   * checks the SHA-256 itself — a peer fetching the file does, against the hash in the
   * signed record, so hashing here too would only double the owner's work. Reads one chunk
   * ahead. NotFound if there is none.
   */
  readUnverified(sha256: string, options?: { chunkBytes?: number }): AsyncGenerator<Uint8Array>;
  has(sha256: string): Promise<boolean>;
  /** Size in bytes; NotFound if absent. */
  size(sha256: string): Promise<number>;
  list(): Promise<BlobInfo[]>;
  /** Deletes the document's file (nothing if absent). The caller checks nothing refers to it. */
  remove(sha256: string): Promise<void>;
}

const HASH = /^[0-9a-f]{64}$/;
const TMP = 'tmp';
/**
 * A large document is flushed to disk as it arrives (fdatasync in the background every
 * this many bytes) so that the final fsync has little left to do: the wait at the end of
 * a 64 MiB put drops from ~80 ms to 10–25 ms here, time a network transfer would idle.
 */
const SYNC_EVERY_BYTES = 8 * 1024 * 1024;

function checkHash(sha256: string): void {
  if (typeof sha256 !== 'string' || !HASH.test(sha256)) throw new KithError('InvalidInput', 'A document id must be a SHA-256 hex digest.');
}

function blobPath(root: string, sha256: string): string {
  return join(root, sha256.slice(0, 2), sha256.slice(2));
}

async function fsyncDir(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes every byte of `buffers` (one writev; the rest again if the OS took less). */
async function writeAll(handle: FileHandle, buffers: readonly Uint8Array[], length: number): Promise<void> {
  let { bytesWritten } = await handle.writev(buffers as Uint8Array[]);
  if (bytesWritten === length) return;
  for (const bytes of buffers) {
    if (bytesWritten >= bytes.byteLength) {
      bytesWritten -= bytes.byteLength;
      continue;
    }
    let offset = bytesWritten;
    bytesWritten = 0;
    while (offset < bytes.byteLength) offset += (await handle.write(bytes, offset, bytes.byteLength - offset)).bytesWritten;
  }
}

/** No I/O until first use, so that opening a locker stays cheap. */
export function openBlobStore(root: string, _options: { key?: Uint8Array } = {}): BlobStore {
  let sweep: Promise<void> | undefined;

  async function put(source: BlobSource, options: PutOptions = {}): Promise<BlobInfo> {
    if (options.expect !== undefined) checkHash(options.expect.sha256);
    const maxBytes = Math.min(options.maxBytes ?? Infinity, options.expect?.size ?? Infinity);
    const tmpDir = join(root, TMP);
    // Temp files left by a crash belong to no one (this process holds the locker's lock);
    // one shared sweep, finished before any put of this process creates its temp file.
    sweep ??= rm(tmpDir, { recursive: true, force: true });
    await sweep;
    await mkdir(tmpDir, { recursive: true });
    const tmpPath = join(tmpDir, randomBytes(12).toString('hex'));
    const hash = createHash('sha256');
    let size = 0;
    const handle = await open(tmpPath, 'wx', 0o600);
    let moved = false;
    let flushing: Promise<void> = Promise.resolve();
    let flushFailed: { error: unknown } | undefined;
    let unsynced = 0;
    try {
      for await (const chunk of source as AsyncIterable<Uint8Array | string | readonly Uint8Array[]>) {
        const buffers = typeof chunk === 'string' ? [Buffer.from(chunk, 'utf8')] : chunk instanceof Uint8Array ? [chunk] : chunk;
        let length = 0;
        for (const bytes of buffers) length += bytes.byteLength;
        size += length;
        if (size > maxBytes) {
          throw new KithError('InvalidInput', `The document is larger than the limit of ${maxBytes} bytes.`);
        }
        for (const bytes of buffers) hash.update(bytes);
        await writeAll(handle, buffers, length);
        unsynced += length;
        if (unsynced >= SYNC_EVERY_BYTES) {
          unsynced = 0;
          // One flush at a time, never awaited here; a failure is kept and thrown below.
          flushing = flushing
            .then(() => handle.datasync())
            .catch((error: unknown) => {
              flushFailed ??= { error };
            });
        }
      }
      const sha256 = hash.digest('hex');
      if (options.expect !== undefined && (sha256 !== options.expect.sha256 || size !== options.expect.size)) {
        throw new KithError('Corrupt', 'The document received does not match the one promised (its SHA-256 or size differ).');
      }
      await flushing;
      if (flushFailed !== undefined) throw flushFailed.error;
      await handle.sync();
      await handle.close();
      const target = blobPath(root, sha256);
      if ((await sizeOf(target)) === undefined) {
        await mkdir(join(root, sha256.slice(0, 2)), { recursive: true });
        await rename(tmpPath, target);
        moved = true;
        await fsyncDir(join(root, sha256.slice(0, 2)));
      }
      return { sha256, size };
    } finally {
      await flushing;
      await handle.close().catch(() => undefined);
      if (!moved) await rm(tmpPath, { force: true });
    }
  }

  function openBlob(sha256: string, options: { chunkBytes?: number } = {}): Readable {
    checkHash(sha256);
    const hash = createHash('sha256');
    const verify = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
      flush(done) {
        if (hash.digest('hex') === sha256) done();
        else {
          done(
            new KithError('Corrupt', 'The stored document does not match its hash: it was altered on disk.', {
              hint: 'Restore the document from a backup or ask the sender for it again.',
            }),
          );
        }
      },
    });
    const file = createReadStream(blobPath(root, sha256), options.chunkBytes === undefined ? undefined : { highWaterMark: options.chunkBytes });
    file.on('error', (error: NodeJS.ErrnoException) => {
      verify.destroy(error.code === 'ENOENT' ? new KithError('NotFound', 'No document with that hash is stored.') : error);
    });
    return file.pipe(verify);
  }

  async function* readUnverified(sha256: string, options: { chunkBytes?: number } = {}): AsyncGenerator<Uint8Array> {
    checkHash(sha256);
    const chunkBytes = options.chunkBytes ?? 64 * 1024;
    const handle = await open(blobPath(root, sha256), 'r').catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new KithError('NotFound', 'No document with that hash is stored.') : error;
    });
    const readChunk = async (): Promise<Uint8Array | undefined> => {
      const buffer = Buffer.allocUnsafeSlow(chunkBytes);
      const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null);
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

  async function has(sha256: string): Promise<boolean> {
    checkHash(sha256);
    return (await sizeOf(blobPath(root, sha256))) !== undefined;
  }

  async function size(sha256: string): Promise<number> {
    checkHash(sha256);
    const found = await sizeOf(blobPath(root, sha256));
    if (found === undefined) throw new KithError('NotFound', 'No document with that hash is stored.');
    return found;
  }

  async function list(): Promise<BlobInfo[]> {
    const out: BlobInfo[] = [];
    let prefixes: string[];
    try {
      prefixes = (await readdir(root)).filter((name) => /^[0-9a-f]{2}$/.test(name)).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    for (const prefix of prefixes) {
      for (const rest of (await readdir(join(root, prefix))).sort()) {
        const sha256 = prefix + rest;
        if (!HASH.test(sha256)) continue;
        const found = await sizeOf(join(root, prefix, rest));
        if (found !== undefined) out.push({ sha256, size: found });
      }
    }
    return out;
  }

  async function remove(sha256: string): Promise<void> {
    checkHash(sha256);
    await rm(blobPath(root, sha256), { force: true });
  }

  return { root, put, open: openBlob, readUnverified, has, size, list, remove };
}
