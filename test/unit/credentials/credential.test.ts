import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { CREDENTIALS_V2_CONTEXT, issueCredential, verifyCredential } from '../../../src/credentials/credential.ts';
import { addProof, verifyDocument } from '../../../src/credentials/data-integrity.ts';
import { canonicalize } from '../../../src/credentials/jcs.ts';
import type { JsonObject } from '../../../src/credentials/types.ts';

const owner = OwnerKey.generate();
const vendor = OwnerKey.generate();

test('issueCredential makes a VC 2.0 signed by the issuer, which verifies', () => {
  const vc = issueCredential({
    types: ['KithRecord'],
    subject: { id: owner.did, email: 'ana@example.com' },
    signer: owner,
    id: 'urn:uuid:7d3c3e0e-1b53-4c0e-9f0b-8f6f1a2b3c4d',
    validFrom: '2025-05-01T10:00:00Z',
  });
  assert.deepEqual(vc['@context'], [CREDENTIALS_V2_CONTEXT]);
  assert.deepEqual(vc['type'], ['VerifiableCredential', 'KithRecord']);
  assert.equal(vc['issuer'], owner.did);
  const proof = vc['proof'] as JsonObject;
  assert.equal(proof['cryptosuite'], 'eddsa-jcs-2022');
  assert.equal(proof['verificationMethod'], owner.verificationMethod);
  assert.equal(proof['created'], '2025-05-01T10:00:00Z');
  assert.deepEqual(proof['@context'], [CREDENTIALS_V2_CONTEXT]);
  const [verified] = verifyCredential(JSON.parse(JSON.stringify(vc)));
  assert.equal(verified?.signer, owner.did);
});

test('a countersignature joins the proof set; both proofs verify', () => {
  const vc = issueCredential({ types: ['Agreement'], subject: { terms: 'no onward sharing' }, signer: owner });
  const countersigned = addProof(vc, vendor);
  assert.equal(Array.isArray(countersigned['proof']), true);
  assert.deepEqual(verifyCredential(countersigned).map((p) => p.signer), [owner.did, vendor.did]);
  assert.equal(canonicalize(vc).length < canonicalize(countersigned).length, true);
});

test('a credential whose issuer did not sign it is NotTrusted', () => {
  const claimed: JsonObject = {
    '@context': [CREDENTIALS_V2_CONTEXT],
    type: ['VerifiableCredential'],
    issuer: owner.did,
    credentialSubject: { id: owner.did },
  };
  const forged = addProof(claimed, vendor);
  assert.equal(verifyDocument(forged)[0]?.signer, vendor.did);
  assert.throws(() => verifyCredential(forged), { code: 'NotTrusted' });
});

test('malformed credentials and inputs are InvalidInput', () => {
  assert.throws(() => issueCredential({ types: ['VerifiableCredential'], subject: {}, signer: owner }), { code: 'InvalidInput' });
  assert.throws(() => issueCredential({ types: [], subject: {}, signer: owner, validFrom: 'soon' }), { code: 'InvalidInput' });
  const vc = issueCredential({ types: [], subject: { id: owner.did }, signer: owner });
  assert.throws(() => verifyCredential({ ...vc, '@context': ['https://www.w3.org/2018/credentials/v1'] }), { code: 'InvalidInput' });
  assert.throws(() => verifyCredential({ ...vc, type: ['Other'] }), { code: 'InvalidInput' });
  assert.throws(() => verifyCredential([]), { code: 'InvalidInput' });
});
