// eddsa-rdfc-2022 beyond the W3C vectors: tampering, chains with a proof removed, wrong
// keys, contexts Kith does not have offline, JSON-LD safe mode, bounds, and did:key
// credentials signed and verified with the suite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { addProof, addProofAsync, verifyDocument, verifyDocumentAsync } from '../../../src/credentials/data-integrity.ts';
import { verifyCredential, verifyCredentialAsync } from '../../../src/credentials/credential.ts';
import { MAX_DOCUMENT_BYTES } from '../../../src/credentials/limits.ts';
import type { JsonObject } from '../../../src/credentials/types.ts';

const VECTORS = new URL('../../../../shared/vectors/vc-di-eddsa/proof-set-chain/', import.meta.url);
const vector = (name: string) => JSON.parse(readFileSync(new URL(`${name}.json`, VECTORS), 'utf8')) as JsonObject;
const proofsOf = (document: JsonObject) => document['proof'] as JsonObject[];

const alice = OwnerKey.generate();
const bob = OwnerKey.generate();
const RDFC = { cryptosuite: 'eddsa-rdfc-2022', created: '2025-01-01T00:00:00Z' } as const;
const UNKNOWN_CONTEXT = 'https://example.org/contexts/not-bundled/v1';

test('a changed credentialSubject value is InvalidSignature naming every proof that signs it, first first', async () => {
  for (const name of ['signedProofSet1', 'signedProofSet2', 'signedProofChain1', 'signedProofChain2']) {
    const tampered = vector(name);
    (tampered['credentialSubject'] as JsonObject)['alumniOf'] = 'The School of Forgeries';
    await assert.rejects(verifyDocumentAsync(tampered), {
      code: 'InvalidSignature',
      message: /^Proof 1 \(urn:uuid:26329423-bec9-4b2e-88cb-a7c7d9dc4544\) does not verify/u,
    });
  }
  // A change that JSON-LD sees (a new statement), not only a changed value.
  const added = vector('signedProofSet1');
  (added['credentialSubject'] as JsonObject)['name'] = 'Mallory';
  await assert.rejects(verifyDocumentAsync(added), { code: 'InvalidSignature' });
  // The proof options are signed too.
  const created = vector('signedProofSet2');
  (proofsOf(created)[1] as JsonObject)['created'] = '2023-02-25T23:36:38Z';
  await assert.rejects(verifyDocumentAsync(created), { code: 'InvalidSignature', message: /^Proof 2 /u });
});

test('a chain with a proof removed is InvalidSignature', async () => {
  const chain1 = vector('signedProofChain1');
  const [p1, p2, p3] = proofsOf(chain1) as [JsonObject, JsonObject, JsonObject];
  await assert.rejects(verifyDocumentAsync({ ...chain1, proof: [p1, p3] }), {
    code: 'InvalidSignature',
    message: /Proof 2 \(urn:uuid:d94f792a-c546-4d06-b38a-da070ab56c23\) chains to a previous proof that is not in the document/u,
  });
  const chain2 = vector('signedProofChain2');
  const [q1, q2, , q4] = proofsOf(chain2) as [JsonObject, JsonObject, JsonObject, JsonObject];
  await assert.rejects(verifyDocumentAsync({ ...chain2, proof: [q1, q2, q4] }), { code: 'InvalidSignature', message: /previous proof/u });
  // A chained proof moved onto the set without the proofs it signed over: its previousProof
  // rewritten to name only one of them no longer verifies.
  const rewired = { ...p3, previousProof: 'urn:uuid:26329423-bec9-4b2e-88cb-a7c7d9dc4544' };
  await assert.rejects(verifyDocumentAsync({ ...chain1, proof: [p1, p2, rewired] }), { code: 'InvalidSignature', message: /^Proof 3 /u });
  // Removing an unchained set member leaves a valid (smaller) set.
  assert.equal((await verifyDocumentAsync({ ...chain1, proof: [p1] })).length, 1);
});

test('a proof claiming another key is InvalidSignature', async () => {
  const set2 = vector('signedProofSet2');
  const [first, second] = proofsOf(set2) as [JsonObject, JsonObject];
  // Proof 1's signature, claimed by key 2.
  await assert.rejects(verifyDocumentAsync({ ...set2, proof: [{ ...first, verificationMethod: second['verificationMethod'] as string }, second] }), {
    code: 'InvalidSignature',
    message: /^Proof 1 /u,
  });
  // Proof 2's signature over proof 1's options.
  await assert.rejects(verifyDocumentAsync({ ...set2, proof: { ...first, proofValue: second['proofValue'] as string } }), { code: 'InvalidSignature' });
  // Signed by a key that is not the one named.
  const byBob = await addProofAsync({ ...vector('unsigned') }, bob, RDFC);
  const claimed = { ...byBob, proof: { ...(byBob['proof'] as JsonObject), verificationMethod: alice.verificationMethod } };
  await assert.rejects(verifyDocumentAsync(claimed), { code: 'InvalidSignature' });
});

test('an unknown remote @context is Unsupported, naming the URL, when verifying and when signing', async () => {
  const message = `The credential uses the JSON-LD context ${UNKNOWN_CONTEXT}, which Kith does not have offline.`;
  const withContext = vector('signedProofSet1');
  (withContext['@context'] as string[]).push(UNKNOWN_CONTEXT);
  await assert.rejects(verifyDocumentAsync(withContext), (error: { code?: string; message?: string }) => {
    assert.equal(error.code, 'Unsupported');
    assert.equal(error.message, message);
    return true;
  });
  await assert.rejects(verifyCredentialAsync(withContext), { code: 'Unsupported', message });
  const unsigned = vector('unsigned');
  await assert.rejects(addProofAsync({ ...unsigned, '@context': [...(unsigned['@context'] as string[]), UNKNOWN_CONTEXT] }, alice, RDFC), {
    code: 'Unsupported',
    message,
  });
  // A context @import-ed from an inline context is refused the same way.
  const imported = { ...unsigned, '@context': [...(unsigned['@context'] as string[]), { '@import': UNKNOWN_CONTEXT }] };
  await assert.rejects(addProofAsync(imported, alice, RDFC), { code: 'Unsupported', message });
});

test('JSON-LD runs in safe mode: a term no context defines is InvalidInput, not silently unsigned', async () => {
  const credential: JsonObject = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    issuer: alice.did,
    credentialSubject: { id: bob.did, favouriteColour: 'blue' },
  };
  await assert.rejects(addProofAsync(credential, alice, RDFC), { code: 'InvalidInput', message: /not valid JSON-LD/u });
  // Signed with the term defined, then the definition dropped: refused, not verified over less data.
  const defined = { ...credential, '@context': ['https://www.w3.org/ns/credentials/v2', { favouriteColour: 'https://example.org/favouriteColour' }] };
  const signed = await addProofAsync(defined, alice, RDFC);
  assert.equal((await verifyDocumentAsync(signed))[0]?.signer, alice.did);
  await assert.rejects(verifyDocumentAsync({ ...signed, '@context': credential['@context'] }), { code: 'InvalidInput' });
  // A relative id (no base IRI) would vanish from the RDF: refused too.
  await assert.rejects(addProofAsync({ ...defined, id: 'not-an-iri' }, alice, RDFC), { code: 'InvalidInput' });
});

test('documents over the size bounds are InvalidInput before any JSON-LD work', async () => {
  const big = { ...vector('unsigned'), description: 'x'.repeat(MAX_DOCUMENT_BYTES) };
  await assert.rejects(addProofAsync(big, alice, RDFC), { code: 'InvalidInput', message: /larger than/u });
  const signed = await addProofAsync(vector('unsigned'), alice, RDFC);
  await assert.rejects(verifyDocumentAsync({ ...signed, description: 'x'.repeat(MAX_DOCUMENT_BYTES) }), { code: 'InvalidInput' });
  let deep: JsonObject = { id: 'urn:x:leaf' };
  for (let i = 0; i < 40; i++) deep = { id: `urn:x:${i}`, alumniOf: deep };
  await assert.rejects(addProofAsync({ ...vector('unsigned'), credentialSubject: deep }, alice, RDFC), { code: 'InvalidInput', message: /deeper/u });
});

test('a did:key credential signed with eddsa-rdfc-2022 verifies offline; the issuer must have signed it', async () => {
  const credential: JsonObject = {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
    type: ['VerifiableCredential', 'AlumniCredential'],
    issuer: alice.did,
    validFrom: '2025-01-01T00:00:00Z',
    credentialSubject: { id: bob.did, alumniOf: 'Universidade de Lisboa' },
  };
  const signed = await addProofAsync(credential, alice, { ...RDFC, id: 'urn:uuid:aaaa' });
  assert.equal((signed['proof'] as JsonObject)['@context'], undefined, 'an eddsa-rdfc-2022 proof carries no @context');
  const [verified] = await verifyCredentialAsync(signed);
  assert.equal(verified?.signer, alice.did);
  assert.equal(verified?.cryptosuite, 'eddsa-rdfc-2022');
  // The synchronous verifier refuses the suite rather than guessing.
  assert.throws(() => verifyCredential(signed), { code: 'Unsupported', message: /eddsa-rdfc-2022/u });
  // Signed by someone else than its did:key issuer: NotTrusted.
  await assert.rejects(verifyCredentialAsync(await addProofAsync(credential, bob, RDFC)), { code: 'NotTrusted' });
  // A JCS countersignature and an RDFC chained endorsement on the same credential.
  const countersigned = await addProofAsync(signed, bob, { created: '2025-01-02T00:00:00Z', id: 'urn:uuid:bbbb' });
  const endorsed = await addProofAsync(countersigned, bob, { ...RDFC, previousProof: ['urn:uuid:aaaa', 'urn:uuid:bbbb'] });
  const proofs = await verifyCredentialAsync(endorsed);
  assert.deepEqual(proofs.map((p) => [p.cryptosuite, p.signer]), [
    ['eddsa-rdfc-2022', alice.did],
    ['eddsa-jcs-2022', bob.did],
    ['eddsa-rdfc-2022', bob.did],
  ]);
  // A proof that carries the document's @context (allowed by §3.2.2) verifies; one that does not match is refused.
  const withContext = await addProofAsync(credential, alice, RDFC);
  const proof = withContext['proof'] as JsonObject;
  assert.equal((await verifyDocumentAsync({ ...withContext, proof: { ...proof, '@context': credential['@context'] } }))[0]?.signer, alice.did);
  await assert.rejects(verifyDocumentAsync({ ...withContext, proof: { ...proof, '@context': ['https://www.w3.org/ns/credentials/examples/v2'] } }), {
    code: 'InvalidSignature',
    message: /@context does not match/u,
  });
});

test('addProof (synchronous) signs eddsa-jcs-2022 only; addProofAsync does both', async () => {
  const document = vector('unsigned');
  const options = { cryptosuite: 'eddsa-rdfc-2022' } as unknown as Parameters<typeof addProof>[2];
  assert.throws(() => addProof(document, alice, options), { code: 'Unsupported', message: /eddsa-jcs-2022 only/u });
  const jcs = await addProofAsync(document, alice, { created: RDFC.created });
  assert.deepEqual(jcs, addProof(document, alice, { created: RDFC.created }));
  assert.equal(verifyDocument(jcs)[0]?.cryptosuite, 'eddsa-jcs-2022');
  await assert.rejects(addProofAsync(document, alice, { cryptosuite: 'ecdsa-rdfc-2019' as 'eddsa-rdfc-2022' }), { code: 'Unsupported' });
});
