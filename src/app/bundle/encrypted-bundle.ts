// A passphrase-encrypted bundle (`kith export FILE --encrypt`): the same signed tar bundle
// (bundle-format.ts), byte for byte, sealed chunk by chunk so that neither side ever holds
// it whole in memory. Format v1, all integers big-endian:
//
//   offset  bytes
//     0       8   magic 'KITHENCB' (an old or foreign reader sees what the file is)
//     8       1   format version, 1
//     9       1   KDF, 1 = scrypt
//    10       3   log2 N, r, p (bounded before any work: passphrase-key.ts)
//    13       3   zero
//    16      32   salt, random per file
//    48      96   the sealed stream's header (blob-cipher.ts: prefix with the chunk size,
//                 a random 32-byte HKDF salt that makes the file's key unique, so the chunk
//                 index can serve as the nonce, and the sealed SHA-256 and size of the tar)
//   144      32   SHA-256 of bytes 0..144: a checksum (not a MAC) so that damage to the
//                 header reads as damage, not as a wrong passphrase
//   176     ...   the tar in 64 KiB chunks, each AES-256-GCM sealed with its index and a
//                 final flag as associated data (blob-cipher.ts)
//
// key = HKDF-SHA256(scrypt(passphrase, salt), '', 'kith/bundle/v1' ‖ bytes 0..48): every
// header field is bound to the key, so changing one fails authentication. The sealed
// header's size fixes the file's length, so a cut or extended file is refused before a
// byte is read; a changed chunk fails its tag. AES-256-GCM from node:crypto (hardware
// accelerated) and the chunking of blob-cipher.ts, so one audited construction serves both.
import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { KithError } from '../../base/errors.ts';
import { DEFAULT_SCRYPT, derivePassphraseKey, passphraseBytes, scryptParamsProblem, type ScryptParams } from '../../identity/passphrase-key.ts';
import { blobKeys, CHUNK_OVERHEAD, ChunkSealer, HEADER_BYTES, openChunk, openHeader, sealedLength, type BlobKeys, type SealedHeader } from '../../store/blob-cipher.ts';
import { readAt, writeAll } from '../../store/blob-files.ts';
import { fileError } from '../files.ts';

export const ENCRYPTED_MAGIC = Buffer.from('KITHENCB', 'latin1');
export const ENCRYPTED_VERSION = 1;
const KDF_SCRYPT = 1;
const FIELDS = 48;
const SUM_AT = FIELDS + HEADER_BYTES;
/** Bytes before the first chunk. */
export const ENCRYPTED_HEADER_BYTES = SUM_AT + 32;
/** 64 KiB chunks, as in the document store (blob-sealed.ts says why). */
const CHUNK_LOG2 = 16;
/** Sealed bytes gathered into one write when encrypting. */
const WRITE_BATCH_BYTES = 1024 * 1024;
/** Chunks per read when decrypting. */
const CHUNKS_PER_READ = 16;

function corrupt(why: string): KithError {
  return new KithError('Corrupt', `The encrypted bundle has been altered or damaged: ${why}.`, {
    hint: 'Use an untouched copy of the bundle.',
  });
}

function wrongPassphrase(): KithError {
  return new KithError('WrongPassphrase', 'The passphrase does not open this encrypted bundle.', {
    hint: 'Check the passphrase it was exported with (and the keyboard layout).',
  });
}

/** What `bundle.import` and `verify.file` say when an encrypted bundle comes without a passphrase. */
export function passphraseNeeded(): KithError {
  return new KithError('WrongPassphrase', 'This bundle is encrypted: its passphrase is needed to open it.', {
    hint: 'Give the passphrase it was exported with (the CLI asks, or reads KITH_EXPORT_PASSPHRASE).',
  });
}

function fields(params: ScryptParams, salt: Uint8Array): Buffer {
  const bytes = Buffer.alloc(FIELDS);
  ENCRYPTED_MAGIC.copy(bytes, 0);
  bytes[8] = ENCRYPTED_VERSION;
  bytes[9] = KDF_SCRYPT;
  bytes[10] = Math.log2(params.N);
  bytes[11] = params.r;
  bytes[12] = params.p;
  Buffer.from(salt).copy(bytes, 16);
  return bytes;
}

async function bundleKeys(passphrase: Uint8Array, header: Buffer, params: ScryptParams): Promise<BlobKeys> {
  const stretched = await derivePassphraseKey(passphrase, header.subarray(16, 48), params);
  try {
    const info = Buffer.concat([Buffer.from('kith/bundle/v1'), header.subarray(0, FIELDS)]);
    return blobKeys(new Uint8Array(hkdfSync('sha256', stretched, Buffer.alloc(0), info, 32)));
  } finally {
    stretched.fill(0);
  }
}

const checksum = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

/** Whether the file starts with the encrypted bundle's magic (a missing or short file: false). */
export async function isEncryptedBundle(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch((error: unknown) => {
    throw fileError(error, path);
  });
  try {
    const head = Buffer.alloc(ENCRYPTED_MAGIC.length);
    return (await readAt(handle, head, head.length, 0)) === head.length && head.equals(ENCRYPTED_MAGIC);
  } finally {
    await handle.close();
  }
}

export interface SealOptions {
  /** scrypt parameters; the default is passphrase-key.ts's (tests may pass cheaper ones). */
  readonly scrypt?: ScryptParams;
}

/**
 * Writes `source` (the plain tar, as it is packed) to a new file at `path`, encrypted under
 * `passphrase`. Holds one chunk of plaintext at a time; the caller removes `path` on failure.
 */
export async function writeEncryptedBundle(path: string, passphrase: string, source: AsyncIterable<Uint8Array>, options: SealOptions = {}): Promise<void> {
  const secret = passphraseBytes(passphrase);
  const params = options.scrypt ?? DEFAULT_SCRYPT;
  const problem = scryptParamsProblem(params);
  if (problem !== undefined) throw new KithError('InvalidInput', `The key derivation parameters are out of bounds: ${problem}.`);
  const head = fields(params, randomBytes(32));
  const sealer = new ChunkSealer(await bundleKeys(secret, head, params), CHUNK_LOG2);
  const hash = createHash('sha256');
  let size = 0;
  const handle = await open(path, 'wx', 0o600);
  try {
    // Room for the sealed header and checksum, filled in once the tar's hash and size are known.
    await writeAll(handle, [head, Buffer.alloc(ENCRYPTED_HEADER_BYTES - FIELDS)], ENCRYPTED_HEADER_BYTES);
    // Sealed chunks go out a batch at a time: one write per 64 KiB chunk cost a third of the throughput.
    let batch: Uint8Array[] = [];
    let batched = 0;
    const flush = async () => {
      if (batched > 0) await writeAll(handle, batch, batched);
      batch = [];
      batched = 0;
    };
    const put = async (sealed: Uint8Array[], last = false) => {
      for (const bytes of sealed) {
        batch.push(bytes);
        batched += bytes.byteLength;
      }
      if (last || batched >= WRITE_BATCH_BYTES || batch.length >= 1000) await flush();
    };
    for await (const chunk of source) {
      hash.update(chunk);
      size += chunk.byteLength;
      await put(sealer.push([chunk]));
    }
    await put(sealer.end(), true);
    const header = Buffer.concat([head, sealer.header(hash.digest('hex'), size)]);
    const tail = Buffer.concat([header.subarray(FIELDS), checksum(header)]);
    for (let done = 0; done < tail.length; ) done += (await handle.write(tail, done, tail.length - done, FIELDS + done)).bytesWritten;
    // No fsync, as for a plain export: the file takes its name only once complete (writeAtomically).
  } finally {
    await handle.close();
  }
}

interface Opened {
  readonly header: SealedHeader;
  readonly handle: FileHandle;
}

async function openSealed(path: string, passphrase: string | undefined): Promise<Opened> {
  const handle = await open(path, 'r').catch((error: unknown) => {
    throw fileError(error, path);
  });
  try {
    const { size: fileSize } = await handle.stat();
    const bytes = Buffer.alloc(ENCRYPTED_HEADER_BYTES);
    const got = await readAt(handle, bytes, bytes.length, 0);
    if (got < ENCRYPTED_MAGIC.length || !bytes.subarray(0, ENCRYPTED_MAGIC.length).equals(ENCRYPTED_MAGIC)) {
      throw new KithError('InvalidInput', 'The file is not an encrypted Kith bundle.');
    }
    if (got >= 9 && bytes[8] !== ENCRYPTED_VERSION) {
      throw new KithError('Unsupported', `This encrypted bundle has format version ${bytes[8]}; this Kith reads version ${ENCRYPTED_VERSION}.`, {
        hint: 'Open it with the newer Kith that made it.',
      });
    }
    if (got < ENCRYPTED_HEADER_BYTES) throw corrupt('it is cut short inside its header');
    if (!checksum(bytes.subarray(0, SUM_AT)).equals(bytes.subarray(SUM_AT))) throw corrupt('its header does not match its checksum');
    if (bytes[9] !== KDF_SCRYPT) throw new KithError('Unsupported', `This encrypted bundle uses key derivation ${bytes[9]}, which this Kith does not know.`);
    if (bytes[13] !== 0 || bytes[14] !== 0 || bytes[15] !== 0) throw corrupt('its header has bytes set that must be zero');
    const log2N = bytes[10] ?? 0;
    const params = { N: log2N >= 31 ? Infinity : 2 ** log2N, r: bytes[11] ?? 0, p: bytes[12] ?? 0 };
    const problem = scryptParamsProblem(params);
    // Refused before scrypt runs: a crafted header must not make us allocate or spin.
    if (problem !== undefined) {
      throw new KithError('Corrupt', `The encrypted bundle asks for key derivation parameters Kith does not accept (${problem}), so it was not opened.`, {
        hint: 'Use a bundle exported by Kith.',
      });
    }
    if (passphrase === undefined) throw passphraseNeeded();
    const keys = await bundleKeys(passphraseBytes(passphrase), bytes, params);
    const header = openHeader(keys, bytes.subarray(FIELDS, SUM_AT));
    if (header === undefined) throw wrongPassphrase();
    const expected = FIELDS + 32 + sealedLength(header.size, header.chunkBytes);
    if (fileSize < expected) throw corrupt('it is cut short');
    if (fileSize > expected) throw corrupt('bytes were added to its end');
    return { header, handle };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function* decrypt({ header, handle }: Opened): AsyncGenerator<Uint8Array> {
  try {
    const { size, chunkBytes } = header;
    const lastChunk = Math.floor(size / chunkBytes);
    const sealedBytes = chunkBytes + CHUNK_OVERHEAD;
    const end = ENCRYPTED_HEADER_BYTES + sealedLength(size, chunkBytes) - HEADER_BYTES;
    const buffer = Buffer.allocUnsafe(CHUNKS_PER_READ * sealedBytes);
    for (let index = 0; index <= lastChunk; ) {
      const offset = ENCRYPTED_HEADER_BYTES + index * sealedBytes;
      const length = Math.min(buffer.length, end - offset);
      if ((await readAt(handle, buffer, length, offset)) !== length) throw corrupt('it was cut short while it was read');
      for (let at = 0; at < length; at += sealedBytes, index++) {
        const plain = openChunk(header, index, index === lastChunk, buffer.subarray(at, Math.min(at + sealedBytes, length)));
        if (plain === undefined) throw corrupt(`chunk ${index} does not verify`);
        // decipher.update returns new memory, so the read buffer can be reused at once.
        if (plain.byteLength > 0) yield plain;
      }
    }
  } finally {
    await handle.close();
  }
}

/**
 * Opens an encrypted bundle: the header is checked (bounds, checksum, passphrase, length)
 * before this returns, so a wrong passphrase or a cut file is refused before any work.
 * The stream yields the plain tar; a chunk that does not verify fails it with Corrupt.
 */
export async function openEncryptedBundle(path: string, passphrase: string | undefined): Promise<{ readonly size: number; stream(): Readable }> {
  const opened = await openSealed(path, passphrase);
  let used = false;
  return {
    size: opened.header.size,
    stream() {
      if (used) throw new KithError('Internal', 'An encrypted bundle is read once.');
      used = true;
      return Readable.from(decrypt(opened), { objectMode: false });
    },
  };
}
