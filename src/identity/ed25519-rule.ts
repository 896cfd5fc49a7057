// Kith's one Ed25519 verification rule. Ed25519 implementations disagree on edge
// cases (see "Taming the many EdDSAs", Chalkias et al. 2020, and ZIP-215), so a
// signature accepted by Node's OpenSSL could be refused by Electron's BoringSSL or by
// a pure-JS fallback, and vice versa. We decide acceptance here, in our code, before
// calling any primitive, so every runtime accepts exactly the same signatures.
//
// A signature (R || S) by public key A over message M is accepted only if ALL hold:
//   1. A and R are canonical encodings (RFC 8032 §5.1.3): the 255-bit y is < p, and
//      no "negative zero" (x = 0 with the sign bit set; only y = 1 and y = p - 1 have
//      x = 0, and both are small-order points, so the blocklist below covers them).
//   2. Neither A nor R is a small-order point: a byte compare against the 8 encodings
//      of the points of order 1, 2, 4 and 8 (plus the two negative-zero encodings).
//      No point decompression on the hot path.
//   3. S < L (RFC 8032 §5.1.7 step 1), a little-endian compare.
//   4. A is torsion-free ([L]A = identity). This costs a scalar multiplication, so it
//      is checked once per key and cached with the key (see ed25519.ts).
//   5. The cofactorless equation [S]B = R + [k]A holds, k = SHA-512(R || A || M) mod L
//      (RFC 8032 §5.1.7 step 3 without the optional factor 8). OpenSSL and BoringSSL
//      compute it this way; @noble/ed25519 3.x always uses the cofactored equation
//      (even with `{ zip215: false }`), so our fallback computes the cofactorless
//      one itself from noble's Point arithmetic.
// With 1–4 in force, a mixed-order R can never pass 5 (the left side and [k]A are in
// the prime-order subgroup), so cofactored and cofactorless verifiers no longer differ.
import { Point } from '@noble/ed25519';

/** Why a public key or signature breaks the rule (stable strings, no allocation). */
export type Ed25519RuleViolation =
  | 'bad-length'
  | 'non-canonical-A'
  | 'small-order-A'
  | 'invalid-point-A'
  | 'torsion-A'
  | 'non-canonical-R'
  | 'small-order-R'
  | 'S-not-reduced';

function hex(text: string): Uint8Array {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * Encodings of the points of order 1, 2, 4 and 8 (the same list libsodium blocks),
 * plus the negative-zero encodings of the identity and of the order-2 point.
 * test/unit/identity/ed25519-rule.test.ts recomputes them with noble's Point.
 */
export const SMALL_ORDER_ENCODINGS: readonly Uint8Array[] = [
  '0100000000000000000000000000000000000000000000000000000000000000', // identity (order 1)
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // (0, -1), order 2
  '0000000000000000000000000000000000000000000000000000000000000000', // (sqrt(-1), 0), order 4
  '0000000000000000000000000000000000000000000000000000000000000080', // (-sqrt(-1), 0), order 4
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', // order 8
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa', // order 8
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', // order 8
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85', // order 8
  '0100000000000000000000000000000000000000000000000000000000000080', // identity, negative zero
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff', // order 2, negative zero
].map(hex);

/** L = 2^252 + 27742317777372353535851937790883648493 (RFC 8032 §5.1), little-endian. */
const L_LE = hex('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010');

/** y >= p = 2^255 - 19, i.e. bytes 0xed..0xff, 0xff x 30, then 0x7f in the low 7 bits. */
function isNonCanonicalY(bytes: Uint8Array, offset: number): boolean {
  if (((bytes[offset + 31] ?? 0) & 0x7f) !== 0x7f) return false; // the common case: one compare
  for (let i = offset + 30; i > offset; i--) if (bytes[i] !== 0xff) return false;
  return (bytes[offset] ?? 0) >= 0xed;
}

function matchesAt(bytes: Uint8Array, offset: number, pattern: Uint8Array): boolean {
  for (let i = 0; i < 32; i++) if (bytes[offset + i] !== pattern[i]) return false;
  return true;
}

/** Byte compare against SMALL_ORDER_ENCODINGS, filtered by the first byte (no allocation). */
function isSmallOrderEncoding(bytes: Uint8Array, offset: number): boolean {
  const first = bytes[offset];
  if (first !== 0x00 && first !== 0x01 && first !== 0xec && first !== 0xc7 && first !== 0x26) return false;
  for (const pattern of SMALL_ORDER_ENCODINGS) {
    if (pattern[0] === first && matchesAt(bytes, offset, pattern)) return true;
  }
  return false;
}

/** S (bytes 32..63 of the signature) < L, compared from the most significant byte. */
function isReducedScalar(signature: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    const s = signature[32 + i] ?? 0;
    const l = L_LE[i] ?? 0;
    if (s !== l) return s < l;
  }
  return false; // S == L
}

/** Rules 1–3 for the signature: cheap byte compares, run on every verification. */
export function signatureViolation(signature: Uint8Array): Ed25519RuleViolation | undefined {
  if (signature.length !== 64) return 'bad-length';
  if (!isReducedScalar(signature)) return 'S-not-reduced';
  if (isNonCanonicalY(signature, 0)) return 'non-canonical-R';
  if (isSmallOrderEncoding(signature, 0)) return 'small-order-R';
  return undefined;
}

/**
 * Rules 1, 2 and 4 for the public key: the decoded point if it passes, else why not.
 * Rule 4 costs a scalar multiplication, so callers cache the result per key.
 */
export function checkPublicKey(publicKey: Uint8Array): Point | Ed25519RuleViolation {
  if (publicKey.length !== 32) return 'bad-length';
  if (isNonCanonicalY(publicKey, 0)) return 'non-canonical-A';
  if (isSmallOrderEncoding(publicKey, 0)) return 'small-order-A';
  let point: Point;
  try {
    point = Point.fromBytes(publicKey, false); // strict decoding: rejects y >= p and points off the curve
  } catch {
    return 'invalid-point-A';
  }
  if (!point.isTorsionFree()) return 'torsion-A';
  return point;
}

/** Why a public key breaks the rule, or undefined if it is acceptable. */
export function publicKeyViolation(publicKey: Uint8Array): Ed25519RuleViolation | undefined {
  const checked = checkPublicKey(publicKey);
  return typeof checked === 'string' ? checked : undefined;
}
