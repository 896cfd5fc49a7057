// The encrypted document format (v1), AES-256-GCM from node:crypto (hardware accelerated):
//
//   prefix  8 bytes  'KBLB', version 1, log2 of the chunk size, 2 zero bytes
//   salt   32 bytes  random per file
//   sealed 56 bytes  GCM(fileKey, nonce FF×12, aad prefix) of sha256 (32) ‖ size (u64 BE), tag
//   chunks           the plaintext in chunks of exactly `chunkBytes` and a final one that is
//                    shorter (empty if the size is a multiple of chunkBytes), each sealed as
//                    GCM(fileKey, nonce 00×4 ‖ index u64 BE, aad prefix ‖ index ‖ final) ‖ tag
//
// fileKey = HKDF-SHA256(key, salt, 'kith/blob/v1'): a fresh key per file, so a chunk cannot
// be moved to another file, and nonces (the chunk index, or the header's constant) are never
// reused under one key. The document's SHA-256 is only known once its last byte is in, so
// chunks cannot carry it; the sealed header does, checked against the name asked for, and
// its size fixes the number of chunks, so a truncated, extended or swapped file is refused
// before a byte is served (the final flag catches the same a second way).
// File names are HMAC-SHA256(nameKey, sha256), nameKey = HKDF-SHA256(key, '', 'kith/blob/v1/name').
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { KithError } from '../base/errors.ts';

const MAGIC = [0x4b, 0x42, 0x4c, 0x42]; // 'KBLB'
const VERSION = 1;
const TAG = 16;
const PREFIX = 8;
const SALT = 32;
const INFO = 40;
/** Bytes before the first chunk. */
export const HEADER_BYTES = PREFIX + SALT + INFO + TAG;
/** Per sealed chunk, on top of its plaintext. */
export const CHUNK_OVERHEAD = TAG;
const MIN_LOG2 = 12;
const MAX_LOG2 = 24;
const HEADER_NONCE = Buffer.alloc(12, 0xff);

export interface BlobKeys {
  readonly master: KeyObject;
  readonly names: Buffer;
}

export function blobKeys(key: Uint8Array): BlobKeys {
  if (!(key instanceof Uint8Array) || key.byteLength !== 32) throw new KithError('InvalidInput', 'The document store key must be 32 bytes.');
  const master = createSecretKey(Buffer.from(key));
  return { master, names: Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'kith/blob/v1/name', 32)) };
}

/** The file name (64 hex) of a document: reveals nothing of its SHA-256 without the key. */
export function sealedName(keys: BlobKeys, sha256: string): string {
  return createHmac('sha256', keys.names).update(Buffer.from(sha256, 'hex')).digest('hex');
}

function fileKey(keys: BlobKeys, salt: Uint8Array): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', keys.master, salt, 'kith/blob/v1', 32)));
}

function chunkNonce(index: number): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(index), 4);
  return nonce;
}

function chunkAad(prefix: Buffer, index: number, final: boolean): Buffer {
  const aad = Buffer.alloc(PREFIX + 9);
  prefix.copy(aad, 0);
  aad.writeBigUInt64BE(BigInt(index), PREFIX);
  aad[PREFIX + 8] = final ? 1 : 0;
  return aad;
}

/** The file's length for a document of `size` bytes. */
export function sealedLength(size: number, chunkBytes: number): number {
  return HEADER_BYTES + size + TAG * (Math.floor(size / chunkBytes) + 1);
}

/** Seals a document chunk by chunk, holding at most one chunk of plaintext. */
export class ChunkSealer {
  readonly chunkBytes: number;
  readonly #prefix: Buffer;
  readonly #salt: Buffer;
  readonly #key: KeyObject;
  readonly #staged: Buffer;
  #filled = 0;
  #index = 0;

  constructor(keys: BlobKeys, chunkLog2: number) {
    this.chunkBytes = 2 ** chunkLog2;
    this.#prefix = Buffer.from([...MAGIC, VERSION, chunkLog2, 0, 0]);
    this.#salt = randomBytes(SALT);
    this.#key = fileKey(keys, this.#salt);
    this.#staged = Buffer.allocUnsafe(this.chunkBytes);
  }

  /** Room for the header, written first and filled in by `header` at the end. */
  placeholder(): Buffer {
    return Buffer.alloc(HEADER_BYTES);
  }

  #seal(plain: Uint8Array, final: boolean, out: Uint8Array[]): void {
    const index = this.#index++;
    const cipher = createCipheriv('aes-256-gcm', this.#key, chunkNonce(index));
    cipher.setAAD(chunkAad(this.#prefix, index, final));
    out.push(cipher.update(plain));
    cipher.final();
    out.push(cipher.getAuthTag());
  }

  /** The sealed chunks completed by `buffers`: a whole chunk is never the final one, so it is sealed at once. */
  push(buffers: readonly Uint8Array[]): Uint8Array[] {
    const out: Uint8Array[] = [];
    const size = this.chunkBytes;
    for (const bytes of buffers) {
      let offset = 0;
      // Whole chunks straight from the source's buffer, without a copy.
      if (this.#filled === 0) {
        for (; bytes.byteLength - offset >= size; offset += size) this.#seal(bytes.subarray(offset, offset + size), false, out);
      }
      while (offset < bytes.byteLength) {
        const take = Math.min(size - this.#filled, bytes.byteLength - offset);
        this.#staged.set(bytes.subarray(offset, offset + take), this.#filled);
        this.#filled += take;
        offset += take;
        if (this.#filled === size) {
          this.#seal(this.#staged, false, out);
          this.#filled = 0;
          for (; bytes.byteLength - offset >= size; offset += size) this.#seal(bytes.subarray(offset, offset + size), false, out);
        }
      }
    }
    return out;
  }

  /** The last chunk (shorter than a whole one, empty if the size is a multiple of it), sealed as final. */
  end(): Uint8Array[] {
    const out: Uint8Array[] = [];
    this.#seal(this.#staged.subarray(0, this.#filled), true, out);
    this.#filled = 0;
    return out;
  }

  /** The header naming the document, for the start of the file. */
  header(sha256: string, size: number): Buffer {
    const info = Buffer.alloc(INFO);
    Buffer.from(sha256, 'hex').copy(info, 0);
    info.writeBigUInt64BE(BigInt(size), 32);
    const cipher = createCipheriv('aes-256-gcm', this.#key, HEADER_NONCE);
    cipher.setAAD(this.#prefix);
    const sealed = cipher.update(info);
    cipher.final();
    return Buffer.concat([this.#prefix, this.#salt, sealed, cipher.getAuthTag()]);
  }
}

/** A file's opened header: what is needed to open its chunks. */
export interface SealedHeader {
  readonly sha256: string;
  readonly size: number;
  readonly chunkBytes: number;
  readonly prefix: Buffer;
  readonly key: KeyObject;
}

/** Opens a header read from the start of a file; undefined if it is not authentic. */
export function openHeader(keys: BlobKeys, bytes: Uint8Array): SealedHeader | undefined {
  if (bytes.byteLength < HEADER_BYTES) return undefined;
  const header = Buffer.from(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  const log2 = header[5] ?? 0;
  if (MAGIC.some((byte, i) => header[i] !== byte) || header[4] !== VERSION || log2 < MIN_LOG2 || log2 > MAX_LOG2) return undefined;
  const prefix = Buffer.from(header.subarray(0, PREFIX));
  const key = fileKey(keys, header.subarray(PREFIX, PREFIX + SALT));
  const decipher = createDecipheriv('aes-256-gcm', key, HEADER_NONCE);
  decipher.setAAD(prefix);
  decipher.setAuthTag(header.subarray(PREFIX + SALT + INFO, HEADER_BYTES));
  const info = decipher.update(header.subarray(PREFIX + SALT, PREFIX + SALT + INFO));
  try {
    decipher.final();
  } catch {
    return undefined;
  }
  const size = info.readBigUInt64BE(32);
  if (size > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return { sha256: info.subarray(0, 32).toString('hex'), size: Number(size), chunkBytes: 2 ** log2, prefix, key };
}

/** The plaintext of chunk `index` from its sealed bytes (ciphertext ‖ tag); undefined if not authentic. */
export function openChunk(header: SealedHeader, index: number, final: boolean, sealed: Uint8Array): Buffer | undefined {
  if (sealed.byteLength < TAG) return undefined;
  const end = sealed.byteLength - TAG;
  const decipher = createDecipheriv('aes-256-gcm', header.key, chunkNonce(index));
  decipher.setAAD(chunkAad(header.prefix, index, final));
  decipher.setAuthTag(sealed.subarray(end));
  const plain = decipher.update(sealed.subarray(0, end));
  try {
    decipher.final();
  } catch {
    return undefined;
  }
  return plain;
}
