import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromHex, toHex } from '../../../src/base/bytes.ts';
import { generateSeed } from '../../../src/identity/ed25519.ts';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { isValidRecoveryPhrase, newRecoveryPhrase, recoveryPhraseFromSeed, seedFromRecoveryPhrase } from '../../../src/identity/recovery.ts';

test('BIP-39 reference vector: 0x7f x 32 entropy', () => {
  // From the BIP-39 English test vectors (trezor/python-mnemonic vectors.json).
  const phrase = recoveryPhraseFromSeed(fromHex('7f'.repeat(32)));
  assert.equal(
    phrase,
    'legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth title',
  );
  assert.equal(toHex(seedFromRecoveryPhrase(phrase)), '7f'.repeat(32));
});

test('restore gives the identical key (did, public key, PeerId)', () => {
  const seed = generateSeed();
  const original = OwnerKey.fromSeed(seed);
  const phrase = original.recoveryPhrase();
  assert.equal(phrase.split(' ').length, 24);
  const restored = OwnerKey.fromRecoveryPhrase(`  ${phrase.toUpperCase().replaceAll(' ', '\n ')}  `);
  assert.equal(restored.did, original.did);
  assert.equal(restored.peerIdString, original.peerIdString);
  assert.deepEqual(restored.publicKey, original.publicKey);
  assert.deepEqual(restored.exportSeed(), seed);
});

test('a word not in the list is named by position, and the phrase is not echoed', () => {
  const errorFor = (words: string[]): Error & { code: string } => {
    try {
      seedFromRecoveryPhrase(words.join(' '));
    } catch (e) {
      return e as Error & { code: string };
    }
    assert.fail('a phrase with an unknown word was accepted');
  };
  const misspelt = (): string[] => {
    const words = recoveryPhraseFromSeed(generateSeed()).split(' ');
    words[4] = 'kithx';
    return words;
  };
  const error = errorFor(misspelt());
  assert.equal(error.code, 'InvalidInput');
  assert.match(error.message, /5th word/u);
  assert.equal(error.message.includes('kithx'), false);
  // Nothing of the phrase shows: two different phrases misspelt at the same place give
  // the same message. (Checking for each word by substring fails at random, because
  // list words such as "word" or "list" appear in the message itself.)
  assert.equal(errorFor(misspelt()).message, error.message);
});

test('wrong word count and bad checksum are InvalidInput', () => {
  const words = recoveryPhraseFromSeed(generateSeed()).split(' ');
  assert.throws(() => seedFromRecoveryPhrase(words.slice(0, 23).join(' ')), { code: 'InvalidInput', message: /23 words/u });
  assert.throws(() => seedFromRecoveryPhrase(words.slice(0, 12).join(' ')), { code: 'InvalidInput' });
  const swapped = [...words];
  [swapped[0], swapped[1]] = [swapped[1] as string, swapped[0] as string];
  if (swapped[0] !== swapped[1]) {
    assert.throws(() => seedFromRecoveryPhrase(swapped.join(' ')), { code: 'InvalidInput', message: /checksum/u });
  }
  assert.throws(() => seedFromRecoveryPhrase(42), { code: 'InvalidInput' });
  assert.throws(() => seedFromRecoveryPhrase('abandon '.repeat(500)), { code: 'InvalidInput' });
  assert.equal(isValidRecoveryPhrase(words.join(' ')), true);
  assert.equal(isValidRecoveryPhrase('abandon'), false);
});

test('newRecoveryPhrase gives a fresh valid 24-word phrase each time', () => {
  const a = newRecoveryPhrase();
  assert.equal(a.split(' ').length, 24);
  assert.equal(isValidRecoveryPhrase(a), true);
  assert.notEqual(a, newRecoveryPhrase());
});
