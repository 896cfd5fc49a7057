// Documents: a content-addressed store beside LevelDB, one file per document. Documents can
// be large, so bytes are only ever streamed: `put` hashes while writing a temp file, fsyncs
// it, then renames it into place (rename is atomic, so a crash never leaves a partial file
// under a final name); reads are checked as they stream.
//   Without a key (a locker not yet encrypted): plain files named by SHA-256 (blob-plain.ts).
//   With the locker's 32-byte document key: every file encrypted at rest, chunk by chunk,
//   under a name that does not reveal the SHA-256 (blob-sealed.ts, format in blob-cipher.ts);
//   `migrateBlobsToEncrypted` turns the first into the second (blob-migrate.ts).
import type { Readable } from 'node:stream';
import { openPlainStore } from './blob-plain.ts';
import { sealedStore } from './blob-sealed.ts';

export { migrateBlobsToEncrypted, type MigrationOptions, type MigrationReport } from './blob-migrate.ts';

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

export interface ReadOptions {
  /** The read size (default 64 KiB; larger suits sending to a peer). */
  readonly chunkBytes?: number;
  /** First byte to serve (default 0). */
  readonly start?: number;
  /** Last byte to serve, inclusive as in fs.createReadStream (default the last; cut to it if past). */
  readonly end?: number;
}

export interface BlobStore {
  readonly root: string;
  put(source: BlobSource, options?: PutOptions): Promise<BlobInfo>;
  /**
   * A stream of the document (or of the range asked for). It errors with NotFound if there
   * is none, and with Corrupt if the bytes on disk were altered: consumers must treat the
   * stream's error as failure (stream/promises `pipeline` does) and discard what they wrote.
   * Plain store: re-hashed, the error comes at the end (a range still reads the whole file).
   * Encrypted store: each chunk is served only once its tag verifies.
   */
  open(sha256: string, options?: ReadOptions): Readable;
  /**
   * The document's bytes, NOT re-hashed: only for a consumer that checks the SHA-256 itself
   * — a peer fetching the file does, against the hash in the signed record, so hashing here
   * too would only double the owner's work. Reads one chunk ahead. NotFound if there is
   * none. (Encrypted, every chunk is still authenticated as it is decrypted.)
   */
  readUnverified(sha256: string, options?: ReadOptions): AsyncGenerator<Uint8Array>;
  has(sha256: string): Promise<boolean>;
  /** Size in bytes; NotFound if absent. */
  size(sha256: string): Promise<number>;
  list(): Promise<BlobInfo[]>;
  /** Deletes the document's file (nothing if absent). The caller checks nothing refers to it. */
  remove(sha256: string): Promise<void>;
}

export interface BlobStoreOptions {
  /** 32 bytes derived from the locker key: every document is encrypted at rest. */
  readonly key?: Uint8Array;
}

/** No I/O until first use, so that opening a locker stays cheap. */
export function openBlobStore(root: string, options: BlobStoreOptions = {}): BlobStore {
  return options.key === undefined ? openPlainStore(root) : sealedStore(root, options.key).store;
}
