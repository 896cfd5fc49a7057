// Writing a document, for the plain and the encrypted store alike: hashes while writing a
// temp file, fsyncs it, then renames it into place (rename is atomic, so a crash never
// leaves a partial file under a final name).
import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { KithError } from '../base/errors.ts';
import { checkHash, fsyncDir, sizeOf, writeAll, type TempArea } from './blob-files.ts';
import type { BlobInfo, BlobSource, PutOptions } from './blobs.ts';

/**
 * A large document is flushed to disk as it arrives (fdatasync in the background every
 * this many bytes) so that the final fsync has little left to do: the wait at the end of
 * a 64 MiB put drops from ~80 ms to 10–25 ms here, time a network transfer would idle.
 */
const SYNC_EVERY_BYTES = 8 * 1024 * 1024;
/** Encoded bytes waiting for the write in flight, at most (then the source waits). */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024;
/** Buffers per writev (the OS's limit). */
const IOV_MAX = 1024;

/** What is written for the bytes of one document. */
export interface BlobEncoding {
  /**
   * The bytes to write for `buffers`, taken synchronously. If `copies`, they are new
   * buffers and the write may overlap pulling the next chunk from the source; if not they
   * are the source's own, which a producer may reuse once we ask for more.
   */
  encode(buffers: readonly Uint8Array[]): readonly Uint8Array[];
  readonly copies: boolean;
  /** The last bytes, once the source has ended. */
  end(): readonly Uint8Array[];
  /** Called with the content's hash and size before the final fsync (e.g. to write a header). */
  finish(handle: FileHandle, info: BlobInfo): Promise<void>;
  /** The final name of the document's file. */
  path(sha256: string): string;
}

function lengthOf(buffers: readonly Uint8Array[]): number {
  let length = 0;
  for (const bytes of buffers) length += bytes.byteLength;
  return length;
}

export async function putBlob(temp: TempArea, encoding: BlobEncoding, source: BlobSource, options: PutOptions = {}): Promise<BlobInfo> {
  if (options.expect !== undefined) checkHash(options.expect.sha256);
  const maxBytes = Math.min(options.maxBytes ?? Infinity, options.expect?.size ?? Infinity);
  const tmpPath = await temp.create();
  const hash = createHash('sha256');
  let size = 0;
  let moved = false;
  let flushing: Promise<void> = Promise.resolve();
  let flushFailed: { error: unknown } | undefined;
  let unsynced = 0;
  // Copied bytes (see BlobEncoding.copies) wait here while a write is in flight, and go
  // out together in the next one: fewer, larger writes, overlapping the encoding.
  let writing: Promise<void> | undefined;
  let writeFailed: { error: unknown } | undefined;
  let queued: Uint8Array[] = [];
  let queuedBytes = 0;
  let handle: FileHandle | undefined;
  try {
    handle = await open(tmpPath, 'wx', 0o600);
    const file = handle;
    const drain = async (): Promise<void> => {
      while (queued.length > 0) {
        const batch = queued.splice(0, IOV_MAX);
        queuedBytes -= lengthOf(batch);
        await write(batch);
      }
    };
    const write = async (buffers: readonly Uint8Array[]): Promise<void> => {
      const length = lengthOf(buffers);
      if (length === 0) return;
      await writeAll(file, buffers, length);
      unsynced += length;
      if (unsynced >= SYNC_EVERY_BYTES) {
        unsynced = 0;
        // One flush at a time, never awaited here; a failure is kept and thrown below.
        flushing = flushing
          .then(() => file.datasync())
          .catch((error: unknown) => {
            flushFailed ??= { error };
          });
      }
    };
    for await (const chunk of source as AsyncIterable<Uint8Array | string | readonly Uint8Array[]>) {
      const buffers = typeof chunk === 'string' ? [Buffer.from(chunk, 'utf8')] : chunk instanceof Uint8Array ? [chunk] : chunk;
      size += lengthOf(buffers);
      if (size > maxBytes) {
        throw new KithError('InvalidInput', `The document is larger than the limit of ${maxBytes} bytes.`);
      }
      for (const bytes of buffers) hash.update(bytes);
      const encoded = encoding.encode(buffers);
      if (!encoding.copies) {
        await write(encoded);
        continue;
      }
      for (const bytes of encoded) queued.push(bytes);
      queuedBytes += lengthOf(encoded);
      if (queuedBytes >= MAX_QUEUED_BYTES) await writing;
      if (writeFailed !== undefined) throw writeFailed.error;
      writing ??= drain()
        .catch((error: unknown) => {
          writeFailed ??= { error };
        })
        .finally(() => (writing = undefined));
    }
    const sha256 = hash.digest('hex');
    if (options.expect !== undefined && (sha256 !== options.expect.sha256 || size !== options.expect.size)) {
      throw new KithError('Corrupt', 'The document received does not match the one promised (its SHA-256 or size differ).');
    }
    await writing;
    if (writeFailed !== undefined) throw writeFailed.error;
    queued = [...encoding.end()];
    await drain();
    await flushing;
    if (flushFailed !== undefined) throw flushFailed.error;
    await encoding.finish(file, { sha256, size });
    await file.sync();
    await file.close();
    const target = encoding.path(sha256);
    if ((await sizeOf(target)) === undefined) {
      await mkdir(dirname(target), { recursive: true });
      await rename(tmpPath, target);
      moved = true;
      await fsyncDir(dirname(target));
    }
    return { sha256, size };
  } finally {
    await writing;
    await flushing;
    await handle?.close().catch(() => undefined);
    if (!moved) await rm(tmpPath, { force: true });
    temp.release(tmpPath);
  }
}
