// Credentials and proofs (src/credentials) and the identifiers they name (did:key,
// PeerIds): eddsa-jcs-2022 and eddsa-rdfc-2022 verification of edited signed documents
// (single proofs, proof sets, chains; edits anywhere, the proof included), and JCS
// (RFC 8785) on any value, with its round trip and idempotence.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { KithError } from '../../../src/base/errors.ts';
import { credentialIssuer, issueCredential, verifyCredential } from '../../../src/credentials/credential.ts';
import { addProof, addProofAsync, verifyDocument, verifyDocumentAsync } from '../../../src/credentials/data-integrity.ts';
import { decodeProofValue } from '../../../src/credentials/eddsa-jcs-2022.ts';
import { CREDENTIALS_EXAMPLES_V2_CONTEXT } from '../../../src/credentials/jsonld-loader.ts';
import { canonicalize } from '../../../src/credentials/jcs.ts';
import type { JsonObject, JsonValue } from '../../../src/credentials/types.ts';
import { verifySingleProof } from '../../../src/credentials/verify-single.ts';
import { publicKeyFromDidKey, resolveVerificationMethod } from '../../../src/identity/did-key.ts';
import { ed25519PublicKeyFromPeerId } from '../../../src/identity/peer-id.ts';
import { anyText, mutated } from '../arbitraries.ts';
import { defineTarget } from '../runner.ts';
import { holder, owner } from './fixtures.ts';

const time = '2026-12-01T10:00:00Z';
const single = issueCredential({ types: ['KithRecord'], subject: { id: owner.did, email: 'ana@example.com', n: [1, 2.5, null, true] }, signer: owner, validFrom: time, id: 'urn:uuid:7d3c3e0e-1b53-4c0e-9f0b-8f6f1a2b3c4d' });
const set = addProof(single, holder, { created: time });
const first = addProof(issueCredential({ types: ['Agreement'], subject: { terms: 'x' }, signer: owner, validFrom: time }), owner, { created: time, id: 'urn:proof:1' });
const chain = addProof(first, holder, { created: time, previousProof: 'urn:proof:1' });
const SAMPLES: readonly JsonObject[] = [single, set, chain];

/** Every way Kith reads a proof: the proof set, the VC view, the bulk single-proof path. */
function verifyAll(value: JsonValue): void {
  for (const verify of [verifyDocument, verifyCredential, verifySingleProof, credentialIssuer]) {
    try {
      verify(value);
    } catch (error) {
      // Each reader must refuse with a stable code; the first that does not is the failure.
      if (!(error instanceof KithError) || error.code === 'Internal') throw error;
    }
  }
}

const didText = fc.oneof(
  anyText(120),
  fc.constantFrom(owner.did, owner.verificationMethod, owner.peerIdString).chain((s) => fc.tuple(fc.nat(), fc.string({ maxLength: 4 })).map(([at, insert]) => s.slice(0, at % (s.length + 1)) + insert + s.slice(at % (s.length + 1)))),
  fc.string({ unit: fc.constantFrom(...'123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'), maxLength: 80 }).map((s) => `did:key:z${s}`),
);

/** Values JCS must refuse or take: JSON, and what is not JSON (undefined, NaN, Map, deep nesting). */
const anything: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 5 }),
  fc.anything({ maxDepth: 4, withBigInt: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true, withNullPrototype: true, withObjectString: true }),
  fc.integer({ min: 90, max: 130 }).map((depth) => {
    let value: unknown = 1;
    for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { k: value };
    return value;
  }),
);

function sameJson(a: unknown, b: unknown): void {
  // -0 has no JSON form of its own: JCS writes it as 0.
  assert.deepEqual(JSON.parse(JSON.stringify(a)), b);
}

export const credentialTargets = [
  defineTarget({
    name: 'credentials/verify',
    covers: 'eddsa-jcs-2022 proofs: single, proof sets and chains, edited anywhere (verifyDocument, verifyCredential, verifySingleProof)',
    arbitrary: mutated(SAMPLES),
    run: verifyAll,
    roundTrip: { arbitrary: fc.constantFrom(...SAMPLES), check: (sample) => assert.ok(verifyDocument(structuredClone(sample)).length >= 1), maxCases: 30 },
  }),
  defineTarget({
    name: 'credentials/verify-rdfc',
    covers: 'eddsa-rdfc-2022 proofs (JSON-LD canonicalization, offline), edited anywhere (verifyDocumentAsync)',
    // JSON-LD expansion and RDFC-1.0 take some milliseconds per document.
    quickCases: 200,
    setup: async () => {
      // The examples context defines an @vocab, so every term of the sample expands (safe mode).
      const withVocab = issueCredential({ types: ['KithRecord'], subject: { id: owner.did, email: 'ana@example.com' }, signer: owner, validFrom: time, contexts: [CREDENTIALS_EXAMPLES_V2_CONTEXT] });
      const { proof: _jcs, ...unsecured } = withVocab;
      return addProofAsync(unsecured, owner, { cryptosuite: 'eddsa-rdfc-2022', created: time });
    },
    arbitrary: fc.array(fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<JsonValue>), { maxLength: 3 }),
    run: async (edits, sample) => verifyDocumentAsync(editedRdfc(sample, edits)),
    roundTrip: { arbitrary: fc.constant(0), check: async (_, sample) => assert.equal((await verifyDocumentAsync(structuredClone(sample)))[0]?.signer, owner.did), maxCases: 5 },
  }),
  defineTarget({
    name: 'credentials/proof-value',
    covers: 'a proofValue (base58btc multibase of a 64-byte signature)',
    arbitrary: fc.oneof(anyText(120), fc.string({ unit: fc.constantFrom(...'z123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0OIl'), maxLength: 120 })),
    run: (text) => decodeProofValue(text, 'the proof'),
  }),
  defineTarget({
    name: 'identity/did-key',
    covers: 'did:key identifiers, verification method URLs and PeerIds as other parties name them',
    arbitrary: didText,
    run(text) {
      for (const read of [publicKeyFromDidKey, resolveVerificationMethod, ed25519PublicKeyFromPeerId]) {
        try {
          read(text);
        } catch (error) {
          if (!(error instanceof KithError) || error.code === 'Internal') throw error;
        }
      }
    },
  }),
  defineTarget({
    name: 'credentials/jcs',
    covers: 'RFC 8785 canonical JSON of any value (non-JSON values, lone surrogates, 130 levels deep)',
    arbitrary: anything,
    run: (value) => canonicalize(value),
    roundTrip: {
      arbitrary: fc.jsonValue({ maxDepth: 5 }),
      check(value) {
        const text = canonicalize(value);
        const parsed = JSON.parse(text) as unknown;
        sameJson(value, parsed);
        assert.equal(canonicalize(parsed), text, 'canonical form is idempotent');
        assert.equal(canonicalize(JSON.parse(JSON.stringify(value, (_k, v: unknown) => (isObject(v) ? Object.fromEntries(Object.entries(v).reverse()) : v)))), text, 'key order does not matter');
      },
    },
  }),
];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The rdfc sample with values set at some of its nodes (by index), proof included. */
function editedRdfc(sample: JsonObject, edits: readonly [number, JsonValue][]): JsonValue {
  const copy = structuredClone(sample) as Record<string, JsonValue>;
  const keys: [Record<string, JsonValue>, string][] = [];
  const walk = (node: JsonValue): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObject(node)) return;
    for (const key of Object.keys(node)) {
      keys.push([node as Record<string, JsonValue>, key]);
      walk(node[key] as JsonValue);
    }
  };
  walk(copy);
  for (const [at, value] of edits) {
    const [parent, key] = keys[at % keys.length]!;
    parent[key] = value;
  }
  return copy;
}
