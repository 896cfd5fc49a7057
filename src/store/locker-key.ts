// The locker key: 32 random bytes made when a locker is first sealed, stored only wrapped
// (AES-256-GCM) under a wrapping key that the caller derives from the unlocked owner key, so
// a passphrase is never stretched on a read and a restored identity (same seed) opens its
// old locker. Every other key is derived from it with HKDF-SHA256 (RFC 5869), one per use:
// values, the keyed names that hide personal parts of LevelDB keys, and document files.
//
//   m:lockerkey   {"v":1,"nonce":b64url,"wrapped":b64url}   plain: needed before anything opens
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { KithError } from '../base/errors.ts';
import { CORRUPT_HINT, decodeStored } from './db.ts';

export const META_LOCKER_KEY = 'm:lockerkey';
const KEY_BYTES = 32;

const wrappedSchema = z.strictObject({
  v: z.literal(1),
  nonce: z.string().regex(/^[A-Za-z0-9_-]{16}$/),
  wrapped: z.string().regex(/^[A-Za-z0-9_-]{64}$/),
});

export interface LockerKeys {
  /** Seals stored values (sealed-values.ts). */
  readonly values: Uint8Array;
  /** Keys the HMAC that names personal parts of LevelDB keys (sealed-keys.ts). */
  readonly names: Uint8Array;
  /** The document store's own key (blobs.ts derives per-file keys from it). */
  readonly blobs: Uint8Array;
}

function associatedData(ownerDid: string): Buffer {
  return Buffer.from(`kith/locker-key/v1|${ownerDid}`, 'utf8');
}

function checkWrappingKey(wrappingKey: Uint8Array): void {
  if (wrappingKey.length !== KEY_BYTES) throw new KithError('InvalidInput', 'The locker wrapping key must be 32 bytes.');
}

/** A new random locker key and its stored (wrapped) form. */
export function newLockerKey(wrappingKey: Uint8Array, ownerDid: string): { key: Uint8Array; stored: string } {
  checkWrappingKey(wrappingKey);
  const key = randomBytes(KEY_BYTES);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey, nonce);
  cipher.setAAD(associatedData(ownerDid));
  const wrapped = Buffer.concat([cipher.update(key), cipher.final(), cipher.getAuthTag()]);
  return { key, stored: JSON.stringify({ v: 1, nonce: nonce.toString('base64url'), wrapped: wrapped.toString('base64url') }) };
}

/** The locker key from its stored form; NotTrusted if this wrapping key did not wrap it. */
export function unwrapLockerKey(wrappingKey: Uint8Array, ownerDid: string, stored: string): Uint8Array {
  checkWrappingKey(wrappingKey);
  const { nonce, wrapped } = decodeStored(wrappedSchema, stored, 'locker key');
  const bytes = Buffer.from(wrapped, 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(nonce, 'base64url'));
    decipher.setAAD(associatedData(ownerDid));
    decipher.setAuthTag(bytes.subarray(KEY_BYTES));
    return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(0, KEY_BYTES)), decipher.final()]));
  } catch {
    throw new KithError('NotTrusted', 'The locker key does not open with this identity: the locker was sealed by another key, or its key was altered.', {
      hint: CORRUPT_HINT,
    });
  }
}

export function deriveLockerKeys(lockerKey: Uint8Array): LockerKeys {
  const derive = (use: string) => new Uint8Array(hkdfSync('sha256', lockerKey, new Uint8Array(0), `kith/locker/${use}/v1`, KEY_BYTES));
  return { values: derive('values'), names: derive('names'), blobs: derive('blobs') };
}
