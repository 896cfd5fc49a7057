// The 24-word recovery phrase (BIP-39, English word list, via @scure/bip39).
//
// Seed choice: the phrase's 256 bits of entropy ARE the 32-byte Ed25519 seed
// (RFC 8032 §5.1.5 private key). We do not run the BIP-39 PBKDF2 seed function nor
// SLIP-0010 derivation, because:
//   - Kith has exactly one key per owner, so hierarchical derivation buys nothing;
//   - the mapping is a bijection, so the phrase can be shown again for an existing key
//     at any time (e.g. "show my recovery phrase" after unlocking the keystore), and
//     any seed, however it was made, has a phrase;
//   - there is no optional BIP-39 passphrase ("25th word") that could silently restore
//     a different identity.
// The cost is that wallets deriving keys from the same words would get other keys;
// a Kith phrase is not meant to be typed into a wallet.
import { entropyToMnemonic, mnemonicToEntropy } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { KithError } from '../base/errors.ts';
import { generateSeed } from './ed25519.ts';

export const RECOVERY_WORD_COUNT = 24;
/** Longest English word is 8 letters: 24 x 9 plus generous room for extra spaces. */
const MAX_PHRASE_LENGTH = 1000;
const WORDS: ReadonlySet<string> = new Set(wordlist);

/** The 24 words for a 32-byte seed, separated by single spaces. */
export function recoveryPhraseFromSeed(seed: Uint8Array): string {
  if (!(seed instanceof Uint8Array) || seed.length !== 32) {
    throw new KithError('InvalidInput', 'A recovery phrase is made from a 32-byte seed.');
  }
  return entropyToMnemonic(seed, wordlist);
}

/** The phrase of a fresh random seed: restore it with seedFromRecoveryPhrase. */
export function newRecoveryPhrase(): string {
  return recoveryPhraseFromSeed(generateSeed());
}

/** Words of a phrase as typed: NFKD (BIP-39 §"From mnemonic to seed"), lower case, any whitespace. */
export function normalizeRecoveryPhrase(phrase: string): string[] {
  return phrase.normalize('NFKD').toLowerCase().trim().split(/\s+/u).filter((word) => word.length > 0);
}

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/**
 * The seed back from its 24 words. InvalidInput names the problem (word count, the
 * position of a word not in the list, or a failed checksum) but never echoes the phrase.
 */
export function seedFromRecoveryPhrase(phrase: unknown): Uint8Array {
  if (typeof phrase !== 'string') throw new KithError('InvalidInput', 'The recovery phrase must be text.');
  if (phrase.length > MAX_PHRASE_LENGTH) {
    throw new KithError('InvalidInput', `The recovery phrase is too long; it has ${RECOVERY_WORD_COUNT} words.`);
  }
  const words = normalizeRecoveryPhrase(phrase);
  if (words.length !== RECOVERY_WORD_COUNT) {
    throw new KithError('InvalidInput', `The recovery phrase has ${words.length} words; it must have ${RECOVERY_WORD_COUNT}.`, {
      hint: 'Type all 24 words in order, separated by spaces.',
    });
  }
  const unknown = words.findIndex((word) => !WORDS.has(word));
  if (unknown >= 0) {
    throw new KithError('InvalidInput', `The ${ordinal(unknown + 1)} word of the recovery phrase is not in the word list.`, {
      hint: 'Check its spelling against the words you wrote down.',
    });
  }
  try {
    return mnemonicToEntropy(words.join(' '), wordlist);
  } catch {
    throw new KithError('InvalidInput', 'The recovery phrase checksum does not match: a word is wrong or out of order.', {
      hint: 'Every word is in the list, so check that each is the one you wrote down, in the same order.',
    });
  }
}

/** True if the phrase would restore a seed (no error detail). */
export function isValidRecoveryPhrase(phrase: unknown): boolean {
  try {
    seedFromRecoveryPhrase(phrase);
    return true;
  } catch {
    return false;
  }
}
