// Documents: a content-addressed store beside LevelDB, one file per SHA-256 under
// `<root>/<first 2 hex>/<other 62 hex>`. Documents can be large, so bytes are only ever
// streamed: `put` hashes while writing a temp file, fsyncs it, then renames it into place
// (rename is atomic, so a crash never leaves a partial file under a hash name); `open`
// re-hashes while reading and fails the stream at the end if the file no longer matches.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { KithError } from '../base/errors.ts';

export interface BlobInfo {
  readonly sha256: string;
  readonly size: number;
}

export type BlobSource = AsyncIterable<Uint8Array | string> | NodeJS.ReadableStream;

export interface BlobStore {
  readonly root: string;
  put(source: BlobSource, options?: { maxBytes?: number }): Promise<BlobInfo>;
  /**
   * A stream of the document. It errors with NotFound if there is none, and with Corrupt at
   * the end if the bytes read do not hash to `sha256`: consumers must treat the stream's
   * error as failure (stream/promises `pipeline` does) and discard what they wrote.
   */
  open(sha256: string): Readable;
  has(sha256: string): Promise<boolean>;
  /** Size in bytes; NotFound if absent. */
  size(sha256: string): Promise<number>;
  list(): Promise<BlobInfo[]>;
}

const HASH = /^[0-9a-f]{64}$/;
const TMP = 'tmp';

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

/** No I/O until first use, so that opening a locker stays cheap. */
export function openBlobStore(root: string): BlobStore {
  let sweep: Promise<void> | undefined;

  async function put(source: BlobSource, options: { maxBytes?: number } = {}): Promise<BlobInfo> {
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
    try {
      for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        size += bytes.length;
        if (options.maxBytes !== undefined && size > options.maxBytes) {
          throw new KithError('InvalidInput', `The document is larger than the limit of ${options.maxBytes} bytes.`);
        }
        hash.update(bytes);
        let offset = 0;
        while (offset < bytes.length) {
          const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
          offset += bytesWritten;
        }
      }
      await handle.sync();
      await handle.close();
      const sha256 = hash.digest('hex');
      const target = blobPath(root, sha256);
      if ((await sizeOf(target)) === undefined) {
        await mkdir(join(root, sha256.slice(0, 2)), { recursive: true });
        await rename(tmpPath, target);
        moved = true;
        await fsyncDir(join(root, sha256.slice(0, 2)));
      }
      return { sha256, size };
    } finally {
      await handle.close().catch(() => undefined);
      if (!moved) await rm(tmpPath, { force: true });
    }
  }

  function openBlob(sha256: string): Readable {
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
    const file = createReadStream(blobPath(root, sha256));
    file.on('error', (error: NodeJS.ErrnoException) => {
      verify.destroy(error.code === 'ENOENT' ? new KithError('NotFound', 'No document with that hash is stored.') : error);
    });
    return file.pipe(verify);
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

  return { root, put, open: openBlob, has, size, list };
}
