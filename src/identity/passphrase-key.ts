// A 256-bit key from a passphrase, for everything Kith encrypts under one: the owner's
// keystore and passphrase-encrypted export bundles.
//   KDF: scrypt (RFC 7914) via node:crypto, memory-hard; N = 2^17, r = 8, p = 1 by default
//        (128 MiB, about half a second), the OWASP Password Storage Cheat Sheet's figure.
//        The parameters travel with what they protect, so they can change later; read back,
//        they are bounded first (`scryptParamsProblem`) so that a crafted file cannot make us
//        allocate gigabytes or spin for minutes.
import { scrypt } from 'node:crypto';
import { KithError } from '../base/errors.ts';
import { utf8 } from '../base/bytes.ts';

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

/** scrypt memory is 128 * N * r * p bytes (RFC 7914 §2); more than this is refused. */
export const MAX_SCRYPT_MEMORY = 1024 * 1024 * 1024;
export const SCRYPT_BOUNDS = { minN: 2 ** 10, maxN: 2 ** 20, maxR: 32, maxP: 16 } as const;
const MAX_PASSPHRASE_LENGTH = 1024;

/** Why `params` (read from an untrusted file) are refused, or undefined if they are within bounds. */
export function scryptParamsProblem(params: ScryptParams): string | undefined {
  const { N, r, p } = params;
  if (!Number.isInteger(N) || N < SCRYPT_BOUNDS.minN || N > SCRYPT_BOUNDS.maxN || (N & (N - 1)) !== 0) {
    return `N must be a power of two from 2^10 to 2^20`;
  }
  if (!Number.isInteger(r) || r < 1 || r > SCRYPT_BOUNDS.maxR) return `r must be 1 to ${SCRYPT_BOUNDS.maxR}`;
  if (!Number.isInteger(p) || p < 1 || p > SCRYPT_BOUNDS.maxP) return `p must be 1 to ${SCRYPT_BOUNDS.maxP}`;
  if (128 * N * r * p > MAX_SCRYPT_MEMORY) return 'scrypt parameters need too much memory';
  return undefined;
}

/** The passphrase's bytes: non-empty, bounded, NFKC-normalized. */
export function passphraseBytes(passphrase: unknown): Uint8Array {
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new KithError('InvalidInput', 'The passphrase must not be empty.', { hint: 'Choose a passphrase of several words.' });
  }
  if (passphrase.length > MAX_PASSPHRASE_LENGTH) throw new KithError('InvalidInput', 'The passphrase is too long.');
  // NFKC so the same passphrase typed on another keyboard or OS gives the same bytes.
  return utf8(passphrase.normalize('NFKC'));
}

/** scrypt(passphrase, salt) -> 32 bytes. The caller has bounded `params`. */
export function derivePassphraseKey(passphrase: Uint8Array, salt: Uint8Array, params: ScryptParams): Promise<Buffer> {
  const maxmem = 2 * 128 * params.N * params.r * params.p; // node's default cap is 32 MiB
  return new Promise((resolve, reject) => {
    scrypt(passphrase, salt, 32, { N: params.N, r: params.r, p: params.p, maxmem }, (error, key) => {
      if (error === null) resolve(key);
      else reject(new KithError('Internal', 'The key derivation failed.', { cause: error }));
    });
  });
}
