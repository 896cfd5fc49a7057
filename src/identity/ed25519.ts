// Ed25519 signing and verification under the one rule in ed25519-rule.ts.
// Hot path: Node's native crypto (OpenSSL; BoringSSL in Electron) with a KeyObject
// cached per public key. Where node:crypto is unavailable, @noble/ed25519's Point
// arithmetic computes the same cofactorless equation.
import type * as NodeCrypto from 'node:crypto';
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { KithError } from '../base/errors.ts';
import { equalBytes } from '../base/bytes.ts';
import { checkPublicKey, signatureViolation } from './ed25519-rule.ts';

ed.hashes.sha512 = sha512;

/**
 * `process.getBuiltinModule` (Node >= 20.16 / 22.3, Electron main) gives node:crypto
 * without a static import, so this module still loads in a browser or worker.
 */
function loadNodeCrypto(): typeof NodeCrypto | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = proc?.getBuiltinModule?.('node:crypto') as typeof NodeCrypto | undefined;
  return typeof mod?.verify === 'function' && typeof mod.createPublicKey === 'function' ? mod : undefined;
}

const native = loadNodeCrypto();

// DER prefixes for raw Ed25519 keys: RFC 8410 §4 (SubjectPublicKeyInfo) and §7
// (OneAsymmetricKey / PKCS#8 with the 32-byte seed as CurvePrivateKey).
const SPKI_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);
const PKCS8_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

function withPrefix(prefix: Uint8Array, key: Uint8Array): Uint8Array {
  const out = new Uint8Array(prefix.length + key.length);
  out.set(prefix);
  out.set(key, prefix.length);
  return out;
}

/** A public key that passed rules 1, 2 and 4, ready for the equation; `null` if it failed. */
interface CachedKey {
  readonly point: ed.Point;
  readonly keyObject: NodeCrypto.KeyObject | undefined;
}

/** Enough for every contact and vendor a node talks to; evicts the least recently used. */
export const KEY_CACHE_LIMIT = 4096;
const keyCache = new Map<string, CachedKey | null>();

function cacheId(publicKey: Uint8Array): string {
  // A latin1 string of the 32 bytes: one native call, cheaper than hex.
  return String.fromCharCode.apply(null, publicKey as unknown as number[]);
}

function prepareKey(publicKey: Uint8Array): CachedKey | null {
  const point = checkPublicKey(publicKey);
  if (typeof point === 'string') return null;
  const keyObject =
    native === undefined
      ? undefined
      : native.createPublicKey({ key: Buffer.from(withPrefix(SPKI_PREFIX, publicKey)), format: 'der', type: 'spki' });
  return { point, keyObject };
}

function cachedKey(publicKey: Uint8Array): CachedKey | null {
  const id = cacheId(publicKey);
  let key = keyCache.get(id);
  if (key !== undefined) {
    keyCache.delete(id); // re-insert: a Map iterates in insertion order, so the oldest is first
    keyCache.set(id, key);
    return key;
  }
  key = prepareKey(publicKey);
  if (keyCache.size >= KEY_CACHE_LIMIT) {
    const oldest = keyCache.keys().next();
    if (oldest.done !== true) keyCache.delete(oldest.value);
  }
  keyCache.set(id, key);
  return key;
}

const L = 2n ** 252n + 27742317777372353535851937790883648493n;

function numberFromLE(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i] ?? 0);
  return n;
}

/** Rule 5 without node:crypto: [S]B - [k]A must encode to exactly R (cofactorless). */
function cofactorlessEquation(A: ed.Point, publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const r = signature.subarray(0, 32);
  const s = numberFromLE(signature.subarray(32, 64));
  const digest = new Uint8Array(64 + message.length);
  digest.set(r);
  digest.set(publicKey, 32);
  digest.set(message, 64);
  const k = numberFromLE(sha512(digest)) % L;
  const check = ed.Point.BASE.multiply(s, false).subtract(A.multiply(k, false));
  return equalBytes(check.toBytes(), r);
}

/**
 * True iff `signature` is a valid Ed25519 signature of `message` by `publicKey` under
 * Kith's rule (ed25519-rule.ts). Never throws for malformed input: it returns false.
 */
export function verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signatureViolation(signature) !== undefined) return false;
  const key = cachedKey(publicKey);
  if (key === null) return false;
  if (key.keyObject === undefined) return cofactorlessEquation(key.point, publicKey, message, signature);
  return (native as typeof NodeCrypto).verify(null, message, key.keyObject, signature);
}

/** The same rule computed without node:crypto: the path taken where it is unavailable (and in tests). */
export function verifyEd25519Portable(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signatureViolation(signature) !== undefined) return false;
  const key = cachedKey(publicKey);
  return key !== null && cofactorlessEquation(key.point, publicKey, message, signature);
}

/** Empties the verification key cache (tests and benchmarks). */
export function clearEd25519KeyCache(): void {
  keyCache.clear();
}

/** The signing half of an Ed25519 key, made from its 32-byte seed (RFC 8032 §5.1.5). */
export interface Ed25519Signing {
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

function assertSeed(seed: Uint8Array): void {
  if (!(seed instanceof Uint8Array) || seed.length !== 32) {
    throw new KithError('InvalidInput', 'An Ed25519 seed must be exactly 32 bytes.');
  }
}

/** Makes a signer from a seed; uses a native private KeyObject where node:crypto exists. */
export function ed25519SigningFromSeed(seed: Uint8Array): Ed25519Signing {
  assertSeed(seed);
  if (native !== undefined) {
    const nodeCrypto = native;
    const privateKey = nodeCrypto.createPrivateKey({
      key: Buffer.from(withPrefix(PKCS8_PREFIX, seed)),
      format: 'der',
      type: 'pkcs8',
    });
    const spki = nodeCrypto.createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
    const publicKey = new Uint8Array(spki.subarray(spki.length - 32));
    return {
      publicKey,
      sign: (message) => new Uint8Array(nodeCrypto.sign(null, message, privateKey)),
    };
  }
  const secret = Uint8Array.from(seed);
  return { publicKey: ed.getPublicKey(secret), sign: (message) => ed.sign(message, secret) };
}

/** The public key of a seed. */
export function ed25519PublicKeyFromSeed(seed: Uint8Array): Uint8Array {
  return ed25519SigningFromSeed(seed).publicKey;
}

/** 32 fresh random bytes from the platform CSPRNG: a new Ed25519 seed. */
export function generateSeed(): Uint8Array {
  const seed = new Uint8Array(32);
  globalThis.crypto.getRandomValues(seed);
  return seed;
}
