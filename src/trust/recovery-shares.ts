// The owner's seed split K of N with Shamir's secret sharing (the audited
// `shamir-secret-sharing`, over GF(2^8)): any K shares give the seed back, K-1 say nothing
// about it. Each share is its 32 bytes plus one byte of x coordinate. A share is tied to
// its setup and holder by a commitment the owner signs in the setup statement, so the
// recovering node can tell a genuine share from any other 33 bytes.
import { combine, split } from 'shamir-secret-sharing';
import { KithError } from '../base/errors.ts';
import { canonicalBytes } from '../credentials/jcs.ts';
import { sha256 } from '../credentials/sha256.ts';

/** Friends per setup: a share per friend; more is more people to reach, not more safety. */
export const MAX_FRIENDS = 10;
/** At least 2: one friend must never be able to recover alone. */
export const MIN_THRESHOLD = 2;
export const SEED_BYTES = 32;
export const SHARE_BYTES = SEED_BYTES + 1;

/** Checks a threshold for `friends` friends; InvalidInput in words otherwise. */
export function checkThreshold(threshold: number, friends: number): void {
  if (friends < MIN_THRESHOLD) throw new KithError('InvalidInput', `Choose at least ${MIN_THRESHOLD} friends; you chose ${friends}.`, { hint: 'A single friend could then recover your identity alone.' });
  if (friends > MAX_FRIENDS) throw new KithError('InvalidInput', `Choose at most ${MAX_FRIENDS} friends; you chose ${friends}.`);
  if (!Number.isInteger(threshold) || threshold < MIN_THRESHOLD) {
    throw new KithError('InvalidInput', `The threshold must be at least ${MIN_THRESHOLD}, so that no friend can recover your identity alone.`);
  }
  if (threshold > friends) throw new KithError('InvalidInput', `The threshold (${threshold}) cannot be more than the number of friends (${friends}).`);
}

/** `friends` shares of the seed, `threshold` of which rebuild it. */
export async function splitSeed(seed: Uint8Array, friends: number, threshold: number): Promise<Uint8Array[]> {
  if (seed.length !== SEED_BYTES) throw new KithError('InvalidInput', 'The recovery secret is a 32-byte seed.');
  checkThreshold(threshold, friends);
  return split(seed, friends, threshold);
}

/** The seed from shares (they must be distinct, of one split): Corrupt when they do not make one. */
export async function combineShares(shares: readonly Uint8Array[]): Promise<Uint8Array> {
  if (shares.length < MIN_THRESHOLD || shares.some((share) => share.length !== SHARE_BYTES)) {
    throw new KithError('InvalidInput', `Recovery needs at least ${MIN_THRESHOLD} shares of ${SHARE_BYTES} bytes.`);
  }
  let seed: Uint8Array;
  try {
    seed = await combine([...shares]);
  } catch {
    throw new KithError('Corrupt', 'The shares do not combine into a key.');
  }
  if (seed.length !== SEED_BYTES) throw new KithError('Corrupt', 'The shares do not combine into a key.');
  return seed;
}

/**
 * The commitment to one share: SHA-256 of the JCS of its setup, holder and bytes. A share
 * is 256 random bits, so the commitment needs no salt to hide it.
 */
export function shareCommitment(setup: string, holder: string, share: Uint8Array): string {
  const bytes = canonicalBytes({ kind: 'kith/recovery-share-commitment/v1', setup, holder, share: Buffer.from(share).toString('base64url') });
  return Buffer.from(sha256(bytes)).toString('base64url');
}
