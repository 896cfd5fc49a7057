import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { peerIdFromString } from '@libp2p/peer-id';
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys';
import { fromHex, toHex } from '../../../src/base/bytes.ts';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { publicKeyFromDidKey } from '../../../src/identity/did-key.ts';
import { verifyEd25519 } from '../../../src/identity/ed25519.ts';
import { ed25519PublicKeyFromPeerId, peerIdFromEd25519PublicKey, peerIdFromSeed } from '../../../src/identity/peer-id.ts';

const SEED = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');

test('OwnerKey: did, verification method, public key and PeerId all come from the same key', async () => {
  const owner = OwnerKey.fromSeed(SEED);
  assert.equal(toHex(owner.publicKey), 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
  assert.deepEqual(publicKeyFromDidKey(owner.did), owner.publicKey);
  assert.equal(owner.verificationMethod, `${owner.did}#${owner.did.slice(8)}`);
  assert.match(owner.peerIdString, /^12D3KooW/u);
  // The PeerId carries the same raw public key, and matches libp2p's own derivation.
  assert.deepEqual(ed25519PublicKeyFromPeerId(owner.peerIdString), owner.publicKey);
  assert.equal(peerIdFromString(owner.peerIdString).equals(owner.peerId), true);
  const libp2pKey = await generateKeyPairFromSeed('Ed25519', SEED);
  assert.deepEqual(libp2pKey.publicKey.raw, owner.publicKey);
  assert.equal(peerIdFromSeed(SEED).toString(), owner.peerIdString);
  assert.equal(peerIdFromEd25519PublicKey(owner.publicKey).toString(), owner.peerIdString);
  assert.deepEqual(owner.libp2pPrivateKey().raw, libp2pKey.raw);
});

test('OwnerKey signs verifiably, and libp2p verifies the same signature', async () => {
  const owner = OwnerKey.generate();
  const message = new TextEncoder().encode('hello');
  const signature = owner.sign(message);
  assert.equal(verifyEd25519(owner.publicKey, message, signature), true);
  assert.equal(await owner.libp2pPrivateKey().publicKey.verify(message, signature), true);
});

test('the seed never shows in JSON, inspect or string forms', () => {
  const owner = OwnerKey.fromSeed(SEED);
  const hex = toHex(SEED);
  const b64 = Buffer.from(SEED).toString('base64');
  for (const text of [JSON.stringify(owner), inspect(owner, { showHidden: true, depth: 5 }), String(owner), JSON.stringify(Object.entries(owner))]) {
    assert.equal(text.includes(hex), false);
    assert.equal(text.includes(b64), false);
    assert.equal(text.includes(String(SEED[0]) + ',' + String(SEED[1])), false);
  }
  assert.deepEqual(owner.exportSeed(), SEED);
});

test('ed25519PublicKeyFromPeerId rejects garbage', () => {
  assert.throws(() => ed25519PublicKeyFromPeerId('not a peer id'), { code: 'InvalidInput' });
});
