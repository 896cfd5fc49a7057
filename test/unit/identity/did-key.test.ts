import { test } from 'node:test';
import assert from 'node:assert/strict';
import { base58btc } from 'multiformats/bases/base58';
import { fromHex, toHex } from '../../../src/base/bytes.ts';
import {
  didKeyFromPublicKey,
  publicKeyFromDidKey,
  resolveVerificationMethod,
  verificationMethodFor,
} from '../../../src/identity/did-key.ts';
import { ed25519SigningFromSeed } from '../../../src/identity/ed25519.ts';

// did:key spec §"Test Vectors" / RFC 8032 TEST 1 key.
const RFC8032_SEED = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');

test('did:key round-trips and starts with z6Mk', () => {
  const { publicKey } = ed25519SigningFromSeed(RFC8032_SEED);
  const did = didKeyFromPublicKey(publicKey);
  assert.match(did, /^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/u);
  assert.equal(toHex(publicKeyFromDidKey(did)), toHex(publicKey));
  const vm = verificationMethodFor(did);
  assert.equal(vm, `${did}#${did.slice('did:key:'.length)}`);
  const resolved = resolveVerificationMethod(vm);
  assert.equal(resolved.did, did);
  assert.equal(toHex(resolved.publicKey), toHex(publicKey));
});

test('the W3C vector key pair: the private key multibase gives the published did:key', () => {
  // vc-di-eddsa keyPair.json: privateKeyMultibase is multicodec ed25519-priv (0x1300) + seed.
  const priv = base58btc.decode('z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq');
  assert.deepEqual([...priv.subarray(0, 2)], [0x80, 0x26]);
  const { publicKey } = ed25519SigningFromSeed(priv.subarray(2));
  assert.equal(didKeyFromPublicKey(publicKey), 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2');
});

test('malformed did:keys are InvalidInput', () => {
  const good = didKeyFromPublicKey(ed25519SigningFromSeed(RFC8032_SEED).publicKey);
  for (const bad of [
    'did:web:example.com',
    'did:key:',
    'did:key:6Mk',
    'did:key:z0OIl',
    good.slice(0, -2),
    `${good}#frag`,
    `${good}/path`,
    `did:key:z${'1'.repeat(2000)}`,
  ]) {
    assert.throws(() => publicKeyFromDidKey(bad), { code: 'InvalidInput' }, bad);
  }
  assert.throws(() => publicKeyFromDidKey(42 as unknown as string), { code: 'InvalidInput' });
});

test('other key types are Unsupported, naming the type', () => {
  // did:key spec examples: secp256k1 (zQ3s…) and P-256 (zDn…).
  assert.throws(() => publicKeyFromDidKey('did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme'), {
    code: 'Unsupported',
    message: /secp256k1/u,
  });
  assert.throws(() => publicKeyFromDidKey('did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169'), {
    code: 'Unsupported',
    message: /P-256/u,
  });
});

test('a verification method must name the DID’s own key', () => {
  const a = didKeyFromPublicKey(ed25519SigningFromSeed(RFC8032_SEED).publicKey);
  const b = didKeyFromPublicKey(ed25519SigningFromSeed(new Uint8Array(32).fill(1)).publicKey);
  assert.throws(() => resolveVerificationMethod(`${a}#${b.slice(8)}`), { code: 'InvalidInput' });
  assert.throws(() => resolveVerificationMethod(a), { code: 'InvalidInput' });
  assert.throws(() => resolveVerificationMethod(`${a}#key-1`), { code: 'InvalidInput' });
});
