// W3C vc-di-eddsa test vectors (shared/vectors/vc-di-eddsa, see SOURCE.txt), reproduced
// byte for byte: canonical forms, hashes, signature and proofValue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sha256 } from '@noble/hashes/sha2.js';
import { base58btc } from 'multiformats/bases/base58';
import { toHex } from '../../../src/base/bytes.ts';
import type { Signer } from '../../../src/identity/signer.ts';
import { didKeyFromPublicKey, verificationMethodFor } from '../../../src/identity/did-key.ts';
import { ed25519SigningFromSeed } from '../../../src/identity/ed25519.ts';
import { canonicalBytes, canonicalize } from '../../../src/credentials/jcs.ts';
import { hashData } from '../../../src/credentials/eddsa-jcs-2022.ts';
import { addProof, addProofAsync, verifyDocument, verifyDocumentAsync } from '../../../src/credentials/data-integrity.ts';
import { verifyCredentialAsync } from '../../../src/credentials/credential.ts';
import { verifySingleProof } from '../../../src/credentials/verify-single.ts';
import type { JsonObject } from '../../../src/credentials/types.ts';

const VECTORS = new URL('../../../../shared/vectors/vc-di-eddsa/', import.meta.url);
const text = (path: string) => readFileSync(new URL(path, VECTORS), 'utf8');
const json = (path: string) => JSON.parse(text(path)) as JsonObject;

/** A Signer from a Multikey privateKeyMultibase (multicodec ed25519-priv 0x1300 || seed). */
function signerFromPrivateMultibase(privateKeyMultibase: string): Signer {
  const bytes = base58btc.decode(privateKeyMultibase);
  assert.deepEqual([bytes[0], bytes[1], bytes.length], [0x80, 0x26, 34]);
  const signing = ed25519SigningFromSeed(bytes.subarray(2));
  const did = didKeyFromPublicKey(signing.publicKey);
  return { did, verificationMethod: verificationMethodFor(did), publicKey: signing.publicKey, sign: signing.sign };
}

const keyPair = json('keyPair.json') as { publicKeyMultibase: string; privateKeyMultibase: string };
const signer = signerFromPrivateMultibase(keyPair.privateKeyMultibase);

test('the vector key pair gives the published did:key', () => {
  assert.equal(signer.did, `did:key:${keyPair.publicKeyMultibase}`);
});

test('eddsa-jcs-2022: canonical document, proof config, hashes, signature and proofValue', () => {
  const unsigned = json('unsigned.json');
  const proofConfig = json('eddsa-jcs-2022/proofConfigJCS.json');
  assert.equal(canonicalize(unsigned), text('eddsa-jcs-2022/canonDocJCS.txt').trim());
  assert.equal(canonicalize(proofConfig), text('eddsa-jcs-2022/proofCanonJCS.txt').trim());
  assert.equal(toHex(sha256(canonicalBytes(unsigned))), text('eddsa-jcs-2022/docHashJCS.txt').trim());
  assert.equal(toHex(sha256(canonicalBytes(proofConfig))), text('eddsa-jcs-2022/proofHashJCS.txt').trim());
  const combined = hashData(unsigned, proofConfig);
  assert.equal(toHex(combined), text('eddsa-jcs-2022/combinedHashJCS.txt').trim());
  const signature = signer.sign(combined);
  assert.equal(toHex(signature), text('eddsa-jcs-2022/sigHexJCS.txt').trim());
  assert.equal(base58btc.encode(signature), text('eddsa-jcs-2022/sigBTC58JCS.txt').trim());
});

test('eddsa-jcs-2022: addProof reproduces signedJCS.json exactly, and it verifies', () => {
  const expected = json('eddsa-jcs-2022/signedJCS.json');
  const signed = addProof(json('unsigned.json'), signer, { created: '2023-02-24T23:36:38Z' });
  assert.deepEqual(signed, expected);
  assert.equal(canonicalize(signed), canonicalize(expected));
  const [verified] = verifyDocument(expected);
  assert.equal(verified?.signer, signer.did);
  assert.equal(verified?.proofPurpose, 'assertionMethod');
  assert.equal(verifySingleProof(expected).signer, signer.did);
});

// proof-set-chain/*: the W3C vectors for proof sets and chains use eddsa-rdfc-2022 (RDF
// Dataset Canonicalization). addProofAsync reproduces them byte for byte (proofValues
// included) from unsigned.json, the configs and the keys, and verifyDocumentAsync
// verifies them; the synchronous verifiers refuse them as Unsupported. The same sets and
// chains (same keys, ids, created, previousProof) are also rebuilt with eddsa-jcs-2022.
const multiKeys = json('proof-set-chain/multiKeyPairs.json') as Record<string, { publicKeyMultibase: string; privateKeyMultibase: string }>;
const keys = ['keyPair1', 'keyPair2', 'keyPair3', 'keyPair4'].map((name) => {
  const pair = multiKeys[name];
  assert.ok(pair);
  return { pair, signer: signerFromPrivateMultibase(pair.privateKeyMultibase) };
});

test('proof-set-chain: every multikey pair gives its published did:key', () => {
  for (const { pair, signer: s } of keys) assert.equal(s.did, `did:key:${pair.publicKeyMultibase}`);
});

const VECTOR_NAMES = ['signedProofSet1', 'signedProofSet2', 'signedProofChain1', 'signedProofChain2'] as const;

test('proof-set-chain: the synchronous verifiers refuse the eddsa-rdfc-2022 vectors as Unsupported, pointing to the async ones', () => {
  for (const name of VECTOR_NAMES) {
    assert.throws(() => verifyDocument(json(`proof-set-chain/${name}.json`)), (error: { code?: string; message?: string; hint?: string }) => {
      assert.equal(error.code, 'Unsupported');
      assert.match(error.message ?? '', /eddsa-rdfc-2022/u);
      assert.match(error.hint ?? '', /verifyDocumentAsync/u);
      return true;
    });
  }
  assert.throws(() => verifySingleProof(json('proof-set-chain/signedProofSet1.json')), { code: 'Unsupported', message: /eddsa-rdfc-2022/u });
});

/** The proof options of a config file, as addProof options. */
function optionsOf(config: JsonObject) {
  assert.equal(config['cryptosuite'], 'eddsa-rdfc-2022');
  assert.equal(config['type'], 'DataIntegrityProof');
  return {
    cryptosuite: 'eddsa-rdfc-2022' as const,
    created: config['created'] as string,
    proofPurpose: config['proofPurpose'] as string,
    ...(config['id'] === undefined ? {} : { id: config['id'] as string }),
    ...(config['previousProof'] === undefined ? {} : { previousProof: config['previousProof'] as string | string[] }),
  };
}

test('proof-set-chain: addProofAsync reproduces the eddsa-rdfc-2022 proof sets and chains byte for byte', async () => {
  const [k1, k2, k3, k4] = keys.map((k) => k.signer) as [Signer, Signer, Signer, Signer];
  const steps: [string, Signer, string, string][] = [
    ['proofSetConfig1', k1, 'proofSetConfigSigned1', 'signedProofSet1'],
    ['proofSetConfig2', k2, 'proofSetConfigSigned2', 'signedProofSet2'],
    ['proofChainConfig1', k3, 'proofChainConfigSigned1', 'signedProofChain1'],
    ['proofChainConfig2', k4, 'proofChainConfigSigned2', 'signedProofChain2'],
  ];
  let document: JsonObject = json('proof-set-chain/unsigned.json');
  for (const [configName, signer, signedConfigName, vectorName] of steps) {
    const config = json(`proof-set-chain/${configName}.json`);
    assert.equal(config['verificationMethod'], signer.verificationMethod, configName);
    document = await addProofAsync(document, signer, optionsOf(config));
    // The whole file, byte for byte, proofValues included.
    assert.equal(`${JSON.stringify(document, null, 2)}\n`, text(`proof-set-chain/${vectorName}.json`).replace(/\r\n/gu, '\n').trimEnd() + '\n', vectorName);
    // The new proof is exactly the published signed proof config.
    const proofs = document['proof'];
    const newest = Array.isArray(proofs) ? proofs[proofs.length - 1] : proofs;
    assert.deepEqual(newest, json(`proof-set-chain/${signedConfigName}.json`), signedConfigName);
  }
});

test('proof-set-chain: verifyDocumentAsync verifies every eddsa-rdfc-2022 vector, sets and chains', async () => {
  const dids = keys.map((k) => k.signer.did);
  const expected: Record<(typeof VECTOR_NAMES)[number], string[]> = {
    signedProofSet1: dids.slice(0, 1),
    signedProofSet2: dids.slice(0, 2),
    signedProofChain1: dids.slice(0, 3),
    signedProofChain2: dids.slice(0, 4),
  };
  for (const name of VECTOR_NAMES) {
    const proofs = await verifyDocumentAsync(json(`proof-set-chain/${name}.json`));
    assert.deepEqual(proofs.map((p) => p.signer), expected[name], name);
    assert.ok(proofs.every((p) => p.cryptosuite === 'eddsa-rdfc-2022'), name);
  }
  const chain2 = await verifyDocumentAsync(json('proof-set-chain/signedProofChain2.json'));
  assert.deepEqual(chain2.map((p) => p.previousProof), [
    [],
    [],
    ['urn:uuid:26329423-bec9-4b2e-88cb-a7c7d9dc4544', 'urn:uuid:8cc9022b-6b14-4cf3-8571-74972c5feb54'],
    ['urn:uuid:d94f792a-c546-4d06-b38a-da070ab56c23'],
  ]);
  // The chained proofs sign the document holding exactly the proofs they name (proofChainTempDoc1/2).
  const temp1 = json('proof-set-chain/proofChainTempDoc1.json');
  const chained1 = json('proof-set-chain/proofChainConfigSigned1.json');
  assert.equal((await verifyDocumentAsync({ ...temp1, proof: [...(temp1['proof'] as JsonObject[]), chained1] })).length, 3);
  // proofChainTempDoc2 is the document with just the proof that the last one names.
  const chain2Doc = json('proof-set-chain/signedProofChain2.json');
  const unsigned = json('proof-set-chain/unsigned.json');
  assert.deepEqual(json('proof-set-chain/proofChainTempDoc2.json'), { ...unsigned, proof: [(chain2Doc['proof'] as JsonObject[])[2]] });
  // verifyCredentialAsync: a VC 2.0 whose https issuer cannot be bound offline; the proofs are checked.
  assert.equal((await verifyCredentialAsync(json('proof-set-chain/signedProofChain2.json'))).length, 4);
});

/** The vector's proofs, minus what differs by suite (cryptosuite, proofValue, @context). */
function shape(document: JsonObject): unknown {
  const proofs = Array.isArray(document['proof']) ? document['proof'] : [document['proof']];
  return proofs.map((proof) => {
    const { cryptosuite: _c, proofValue: _v, '@context': _x, ...rest } = proof as JsonObject;
    return rest;
  });
}

test('proof-set-chain: the same proof sets and chains built with eddsa-jcs-2022 match the vectors and verify', () => {
  const [k1, k2, k3, k4] = keys.map((k) => k.signer) as [Signer, Signer, Signer, Signer];
  const unsigned = json('proof-set-chain/unsigned.json');
  const set1 = addProof(unsigned, k1, { id: 'urn:uuid:26329423-bec9-4b2e-88cb-a7c7d9dc4544', created: '2023-02-24T23:36:38Z' });
  const set2 = addProof(set1, k2, { id: 'urn:uuid:8cc9022b-6b14-4cf3-8571-74972c5feb54', created: '2023-02-24T23:36:38Z' });
  const chain1 = addProof(set2, k3, {
    id: 'urn:uuid:d94f792a-c546-4d06-b38a-da070ab56c23',
    created: '2023-02-26T22:06:38Z',
    previousProof: ['urn:uuid:26329423-bec9-4b2e-88cb-a7c7d9dc4544', 'urn:uuid:8cc9022b-6b14-4cf3-8571-74972c5feb54'],
  });
  const chain2 = addProof(chain1, k4, { created: '2023-02-26T22:16:38Z', previousProof: 'urn:uuid:d94f792a-c546-4d06-b38a-da070ab56c23' });
  const pairs: [JsonObject, string, Signer[]][] = [
    [set1, 'signedProofSet1', [k1]],
    [set2, 'signedProofSet2', [k1, k2]],
    [chain1, 'signedProofChain1', [k1, k2, k3]],
    [chain2, 'signedProofChain2', [k1, k2, k3, k4]],
  ];
  for (const [ours, name, signers] of pairs) {
    assert.deepEqual(shape(ours), shape(json(`proof-set-chain/${name}.json`)), name);
    assert.deepEqual(verifyDocument(ours).map((p) => p.signer), signers.map((s) => s.did), name);
  }
  // A set member signs the bare document: the second proof verifies alone on it.
  const second = (set2['proof'] as JsonObject[])[1] as JsonObject;
  assert.equal(verifySingleProof({ ...unsigned, proof: second }).signer, k2.did);
  // A chained proof signs the document with exactly the proofs it names (proofChainTempDoc1).
  const third = (chain1['proof'] as JsonObject[])[2] as JsonObject;
  const temp = { ...unsigned, proof: set2['proof'] as JsonObject[] };
  assert.deepEqual(shape({ ...temp, proof: [...(temp.proof as JsonObject[])] }), shape(json('proof-set-chain/proofChainTempDoc1.json')));
  assert.deepEqual(verifyDocument({ ...unsigned, proof: [...(set2['proof'] as JsonObject[]), third] }).length, 3);
  // Dropping a proof that a chain names breaks that chain.
  const broken = { ...chain1, proof: [(chain1['proof'] as JsonObject[])[0] as JsonObject, third] };
  assert.throws(() => verifyDocument(broken), { code: 'InvalidSignature', message: /previous proof/u });
});
