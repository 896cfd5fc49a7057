// File-system helpers shared by the plain and the encrypted document stores and the
// migration between them: durable renames, whole writes and reads, and temp files.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rm, rmdir, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { KithError } from '../base/errors.ts';
import type { ReadOptions } from './blobs.ts';

export const HASH = /^[0-9a-f]{64}$/;
const TMP = 'tmp';

export function checkHash(sha256: string): void {
  if (typeof sha256 !== 'string' || !HASH.test(sha256)) throw new KithError('InvalidInput', 'A document id must be a SHA-256 hex digest.');
}

/** Checks a range's bounds (inclusive, as in fs.createReadStream); an end past the document is cut to it. */
export function checkRange(options: ReadOptions): void {
  for (const [name, value] of [
    ['start', options.start],
    ['end', options.end],
  ] as const) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) throw new KithError('InvalidInput', `A range's ${name} must be a whole number of bytes, 0 or more.`);
  }
  if (options.start !== undefined && options.end !== undefined && options.end < options.start - 1) {
    throw new KithError('InvalidInput', "A range's end must not be before its start.");
  }
}

export function noDocument(): KithError {
  return new KithError('NotFound', 'No document with that hash is stored.');
}

/** `<dir>/<first 2 hex>/<other 62 hex>`. */
export function fanOut(dir: string, hex: string): string {
  return join(dir, hex.slice(0, 2), hex.slice(2));
}

export async function fsyncDir(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The size of a regular file, or undefined if there is none. */
export async function sizeOf(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Opens for reading; NotFound if absent. */
export async function openExisting(path: string): Promise<FileHandle> {
  return open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ENOENT' ? noDocument() : error;
  });
}

/** Writes every byte of `buffers` (one writev; the rest again if the OS took less). */
export async function writeAll(handle: FileHandle, buffers: readonly Uint8Array[], length: number): Promise<void> {
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

/** Reads `length` bytes at `position` into `buffer`; fewer only at the end of the file. */
export async function readAt(handle: FileHandle, buffer: Uint8Array, length: number, position: number): Promise<number> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}

/** Removes a directory if it is empty (a fan-out folder whose last file left). */
export async function removeIfEmpty(path: string): Promise<void> {
  await rmdir(path).catch(() => undefined); // ENOTEMPTY: others are still in it
}

/**
 * Temp files of every store instance of this process that are being written. Temp files left
 * by a crash belong to no one (this process holds the locker's lock), but a second instance
 * on the same folder (the migration beside the locker's store) must not sweep a live one.
 */
const live = new Set<string>();

export interface TempArea {
  /** Removes what crashed writers left (once per instance; `create` does it first too). */
  sweep(): Promise<void>;
  /** A fresh temp path (created by the caller, `wx`); `release` it once renamed or removed. */
  create(): Promise<string>;
  release(path: string): void;
}

export function tempArea(root: string): TempArea {
  const dir = join(root, TMP);
  let sweep: Promise<void> | undefined;
  async function sweepOnce(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const name of names) if (!live.has(join(dir, name))) await rm(join(dir, name), { recursive: true, force: true });
  }
  const swept = (): Promise<void> => (sweep ??= sweepOnce());
  return {
    sweep: swept,
    async create() {
      // One shared sweep, finished before any put of this instance creates its temp file.
      await swept();
      await mkdir(dir, { recursive: true });
      const path = join(dir, randomBytes(12).toString('hex'));
      live.add(path);
      return path;
    },
    release(path) {
      live.delete(path);
    },
  };
}
