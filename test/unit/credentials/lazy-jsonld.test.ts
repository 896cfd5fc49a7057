// The eddsa-jcs-2022 path never loads jsonld (nor rdf-canonize, nor the bundled contexts):
// it stays as fast as before eddsa-rdfc-2022 arrived. Its own file, so its own process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { issueCredential, verifyCredential, verifyCredentialAsync } from '../../../src/credentials/credential.ts';
import { verifyDocumentAsync } from '../../../src/credentials/data-integrity.ts';
import { verifySingleProof } from '../../../src/credentials/verify-single.ts';

const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((path) => /[\\/]node_modules[\\/](jsonld|rdf-canonize)[\\/]/u.test(path));

test('issuing and verifying eddsa-jcs-2022 credentials, sync or async, loads no JSON-LD code', async () => {
  const owner = OwnerKey.generate();
  const credential = issueCredential({ types: ['KithRecord'], subject: { id: owner.did, name: 'Ana' }, signer: owner });
  assert.equal(verifyCredential(credential)[0]?.signer, owner.did);
  assert.equal(verifySingleProof(credential).signer, owner.did);
  assert.equal((await verifyCredentialAsync(credential))[0]?.signer, owner.did);
  assert.deepEqual(loaded(), []);
});

test('the first eddsa-rdfc-2022 proof loads it', async () => {
  await assert.rejects(
    verifyDocumentAsync({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', verificationMethod: 'did:key:z6Mk', proofPurpose: 'x', proofValue: 'z1' },
    }),
  );
  // (The malformed proof value fails before any JSON-LD work; a well-formed one loads it.)
  const owner = OwnerKey.generate();
  const { addProofAsync } = await import('../../../src/credentials/data-integrity.ts');
  await addProofAsync({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'] }, owner, { cryptosuite: 'eddsa-rdfc-2022' });
  assert.ok(loaded().length > 0);
});
