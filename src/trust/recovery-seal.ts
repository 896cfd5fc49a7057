// A recovery share sealed to one identity: ephemeral-static X25519 (the recipient's key is
// its did:key's, converted: identity/x25519.ts), HKDF-SHA256 (RFC 5869) over the shared
// secret with both public keys, then XChaCha20-Poly1305 (@noble/ciphers, audited) with a
// random 192-bit nonce. The associated data names what the share is for (its setup, its
// holder, and for an approval the session and its nonce), so a sealed share cannot be
// moved to another setup, holder or session: it fails to open instead.
import { hkdfSync, randomBytes } from 'node:crypto';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { z } from 'zod';
import { KithError } from '../base/errors.ts';
import { canonicalBytes } from '../credentials/jcs.ts';
import { x25519Agree, x25519PublicFromEd25519, x25519PublicFromSecret } from '../identity/x25519.ts';

const b64u = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/u, 'not base64url')
    .refine((text) => Buffer.from(text, 'base64url').length === bytes, `must decode to ${bytes} bytes`);

/** A share is 33 bytes; sealed it is 33 + the 16-byte tag. */
export const sealedShareSchema = z.strictObject({ epk: b64u(32), nonce: b64u(24), ciphertext: b64u(33 + 16) });
export type SealedShare = z.output<typeof sealedShareSchema>;

/** What a sealed share is bound to: JCS-encoded into the associated data. */
export type SealContext = readonly ['hold', setup: string, holder: string] | readonly ['approve', setup: string, holder: string, session: string, nonce: string];

function keyFor(shared: Uint8Array, epk: Uint8Array, recipient: Uint8Array): Uint8Array {
  const salt = Buffer.concat([epk, recipient]);
  return new Uint8Array(hkdfSync('sha256', shared, salt, 'kith/recovery-seal/v1', 32));
}

function aad(context: SealContext): Uint8Array {
  return canonicalBytes(['kith/recovery-seal/v1', ...context]);
}

/** Seals `share` so that only the holder of `recipientEd25519` (a did:key's key) opens it. */
export function sealShare(share: Uint8Array, recipientEd25519: Uint8Array, context: SealContext): SealedShare {
  const recipient = x25519PublicFromEd25519(recipientEd25519);
  const ephemeral = new Uint8Array(randomBytes(32));
  const epk = x25519PublicFromSecret(ephemeral);
  const key = keyFor(x25519Agree(ephemeral, recipient), epk, recipient);
  ephemeral.fill(0);
  const nonce = new Uint8Array(randomBytes(24));
  const ciphertext = xchacha20poly1305(key, nonce, aad(context)).encrypt(share);
  key.fill(0);
  const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
  return { epk: text(epk), nonce: text(nonce), ciphertext: text(ciphertext) };
}

/**
 * Opens a sealed share with the recipient's key agreement (OwnerKey.agree) and its
 * Ed25519 public key. InvalidSignature when it was not sealed to this key and context,
 * or was altered.
 */
export function openShare(sealed: SealedShare, recipient: { publicKey: Uint8Array; agree(peer: Uint8Array): Uint8Array }, context: SealContext): Uint8Array {
  const epk = new Uint8Array(Buffer.from(sealed.epk, 'base64url'));
  const mine = x25519PublicFromEd25519(recipient.publicKey);
  const key = keyFor(recipient.agree(epk), epk, mine);
  try {
    return xchacha20poly1305(key, new Uint8Array(Buffer.from(sealed.nonce, 'base64url')), aad(context)).decrypt(new Uint8Array(Buffer.from(sealed.ciphertext, 'base64url')));
  } catch {
    throw new KithError('InvalidSignature', 'The recovery share does not open: it was sealed for another key, setup or session, or altered.');
  } finally {
    key.fill(0);
  }
}
