// One stored value, sealed: AES-256-GCM (node:crypto, OpenSSL — hardware AES where the CPU
// has it) with a random 96-bit nonce per value (NIST SP 800-38D §8.2.2 allows 2^32 random
// nonces per key; a locker writes far fewer values in its life) and the value's LevelDB key
// as associated data, so a sealed value moved to another key no longer opens.
//
//   sealed = 0x01 ‖ nonce(12) ‖ AES-256-GCM(value as UTF-8) ‖ tag(16)
//
// The first byte tells a sealed value from one written by a Kith before encryption at rest:
// those are UTF-8 JSON or numbers and never start with 0x01 (see migrate-to-sealed.ts).
import { type KeyObject, createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const SEALED_MARK = 0x01;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const OVERHEAD = 1 + NONCE_BYTES + TAG_BYTES;

// Nonces are drawn from the CSPRNG in blocks: one call per 256 values instead of one per
// value (each call has a fixed cost that was a fifth of a seal's here). Still random nonces.
const POOL_NONCES = 256;
let pool = Buffer.alloc(0);
let poolOffset = 0;
function nextNonce(): Buffer {
  if (poolOffset >= pool.length) {
    pool = randomBytes(NONCE_BYTES * POOL_NONCES);
    poolOffset = 0;
  }
  const nonce = pool.subarray(poolOffset, poolOffset + NONCE_BYTES);
  poolOffset += NONCE_BYTES;
  return nonce;
}

export function isSealed(bytes: Uint8Array): boolean {
  return bytes.length >= OVERHEAD && bytes[0] === SEALED_MARK;
}

/**
 * Seals `text` for storage under `storedKey`. The key is a KeyObject made once: given raw
 * bytes, node:crypto imports the key on every call, which took 3x as long here.
 */
export function sealValue(key: KeyObject, storedKey: string, text: string): Buffer {
  const nonce = nextNonce();
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(storedKey, 'utf8'));
  return Buffer.concat([Buffer.of(SEALED_MARK), nonce, cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
}

/** The text sealed under `storedKey`, or undefined if it does not authenticate (altered, moved, or another key's). */
export function openValue(key: KeyObject, storedKey: string, sealed: Uint8Array): string | undefined {
  if (!isSealed(sealed)) return undefined;
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(1, 1 + NONCE_BYTES));
    decipher.setAAD(Buffer.from(storedKey, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(1 + NONCE_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
