// The Ed25519 -> X25519 conversion agrees with itself both ways: the Montgomery form of a
// public key is the public key of the converted seed, so two identities agree on one secret.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { x25519Agree, x25519PublicFromEd25519, x25519PublicFromSecret, x25519SecretFromSeed } from '../../../src/identity/x25519.ts';

test('the Montgomery form of an Ed25519 public key is the X25519 public key of its seed', () => {
  for (let i = 0; i < 20; i++) {
    const key = OwnerKey.generate();
    const seed = key.exportSeed();
    assert.deepEqual(x25519PublicFromSecret(x25519SecretFromSeed(seed)), x25519PublicFromEd25519(key.publicKey));
  }
});

test('two identities agree on one secret from each other’s did:key alone', () => {
  const ana = OwnerKey.generate();
  const ben = OwnerKey.generate();
  const one = ana.agree(x25519PublicFromEd25519(ben.publicKey));
  const two = ben.agree(x25519PublicFromEd25519(ana.publicKey));
  assert.deepEqual(one, two);
  assert.notDeepEqual(one, OwnerKey.generate().agree(x25519PublicFromEd25519(ben.publicKey)));
});

test('a low-order point or a key that is not a point is refused', () => {
  assert.throws(() => x25519Agree(x25519SecretFromSeed(new Uint8Array(32)), new Uint8Array(32)), { code: 'InvalidInput' });
  const notAPoint = new Uint8Array(32).fill(0xff);
  assert.throws(() => x25519PublicFromEd25519(notAPoint), { code: 'InvalidInput' });
});
