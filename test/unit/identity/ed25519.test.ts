import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { fromHex, toHex } from '../../../src/base/bytes.ts';
import {
  ed25519SigningFromSeed,
  generateSeed,
  verifyEd25519,
  verifyEd25519Portable,
} from '../../../src/identity/ed25519.ts';
import { SMALL_ORDER_ENCODINGS, publicKeyViolation, signatureViolation } from '../../../src/identity/ed25519-rule.ts';

ed.hashes.sha512 = sha512;
const { Point } = ed;
const L = Point.CURVE().n;
const P = Point.CURVE().p;

/** Both paths (native and portable) must give the same answer: that is the point of the rule. */
function verifyBoth(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const a = verifyEd25519(publicKey, message, signature);
  const b = verifyEd25519Portable(publicKey, message, signature);
  assert.equal(a, b, 'native and portable paths disagree');
  return a;
}

// RFC 8032 §7.1, TEST 1–3.
const RFC8032 = [
  {
    secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature:
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature:
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    secret: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    publicKey: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    message: 'af82',
    signature:
      '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
];

test('RFC 8032 tests 1–3: signing from the seed gives the published key and signature, and they verify', () => {
  for (const vector of RFC8032) {
    const signing = ed25519SigningFromSeed(fromHex(vector.secret));
    assert.equal(toHex(signing.publicKey), vector.publicKey);
    const message = fromHex(vector.message);
    assert.equal(toHex(signing.sign(message)), vector.signature);
    assert.equal(verifyBoth(fromHex(vector.publicKey), message, fromHex(vector.signature)), true);
    const tampered = fromHex(vector.signature);
    tampered[10] = (tampered[10] ?? 0) ^ 1;
    assert.equal(verifyBoth(fromHex(vector.publicKey), message, tampered), false);
    assert.equal(verifyBoth(fromHex(vector.publicKey), Uint8Array.of(1, 2, 3), fromHex(vector.signature)), false);
  }
});

test('generateSeed gives distinct 32-byte seeds whose signatures verify', () => {
  const a = generateSeed();
  const b = generateSeed();
  assert.equal(a.length, 32);
  assert.notDeepEqual(a, b);
  const signing = ed25519SigningFromSeed(a);
  const message = new Uint8Array(200).fill(9);
  assert.equal(verifyBoth(signing.publicKey, message, signing.sign(message)), true);
});

test('wrong lengths are rejected without throwing', () => {
  assert.equal(verifyEd25519(new Uint8Array(31), new Uint8Array(0), new Uint8Array(64)), false);
  assert.equal(verifyEd25519(new Uint8Array(32), new Uint8Array(0), new Uint8Array(63)), false);
  assert.throws(() => ed25519SigningFromSeed(new Uint8Array(31)), { code: 'InvalidInput' });
});

test('the small-order blocklist is exactly the 8 small-order points plus the 2 negative-zero encodings', () => {
  // Torsion points: the order-8 generator's multiples, found from y = 0 (order 4) halved.
  const found = new Set<string>();
  for (const candidate of SMALL_ORDER_ENCODINGS) {
    const point = Point.fromBytes(candidate, true);
    assert.equal(point.isSmallOrder(), true);
  }
  // Recompute: every small-order point is T8 * i for a point T8 of order 8.
  const t8 = Point.fromBytes(SMALL_ORDER_ENCODINGS[4] as Uint8Array, false);
  assert.equal(t8.multiply(4n, false).is0(), false);
  for (let i = 0n; i < 8n; i++) found.add(toHex(t8.multiply(i, false).toBytes()));
  assert.equal(found.size, 8);
  const canonical = SMALL_ORDER_ENCODINGS.slice(0, 8).map(toHex);
  assert.deepEqual([...found].sort(), [...canonical].sort());
  // The two extra entries are y = 1 and y = p - 1 with the sign bit set (x = 0, "negative zero").
  assert.equal(toHex(SMALL_ORDER_ENCODINGS[8] as Uint8Array), '01' + '00'.repeat(30) + '80');
  assert.equal(toHex(SMALL_ORDER_ENCODINGS[9] as Uint8Array), 'ec' + 'ff'.repeat(31));
});

// ---- Edge cases, built with noble's Point arithmetic ----

function bytesLE(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return out;
}
function numberLE(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i] ?? 0);
  return n;
}
const mod = (n: bigint) => ((n % L) + L) % L;
const challenge = (R: Uint8Array, A: Uint8Array, M: Uint8Array) => mod(numberLE(sha512(ed.etc.concatBytes(R, A, M))));
const randomScalar = () => mod(numberLE(ed.etc.randomBytes(64)));
const signatureOf = (R: Uint8Array, S: bigint) => ed.etc.concatBytes(R, bytesLE(S));
const message = new TextEncoder().encode('kith edge case');
const T8 = Point.fromBytes(SMALL_ORDER_ENCODINGS[4] as Uint8Array, false); // a point of order 8

function nativeAccepts(publicKey: Uint8Array, signature: Uint8Array): boolean {
  try {
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), publicKey]);
    return nodeVerify(null, message, createPublicKey({ key: spki, format: 'der', type: 'spki' }), signature);
  } catch {
    return false;
  }
}

test('a hand-made signature verifies (the construction below is sound)', () => {
  const a = randomScalar();
  const A = Point.BASE.multiply(a).toBytes();
  const r = randomScalar();
  const R = Point.BASE.multiply(r).toBytes();
  const S = mod(r + challenge(R, A, message) * a);
  assert.equal(verifyBoth(A, message, signatureOf(R, S)), true);
});

test('rule 1: a non-canonical A (y = p + 1, the identity) is rejected, though ZIP-215 accepts it', () => {
  const A = bytesLE(P + 1n);
  const r = randomScalar();
  const R = Point.BASE.multiply(r).toBytes();
  const signature = signatureOf(R, r); // [S]B = R + [k]identity
  assert.equal(ed.verify(signature, message, A, { zip215: true }), true);
  assert.equal(publicKeyViolation(A), 'non-canonical-A');
  assert.equal(verifyBoth(A, message, signature), false);
});

test('rule 1: a non-canonical R is rejected, though ZIP-215 accepts it', () => {
  const a = randomScalar();
  const A = Point.BASE.multiply(a).toBytes();
  const R = bytesLE(P + 1n); // the identity, encoded with y >= p
  const signature = signatureOf(R, mod(challenge(R, A, message) * a));
  assert.equal(ed.verify(signature, message, A, { zip215: true }), true);
  assert.equal(signatureViolation(signature), 'non-canonical-R');
  assert.equal(verifyBoth(A, message, signature), false);
});

test('rule 1: negative-zero encodings are rejected', () => {
  assert.equal(publicKeyViolation(fromHex('01' + '00'.repeat(30) + '80')), 'small-order-A');
  const signature = ed.etc.concatBytes(fromHex('01' + '00'.repeat(30) + '80'), new Uint8Array(32));
  assert.equal(signatureViolation(signature), 'small-order-R');
});

test('rule 2: a small-order A (the identity) is rejected, though the bare equation holds', () => {
  const A = Point.ZERO.toBytes();
  const r = randomScalar();
  const R = Point.BASE.multiply(r).toBytes();
  const signature = signatureOf(R, r);
  assert.equal(ed.verify(signature, message, A, { zip215: true }), true);
  assert.equal(publicKeyViolation(A), 'small-order-A');
  assert.equal(verifyBoth(A, message, signature), false);
});

test('rule 2: a small-order R (the identity) is rejected', () => {
  const a = randomScalar();
  const A = Point.BASE.multiply(a).toBytes();
  const R = Point.ZERO.toBytes();
  const signature = signatureOf(R, mod(challenge(R, A, message) * a));
  assert.equal(ed.verify(signature, message, A, { zip215: true }), true);
  assert.equal(signatureViolation(signature), 'small-order-R');
  assert.equal(verifyBoth(A, message, signature), false);
});

test('rule 3: S >= L is rejected (S + L verifies under an unreduced equation)', () => {
  const signing = ed25519SigningFromSeed(generateSeed());
  const good = signing.sign(message);
  const S = numberLE(good.subarray(32));
  const bad = signatureOf(good.subarray(0, 32), S + L);
  assert.equal(signatureViolation(bad), 'S-not-reduced');
  assert.equal(verifyBoth(signing.publicKey, message, bad), false);
  assert.equal(signatureViolation(signatureOf(good.subarray(0, 32), L)), 'S-not-reduced');
  assert.equal(signatureViolation(signatureOf(good.subarray(0, 32), L - 1n)), undefined);
});

test('rule 4: a torsioned A is rejected even where the cofactorless equation holds', () => {
  const a = randomScalar();
  const A = Point.BASE.multiply(a).add(T8).toBytes();
  // Pick r so that 8 | k: then [k]T8 vanishes and [S]B = R + [k]A holds exactly.
  let signature: Uint8Array | undefined;
  for (let i = 0; i < 1000 && signature === undefined; i++) {
    const r = randomScalar();
    const R = Point.BASE.multiply(r).toBytes();
    const k = challenge(R, A, message);
    if (k % 8n === 0n) signature = signatureOf(R, mod(r + k * a));
  }
  assert.ok(signature);
  assert.equal(nativeAccepts(A, signature), true, 'OpenSSL alone accepts it: our rule is what refuses');
  assert.equal(publicKeyViolation(A), 'torsion-A');
  assert.equal(verifyBoth(A, message, signature), false);
});

test('rule 5: a mixed-order R passes the cofactored equation (noble) but not ours', () => {
  const a = randomScalar();
  const A = Point.BASE.multiply(a).toBytes();
  const r = randomScalar();
  const R = Point.BASE.multiply(r).add(T8).toBytes();
  const signature = signatureOf(R, mod(r + challenge(R, A, message) * a));
  assert.equal(ed.verify(signature, message, A, { zip215: false }), true, 'noble is cofactored even in strict mode');
  assert.equal(signatureViolation(signature), undefined, 'not caught by the byte rules');
  assert.equal(verifyBoth(A, message, signature), false);
});

test('a key that is not a curve point is rejected', () => {
  // Find a y < p with no x: (y^2 - 1) / (d y^2 + 1) is not a square.
  for (let y = 2n; y < 100n; y++) {
    try {
      Point.fromBytes(bytesLE(y), false);
    } catch {
      assert.equal(publicKeyViolation(bytesLE(y)), 'invalid-point-A');
      assert.equal(verifyBoth(bytesLE(y), message, new Uint8Array(64)), false);
      return;
    }
  }
  assert.fail('no off-curve y found');
});
