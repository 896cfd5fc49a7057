// Every way a secured document can be wrong, and the error code it must give.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { addProof, verifyDocument } from '../../../src/credentials/data-integrity.ts';
import { verifySingleProof } from '../../../src/credentials/verify-single.ts';
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENT_DEPTH, MAX_PROOFS } from '../../../src/credentials/limits.ts';
import type { JsonObject, JsonValue } from '../../../src/credentials/types.ts';

const alice = OwnerKey.generate();
const bob = OwnerKey.generate();
const doc: JsonObject = {
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential'],
  issuer: alice.did,
  credentialSubject: { id: bob.did, email: 'bob@example.com', tags: ['a', 'b'] },
};
const signed = addProof(doc, alice, { created: '2025-01-01T00:00:00Z' });

function withProof(change: (proof: JsonObject) => void): JsonObject {
  const copy = structuredClone(signed) as JsonObject;
  change(copy['proof'] as JsonObject);
  return copy;
}

function both(document: unknown, expected: { code: string; message?: RegExp }): void {
  assert.throws(() => verifyDocument(document), expected);
  assert.throws(() => verifySingleProof(document), expected);
}

test('the untouched document verifies with both verifiers', () => {
  assert.equal(verifyDocument(signed)[0]?.signer, alice.did);
  assert.equal(verifySingleProof(signed).signer, alice.did);
});

test('a tampered field is InvalidSignature naming the proof', () => {
  const tampered = structuredClone(signed) as JsonObject;
  (tampered['credentialSubject'] as JsonObject)['email'] = 'mallory@example.com';
  both(tampered, { code: 'InvalidSignature', message: /Proof 1 does not verify/u });
  const added = { ...signed, extra: true };
  both(added, { code: 'InvalidSignature' });
  both(withProof((p) => (p['created'] = '2025-01-02T00:00:00Z')), { code: 'InvalidSignature' });
  both(withProof((p) => (p['proofPurpose'] = 'authentication')), { code: 'InvalidSignature' });
});

test('a signature by another key is InvalidSignature', () => {
  const byBob = addProof(doc, bob, { created: '2025-01-01T00:00:00Z' });
  both(withProof((p) => (p['proofValue'] = (byBob['proof'] as JsonObject)['proofValue'] as JsonValue)), { code: 'InvalidSignature' });
});

test('a swapped verificationMethod is InvalidSignature', () => {
  both(withProof((p) => (p['verificationMethod'] = bob.verificationMethod)), { code: 'InvalidSignature' });
});

test('a verificationMethod that is not a did:key URL is rejected', () => {
  both(withProof((p) => (p['verificationMethod'] = 'https://example.com/keys/1')), { code: 'InvalidInput' });
  both(withProof((p) => (p['verificationMethod'] = `${alice.did}#key-1`)), { code: 'InvalidInput' });
  both(withProof((p) => (p['verificationMethod'] = 'did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169#zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169')), {
    code: 'Unsupported',
  });
});

test('an unknown cryptosuite or proof type is Unsupported', () => {
  both(withProof((p) => (p['cryptosuite'] = 'ecdsa-jcs-2019')), { code: 'Unsupported', message: /ecdsa-jcs-2019/u });
  both(withProof((p) => (p['type'] = 'Ed25519Signature2020')), { code: 'Unsupported' });
});

test('a missing or malformed proofValue is InvalidInput', () => {
  both(withProof((p) => delete p['proofValue']), { code: 'InvalidInput', message: /proofValue/u });
  both(withProof((p) => (p['proofValue'] = 'u' + String(p['proofValue']).slice(1))), { code: 'InvalidInput', message: /multibase/u });
  both(withProof((p) => (p['proofValue'] = 'z0OIl')), { code: 'InvalidInput' });
  both(withProof((p) => (p['proofValue'] = String(p['proofValue']).slice(0, 40))), { code: 'InvalidInput', message: /64-byte/u });
  both(withProof((p) => (p['proofValue'] = 42)), { code: 'InvalidInput' });
});

test('other malformed proofs and documents are InvalidInput', () => {
  both(withProof((p) => delete p['verificationMethod']), { code: 'InvalidInput' });
  both(withProof((p) => delete p['proofPurpose']), { code: 'InvalidInput' });
  both(withProof((p) => (p['created'] = 'yesterday')), { code: 'InvalidInput' });
  both(withProof((p) => (p['created'] = '2025-01-01T00:00:00')), { code: 'InvalidInput' }); // no time zone
  both(doc, { code: 'InvalidInput' });
  both('a string', { code: 'InvalidInput' });
  both({ ...doc, proof: 'x' }, { code: 'InvalidInput' });
  assert.throws(() => verifyDocument({ ...doc, proof: [] }), { code: 'InvalidInput' });
});

test('a changed @context is caught', () => {
  const other = { ...signed, '@context': ['https://example.com/other'] };
  both(other, { code: 'InvalidSignature', message: /@context/u });
});

test('oversized, too deep and too many proofs are InvalidInput', () => {
  const big = addProof({ ...doc }, alice);
  (big as JsonObject)['blob'] = 'x'.repeat(MAX_DOCUMENT_BYTES);
  both(big, { code: 'InvalidInput', message: /larger than/u });
  let deep: JsonValue = 'leaf';
  for (let i = 0; i < MAX_DOCUMENT_DEPTH + 1; i++) deep = { d: deep };
  both({ ...signed, deep }, { code: 'InvalidInput', message: /deeper/u });
  assert.throws(() => addProof({ deep }, alice), { code: 'InvalidInput' });
  const many = { ...doc, proof: Array.from({ length: MAX_PROOFS + 1 }, () => signed['proof'] as JsonValue) };
  assert.throws(() => verifyDocument(many), { code: 'InvalidInput', message: /more than/u });
});

test('proof sets: a bad countersignature fails naming it; duplicate ids and dangling chains are refused', () => {
  const set = addProof(addProof(doc, alice, { id: 'urn:a' }), bob, { id: 'urn:b' });
  assert.deepEqual(verifyDocument(set).map((p) => p.signer), [alice.did, bob.did]);
  assert.throws(() => verifySingleProof(set), { code: 'InvalidInput' });
  const proofs = structuredClone(set['proof']) as JsonObject[];
  (proofs[1] as JsonObject)['verificationMethod'] = alice.verificationMethod;
  assert.throws(() => verifyDocument({ ...set, proof: proofs }), { code: 'InvalidSignature', message: /Proof 2 \(urn:b\)/u });
  const dup = [set['proof'] as JsonObject[]][0] as JsonObject[];
  assert.throws(() => verifyDocument({ ...set, proof: [dup[0] as JsonObject, dup[0] as JsonObject] }), { code: 'InvalidInput', message: /same id/u });
  assert.throws(() => addProof(set, alice, { id: 'urn:a' }), { code: 'InvalidInput' });
  assert.throws(() => addProof(set, alice, { previousProof: 'urn:missing' }), { code: 'InvalidInput' });
  const chained = addProof(set, alice, { previousProof: 'urn:b' });
  assert.throws(() => verifySingleProof({ ...doc, proof: [(chained['proof'] as JsonObject[])[2] as JsonObject] }), { code: 'InvalidInput' });
});
