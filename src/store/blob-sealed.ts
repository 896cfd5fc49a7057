// The encrypted document store: each document is one file under
// `<root>/sealed/<2 hex>/<62 hex>`, named by an HMAC of its SHA-256 and sealed chunk by chunk
// (format in blob-cipher.ts). A plain file (`<root>/<2 hex>/<62 hex>`, from before the locker
// was encrypted) found here is encrypted before it is served, never served as it is.
import { createReadStream } from 'node:fs';
import { readdir, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { isKithError, KithError } from '../base/errors.ts';
import { blobKeys, ChunkSealer, HEADER_BYTES, openHeader, sealedLength, sealedName, type BlobKeys } from './blob-cipher.ts';
import { checkHash, checkRange, fanOut, fsyncDir, noDocument, openExisting, readAt, removeIfEmpty, sizeOf, tempArea } from './blob-files.ts';
import { listPlain, plainPath } from './blob-plain.ts';
import { putBlob, type BlobEncoding } from './blob-put.ts';
import { readHeader, readSealed } from './blob-sealed-read.ts';
import type { BlobInfo, BlobStore, ReadOptions } from './blobs.ts';

/**
 * log2 of the plaintext chunk size (kept in each file's header, so it can change). 64 KiB:
 * a range read decrypts at most 128 KiB it does not serve, 16 bytes of tag per chunk are
 * 0.02%, and the sealed outputs stay below malloc's mmap threshold (128 KiB): with 256 KiB
 * chunks a 64 MiB put cost ~50% more CPU here, fresh pages being dear on this VM.
 */
const CHUNK_LOG2 = 16;

/** What a migration of one plain file did. */
export type Migrated = 'migrated' | 'cleaned' | 'absent';

export interface SealedStore {
  readonly store: BlobStore;
  /** Encrypts the plain file of `sha256` (if there is one) and removes it; Corrupt if it does not match its name. */
  migrateOne(sha256: string): Promise<Migrated>;
  /** Removes temp files left by a crash. */
  sweep(): Promise<void>;
}

async function writeAllAt(handle: FileHandle, bytes: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.byteLength) done += (await handle.write(bytes, done, bytes.byteLength - done, position + done)).bytesWritten;
}

export function sealedStore(root: string, key: Uint8Array): SealedStore {
  const keys: BlobKeys = blobKeys(key);
  const dir = join(root, 'sealed');
  const temp = tempArea(root);
  const sealedPath = (sha256: string) => fanOut(dir, sealedName(keys, sha256));
  const migrating = new Map<string, Promise<Migrated>>();

  function encoding(): BlobEncoding {
    const sealer = new ChunkSealer(keys, CHUNK_LOG2);
    let started = false;
    // The header's room goes first; it is filled in once the hash and size are known.
    const first = (out: Uint8Array[]): Uint8Array[] => {
      if (!started) {
        started = true;
        out.unshift(sealer.placeholder());
      }
      return out;
    };
    return {
      copies: true,
      encode: (buffers) => first(sealer.push(buffers)),
      end: () => first(sealer.end()),
      finish: (handle, info) => writeAllAt(handle, sealer.header(info.sha256, info.size), 0),
      path: sealedPath,
    };
  }

  /**
   * Whether the sealed file of `sha256` holds that document, every chunk verified (its
   * header's hash and size are authenticated): only then may the plain copy go, which may
   * be the last good one — or the bad one, so its size is not what decides.
   */
  async function sealedHolds(sha256: string): Promise<boolean> {
    if ((await sizeOf(sealedPath(sha256))) === undefined) return false;
    try {
      for await (const chunk of readSealed(keys, sealedPath(sha256), sha256, { chunkBytes: 1024 * 1024 })) void chunk;
      return true;
    } catch (error) {
      if (isKithError(error) && (error.code === 'Corrupt' || error.code === 'NotFound')) return false;
      throw error;
    }
  }

  async function dropPlain(sha256: string): Promise<void> {
    const path = plainPath(root, sha256);
    await rm(path, { force: true });
    await fsyncDir(dirname(path));
    await removeIfEmpty(dirname(path));
  }

  async function migrate(sha256: string): Promise<Migrated> {
    const plain = plainPath(root, sha256);
    const size = await sizeOf(plain);
    if (size === undefined) return 'absent';
    // Left by a migration stopped after its rename: the plain copy only has to go.
    if (await sealedHolds(sha256)) {
      await dropPlain(sha256);
      return 'cleaned';
    }
    // A sealed file that does not open is no copy of it: the plain file replaces it.
    await rm(sealedPath(sha256), { force: true });
    try {
      await putBlob(temp, encoding(), createReadStream(plain), { expect: { sha256, size } });
    } catch (error) {
      if (isKithError(error) && (error.code === 'Corrupt' || error.code === 'InvalidInput')) {
        throw new KithError('Corrupt', `The stored document ${sha256} does not match its hash: it was altered on disk, and is left as it was.`, {
          hint: 'Restore the document from a backup or ask the sender for it again.',
        });
      }
      throw error;
    }
    await dropPlain(sha256);
    return 'migrated';
  }

  function migrateOne(sha256: string): Promise<Migrated> {
    checkHash(sha256);
    let running = migrating.get(sha256);
    if (running === undefined) {
      running = migrate(sha256).finally(() => migrating.delete(sha256));
      migrating.set(sha256, running);
    }
    return running;
  }

  async function* read(sha256: string, options: ReadOptions): AsyncGenerator<Uint8Array> {
    if ((await sizeOf(sealedPath(sha256))) === undefined && (await migrateOne(sha256)) === 'absent') throw noDocument();
    yield* readSealed(keys, sealedPath(sha256), sha256, options);
  }

  /** The document in a sealed file, read from its header; undefined if it does not open or is misnamed. */
  async function describe(path: string, name: string): Promise<BlobInfo | undefined> {
    const handle = await openExisting(path).catch(() => undefined);
    if (handle === undefined) return undefined;
    try {
      const bytes = Buffer.alloc(HEADER_BYTES);
      const header = (await readAt(handle, bytes, HEADER_BYTES, 0)) === HEADER_BYTES ? openHeader(keys, bytes) : undefined;
      if (header === undefined || sealedName(keys, header.sha256) !== name) return undefined;
      if ((await handle.stat()).size !== sealedLength(header.size, header.chunkBytes)) return undefined;
      return { sha256: header.sha256, size: header.size };
    } finally {
      await handle.close();
    }
  }

  async function list(): Promise<BlobInfo[]> {
    const found = new Map<string, BlobInfo>();
    let prefixes: string[] = [];
    try {
      prefixes = (await readdir(dir)).filter((name) => /^[0-9a-f]{2}$/.test(name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const prefix of prefixes) {
      for (const rest of await readdir(join(dir, prefix))) {
        // A file that does not open cannot say which document it was: reading it by id says Corrupt.
        const info = /^[0-9a-f]{62}$/.test(rest) ? await describe(join(dir, prefix, rest), prefix + rest) : undefined;
        if (info !== undefined) found.set(info.sha256, info);
      }
    }
    // Not yet migrated: listed by name, encrypted when first read.
    for (const info of await listPlain(root)) if (!found.has(info.sha256)) found.set(info.sha256, info);
    return [...found.values()].sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1));
  }

  const store: BlobStore = {
    root,
    async put(source, options) {
      const info = await putBlob(temp, encoding(), source, options);
      if ((await sizeOf(plainPath(root, info.sha256))) !== undefined) await dropPlain(info.sha256);
      return info;
    },
    open(sha256, options = {}) {
      checkHash(sha256);
      checkRange(options);
      return Readable.from(read(sha256, options), { objectMode: false });
    },
    // Every chunk is authenticated as it is decrypted: nothing is left unverified to skip.
    readUnverified(sha256, options = {}) {
      checkHash(sha256);
      return read(sha256, options);
    },
    async has(sha256) {
      checkHash(sha256);
      return (await sizeOf(sealedPath(sha256))) !== undefined || (await sizeOf(plainPath(root, sha256))) !== undefined;
    },
    async size(sha256) {
      checkHash(sha256);
      const handle = await openExisting(sealedPath(sha256)).catch((error: unknown) => {
        if (isKithError(error) && error.code === 'NotFound') return undefined;
        throw error;
      });
      if (handle === undefined) {
        const plain = await sizeOf(plainPath(root, sha256));
        if (plain === undefined) throw noDocument();
        return plain;
      }
      try {
        return (await readHeader(keys, handle, sha256)).size;
      } finally {
        await handle.close();
      }
    },
    list,
    async remove(sha256) {
      checkHash(sha256);
      await rm(sealedPath(sha256), { force: true });
      await rm(plainPath(root, sha256), { force: true });
    },
  };
  return { store, migrateOne, sweep: () => temp.sweep() };
}
