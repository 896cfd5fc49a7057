// X25519 key agreement (RFC 7748) with the owner's one Ed25519 key, so a friend can encrypt
// to a contact knowing only its did:key, as libsodium's crypto_sign_ed25519_pk_to_curve25519
// does:
//   public:  the Edwards point (x, y) maps to the Montgomery u = (1 + y) / (1 - y) mod p
//            (RFC 7748 §4.1, the birational map between edwards25519 and curve25519);
//   secret:  the first half of SHA-512(seed), the scalar Ed25519 itself uses (RFC 8032
//            §5.1.5); X25519 clamps it as Ed25519 does.
// The Diffie-Hellman itself is node:crypto's (OpenSSL), which refuses a low-order point's
// all-zero result.
import { createPrivateKey, createPublicKey, diffieHellman } from 'node:crypto';
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { KithError } from '../base/errors.ts';

const P = 2n ** 255n - 19n;
// DER prefixes for raw X25519 keys (RFC 8410 §4 and §7, OID 1.3.101.110).
const SPKI_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00]);
const PKCS8_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20]);

function der(prefix: Uint8Array, key: Uint8Array): Buffer {
  return Buffer.concat([prefix, key]);
}

function littleEndian(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

/** The X25519 public key of an Ed25519 public key; InvalidInput for a key that is not a valid point. */
export function x25519PublicFromEd25519(publicKey: Uint8Array): Uint8Array {
  let y: bigint;
  try {
    y = ed.Point.fromBytes(publicKey).toAffine().y;
  } catch {
    throw new KithError('InvalidInput', 'The key is not a valid Ed25519 public key.');
  }
  const denominator = (1n - y + P) % P;
  if (denominator === 0n) throw new KithError('InvalidInput', 'The key has no X25519 counterpart.');
  return littleEndian(((1n + y) * ed.etc.invert(denominator, P)) % P);
}

/** The X25519 secret scalar of an Ed25519 seed (clamped). */
export function x25519SecretFromSeed(seed: Uint8Array): Uint8Array {
  if (seed.length !== 32) throw new KithError('InvalidInput', 'An Ed25519 seed must be 32 bytes.');
  const scalar = sha512(seed).slice(0, 32);
  scalar[0] = (scalar[0] ?? 0) & 248;
  scalar[31] = ((scalar[31] ?? 0) & 127) | 64;
  return scalar;
}

/** The public key of an X25519 secret. */
export function x25519PublicFromSecret(secret: Uint8Array): Uint8Array {
  const key = createPublicKey(createPrivateKey({ key: der(PKCS8_PREFIX, secret), format: 'der', type: 'pkcs8' }));
  const spki = key.export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(spki.length - 32));
}

/** X25519(secret, peer): 32 shared bytes; InvalidInput for a low-order or malformed peer key. */
export function x25519Agree(secret: Uint8Array, peerPublic: Uint8Array): Uint8Array {
  if (secret.length !== 32 || peerPublic.length !== 32) throw new KithError('InvalidInput', 'X25519 keys are 32 bytes.');
  try {
    const shared = diffieHellman({
      privateKey: createPrivateKey({ key: der(PKCS8_PREFIX, secret), format: 'der', type: 'pkcs8' }),
      publicKey: createPublicKey({ key: der(SPKI_PREFIX, peerPublic), format: 'der', type: 'spki' }),
    });
    if (shared.every((byte) => byte === 0)) throw new Error('all-zero shared secret');
    return new Uint8Array(shared);
  } catch {
    throw new KithError('InvalidInput', 'No shared key can be agreed with this public key.');
  }
}
