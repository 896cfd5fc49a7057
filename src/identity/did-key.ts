// did:key for Ed25519 (W3C CCG "The did:key Method" v0.7, §3.1 Format):
//   did:key:<multibase base58btc 'z' of (multicodec varint 0xed = bytes 0xed 0x01 || 32-byte key)>
// which always starts "did:key:z6Mk". The verification method is `${did}#${same value}`
// (did:key §3.1.3 "Ed25519 (Signature)", Multikey representation).
import { base58btc } from 'multiformats/bases/base58';
import { KithError } from '../base/errors.ts';

const PREFIX = 'did:key:';
/** The multicodec table's `ed25519-pub` code, 0xed, as an unsigned varint. */
const ED25519_PUB_HEADER = Uint8Array.from([0xed, 0x01]);
/**
 * Longest did:key we will decode. Ed25519 is 56 characters; the bound keeps base58
 * decoding (quadratic) cheap while still letting us name another key type (RSA-4096
 * did:keys are ~750 characters) as Unsupported rather than malformed.
 */
const MAX_DID_LENGTH = 1024;

// Multicodec names for the did:key types we may meet, so the error can say what it was.
const KNOWN_KEY_CODECS: ReadonlyMap<number, string> = new Map([
  [0xe7, 'secp256k1'],
  [0xec, 'X25519'],
  [0x1200, 'P-256'],
  [0x1201, 'P-384'],
  [0x1202, 'P-521'],
  [0x1205, 'RSA'],
  [0xeb, 'BLS12-381 G2'],
]);

/** The `z6Mk…` multibase value naming an Ed25519 public key. */
export function multibaseFromPublicKey(publicKey: Uint8Array): string {
  if (publicKey.length !== 32) throw new KithError('InvalidInput', 'An Ed25519 public key must be 32 bytes.');
  const bytes = new Uint8Array(34);
  bytes.set(ED25519_PUB_HEADER);
  bytes.set(publicKey, 2);
  return base58btc.encode(bytes);
}

export function didKeyFromPublicKey(publicKey: Uint8Array): string {
  return PREFIX + multibaseFromPublicKey(publicKey);
}

function readVarint(bytes: Uint8Array): { value: number; length: number } | undefined {
  let value = 0;
  for (let i = 0; i < 3 && i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return { value, length: i + 1 };
  }
  return undefined;
}

/** The Ed25519 public key inside a `z6Mk…` multibase value (Multikey publicKeyMultibase). */
export function publicKeyFromMultibase(value: string, what = 'did:key'): Uint8Array {
  if (!value.startsWith('z')) throw new KithError('InvalidInput', `The ${what} is not base58btc multibase (no 'z' prefix).`);
  let bytes: Uint8Array;
  try {
    bytes = base58btc.decode(value);
  } catch {
    throw new KithError('InvalidInput', `The ${what} is not valid base58btc.`);
  }
  // "z6Mk" is what every Ed25519 key looks like: a value with that prefix that does not
  // decode to one is damaged (e.g. truncated), not another key type.
  if (value.startsWith('z6Mk') && (bytes.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01)) {
    throw new KithError('InvalidInput', `The ${what} is not a well-formed Ed25519 key.`);
  }
  const codec = readVarint(bytes);
  if (codec === undefined) throw new KithError('InvalidInput', `The ${what} has no multicodec header.`);
  if (codec.value !== 0xed) {
    const name = KNOWN_KEY_CODECS.get(codec.value) ?? `multicodec 0x${codec.value.toString(16)}`;
    throw new KithError('Unsupported', `The ${what} holds a ${name} key; only Ed25519 keys are supported.`);
  }
  if (bytes.length !== 34) throw new KithError('InvalidInput', `The ${what} Ed25519 key is not 32 bytes long.`);
  return bytes.slice(2);
}

/** The Ed25519 public key named by a did:key. InvalidInput if malformed, Unsupported for other key types. */
export function publicKeyFromDidKey(did: string): Uint8Array {
  if (typeof did !== 'string' || !did.startsWith(PREFIX)) {
    throw new KithError('InvalidInput', 'This is not a did:key identifier.');
  }
  if (did.length > MAX_DID_LENGTH) throw new KithError('InvalidInput', 'The did:key is too long.');
  const value = did.slice(PREFIX.length);
  if (value.includes(':') || value.includes('#') || value.includes('/') || value.includes('?')) {
    throw new KithError('InvalidInput', 'The did:key has a version, path, query or fragment where none is allowed.');
  }
  return publicKeyFromMultibase(value);
}

/** `did:key:z6Mk…#z6Mk…`: the key's verification method id (did:key §3.1.3). */
export function verificationMethodFor(did: string): string {
  publicKeyFromDidKey(did); // validates
  return `${did}#${did.slice(PREFIX.length)}`;
}

/**
 * Resolves a did:key verification method URL to its DID and public key, offline.
 * The fragment must name the DID's own key, as did:key defines exactly one method.
 */
export function resolveVerificationMethod(url: string): { did: string; publicKey: Uint8Array } {
  if (typeof url !== 'string') throw new KithError('InvalidInput', 'A verification method must be a string.');
  const hash = url.indexOf('#');
  if (hash < 0) throw new KithError('InvalidInput', 'The verification method has no #fragment.');
  const did = url.slice(0, hash);
  const fragment = url.slice(hash + 1);
  const publicKey = publicKeyFromDidKey(did);
  if (fragment !== did.slice(PREFIX.length)) {
    throw new KithError('InvalidInput', "The verification method's fragment does not name the DID's own key.");
  }
  return { did, publicKey };
}
