// A .zip read from its central directory, one entry at a time, straight from the file:
// a 100 MB Takeout of photos and one address book is never in memory whole, only the
// entries an importer asks for, each inflated as it is read. The layout is PKWARE's
// APPNOTE.TXT (6.3.10): end of central directory §4.3.16, zip64 end record and locator
// §4.3.14-4.3.15, central directory headers §4.3.12, local headers §4.3.7, the zip64
// extra field §4.5.3. Stored (0) and deflated (8) entries are what Takeout and Facebook
// write; anything else is refused by name, never guessed. Deflate is undone by node:zlib's
// streaming inflater (native: about half the memory of a JavaScript one on a 14 MB entry).
import { once } from 'node:events';
import { open } from 'node:fs/promises';
import { crc32, createInflateRaw } from 'node:zlib';
import { KithError } from '../../../base/errors.ts';

/** Reads at positions; a file (through one open handle) or bytes already in memory (tests). */
export interface RandomAccess {
  readonly size: number;
  read(position: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export function bytesAccess(bytes: Uint8Array): RandomAccess {
  return { size: bytes.length, read: async (position, length) => bytes.subarray(position, Math.min(bytes.length, position + length)), close: async () => undefined };
}

export async function fileAccess(path: string): Promise<RandomAccess> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    async read(position, length) {
      const buffer = new Uint8Array(Math.max(0, Math.min(length, size - position)));
      let filled = 0;
      while (filled < buffer.length) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return buffer.subarray(0, filled);
    },
    close: () => handle.close(),
  };
}

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly encrypted: boolean;
  readonly crc: number;
  readonly compressedSize: number;
  /** What the central directory says it unpacks to: never trusted beyond this. */
  readonly size: number;
  readonly localOffset: number;
}

/** Deflate's best ratio is about 1032:1 (RFC 1951: 258 bytes from one 2-bit code at most); a larger claim is a damaged or hostile entry. */
export const MAX_DEFLATE_RATIO = 1032;
/** A central directory this large would name far more than MAX_ENTRIES entries. */
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;
const CHUNK = 256 * 1024;

export function damaged(what: string): KithError {
  return new KithError('InvalidInput', `The archive cannot be read (${what}).`, { hint: 'Download the export again: the file may be incomplete.' });
}

const u16 = (view: DataView, at: number) => view.getUint16(at, true);
const u32 = (view: DataView, at: number) => view.getUint32(at, true);
const u64 = (view: DataView, at: number) => Number(view.getBigUint64(at, true));
const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

interface Directory {
  readonly count: number;
  readonly size: number;
  readonly offset: number;
}

/** The end records: where the central directory is and how many entries it names. */
async function findDirectory(source: RandomAccess): Promise<Directory> {
  // The end record is 22 bytes plus a comment of at most 65,535.
  const tailStart = Math.max(0, source.size - 22 - 0xffff);
  const tail = await source.read(tailStart, source.size - tailStart);
  const view = viewOf(tail);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (u32(view, i) === 0x06054b50) {
      at = i;
      break;
    }
  }
  if (at < 0) throw damaged('no end of central directory: not a zip file, or cut short');
  let directory: Directory = { count: u16(view, at + 10), size: u32(view, at + 12), offset: u32(view, at + 16) };
  const zip64 = directory.count === 0xffff || directory.size === 0xffffffff || directory.offset === 0xffffffff;
  if (zip64 || (at >= 20 && u32(view, at - 20) === 0x07064b50)) {
    if (at < 20 || u32(view, at - 20) !== 0x07064b50) throw damaged('a zip64 archive without its zip64 locator');
    const recordAt = u64(view, at - 20 + 8);
    const record = await source.read(recordAt, 56);
    const recordView = viewOf(record);
    if (record.length < 56 || u32(recordView, 0) !== 0x06064b50) throw damaged('its zip64 end record is missing');
    directory = { count: u64(recordView, 32), size: u64(recordView, 40), offset: u64(recordView, 48) };
  }
  if (directory.offset + directory.size > source.size) throw damaged('its central directory lies past the end of the file');
  return directory;
}

/** The sizes and offset a zip64 extra field holds for the fields set to their maximum. */
function zip64Fields(extra: DataView, entry: { size: number; compressedSize: number; localOffset: number }): typeof entry {
  const out = { ...entry };
  for (let at = 0; at + 4 <= extra.byteLength; ) {
    const id = u16(extra, at);
    const length = u16(extra, at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const take = () => {
        if (field + 8 > at + 4 + length || field + 8 > extra.byteLength) throw damaged('a short zip64 extra field');
        const value = u64(extra, field);
        field += 8;
        return value;
      };
      if (entry.size === 0xffffffff) out.size = take();
      if (entry.compressedSize === 0xffffffff) out.compressedSize = take();
      if (entry.localOffset === 0xffffffff) out.localOffset = take();
      return out;
    }
    at += 4 + length;
  }
  return out;
}

function overflow(label: string): KithError {
  return damaged(`${label} unpacks to more than it declares`);
}

async function copyInto(out: Uint8Array, chunks: AsyncIterable<Uint8Array>, label: string): Promise<number> {
  let filled = 0;
  for await (const chunk of chunks) {
    if (filled + chunk.length > out.length) throw overflow(label);
    out.set(chunk, filled);
    filled += chunk.length;
  }
  return filled;
}

/** Inflates into `out`; an entry that inflates past it (a bomb, or damage) is stopped at once. */
async function inflateInto(out: Uint8Array, chunks: AsyncIterable<Uint8Array>, label: string): Promise<number> {
  const inflater = createInflateRaw();
  let filled = 0;
  let failure: KithError | undefined;
  const finished = new Promise<void>((resolve, reject) => {
    inflater.on('data', (chunk: Buffer) => {
      if (failure !== undefined) return;
      if (filled + chunk.length > out.length) {
        failure = overflow(label);
        inflater.destroy();
        return resolve();
      }
      out.set(chunk, filled);
      filled += chunk.length;
    });
    inflater.on('end', resolve);
    inflater.on('close', resolve);
    inflater.on('error', (error) => reject(damaged(`${label}: ${error.message}`)));
  });
  finished.catch(() => undefined); // awaited below; a failure while writing must not go unhandled meanwhile
  for await (const chunk of chunks) {
    if (failure !== undefined || inflater.destroyed) break;
    if (!inflater.write(chunk)) await Promise.race([once(inflater, 'drain'), finished]);
  }
  if (!inflater.destroyed) inflater.end();
  await finished;
  if (failure !== undefined) throw failure;
  return filled;
}

export interface ZipArchive {
  readonly entries: readonly ZipEntry[];
  /** The entry's bytes, inflated as they are read; refused if it unpacks to other than it declared. */
  read(entry: ZipEntry): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * Opens the archive: reads its central directory (at most `maxEntries` entries, else
 * `tooMany()` is thrown before the directory is read).
 */
export async function openZip(source: RandomAccess, maxEntries: number, tooMany: () => KithError): Promise<ZipArchive> {
  const directory = await findDirectory(source);
  if (directory.count > maxEntries) throw tooMany();
  if (directory.size > MAX_DIRECTORY_BYTES) throw damaged('its central directory is implausibly large');
  const bytes = await source.read(directory.offset, directory.size);
  const view = viewOf(bytes);
  const entries: ZipEntry[] = [];
  let at = 0;
  while (at + 46 <= bytes.length && u32(view, at) === 0x02014b50) {
    if (entries.length >= maxEntries) throw tooMany();
    const flags = u16(view, at + 8);
    const nameLength = u16(view, at + 28);
    const extraLength = u16(view, at + 30);
    const commentLength = u16(view, at + 32);
    if (at + 46 + nameLength + extraLength + commentLength > bytes.length) throw damaged('a central directory entry runs past its end');
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    // Bit 11: the name is UTF-8; otherwise IBM 437, which Windows-1252 matches for the letters that occur in names.
    const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'windows-1252').decode(nameBytes);
    const sizes = zip64Fields(viewOf(bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength)), {
      compressedSize: u32(view, at + 20),
      size: u32(view, at + 24),
      localOffset: u32(view, at + 42),
    });
    entries.push({ name, method: u16(view, at + 10), encrypted: (flags & 1) === 1, crc: u32(view, at + 16), ...sizes });
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (entries.length !== directory.count && directory.count !== 0xffff) throw damaged(`its central directory names ${entries.length} of ${directory.count} entries`);

  return {
    entries,
    async read(entry) {
      const label = entry.name.slice(0, 120);
      if (entry.encrypted) throw new KithError('InvalidInput', `The archive's ${label} is encrypted; Kith cannot read it.`, { hint: 'Export it again without a password.' });
      if (entry.method !== 0 && entry.method !== 8) throw new KithError('Unsupported', `The archive's ${label} is compressed in a way Kith cannot read (method ${entry.method}).`, { hint: 'Unpack it yourself and import the file inside.' });
      if (entry.method === 0 && entry.size !== entry.compressedSize) throw damaged(`${label} is stored with two different sizes`);
      if (entry.method === 8 && entry.size > entry.compressedSize * MAX_DEFLATE_RATIO + 1024) throw damaged(`${label} claims to unpack to more than its bytes can hold`);
      const local = await source.read(entry.localOffset, 30);
      const localView = viewOf(local);
      if (local.length < 30 || u32(localView, 0) !== 0x04034b50) throw damaged(`${label} has no local header where the directory says`);
      const start = entry.localOffset + 30 + u16(localView, 26) + u16(localView, 28);
      if (start + entry.compressedSize > source.size) throw damaged(`${label} runs past the end of the file`);
      const out = new Uint8Array(entry.size);
      const chunks = (async function* () {
        for (let read = 0; read < entry.compressedSize; ) {
          const chunk = await source.read(start + read, Math.min(CHUNK, entry.compressedSize - read));
          if (chunk.length === 0) throw damaged(`${label} is cut short`);
          read += chunk.length;
          yield chunk;
        }
      })();
      const filled = entry.method === 8 ? await inflateInto(out, chunks, label) : await copyInto(out, chunks, label);
      if (filled !== out.length) throw damaged(`${label} unpacks to less than it declares`);
      if (crc32(out) >>> 0 !== entry.crc >>> 0) throw damaged(`${label} fails its checksum`);
      return out;
    },
    close: () => source.close(),
  };
}
