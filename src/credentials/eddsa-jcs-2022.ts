// The eddsa-jcs-2022 cryptosuite (W3C "Data Integrity EdDSA Cryptosuites v1.0", §3.3):
//   transformation: JCS (RFC 8785) of the unsecured document        (§3.3.3)
//   proof config:   JCS of the proof options without proofValue;    (§3.3.5)
//                   on creation its @context is the document's @context (§3.3.1 step 2)
//   hashing:        SHA-256(canonical proof config) || SHA-256(canonical document)  (§3.3.4)
//   proof value:    Ed25519 signature over those 64 bytes, multibase base58btc ('z')  (§3.3.6)
import { base58btc } from 'multiformats/bases/base58';
import { sha256 } from './sha256.ts';
import { KithError } from '../base/errors.ts';
import { verifyEd25519 } from '../identity/ed25519.ts';
import { resolveVerificationMethod } from '../identity/did-key.ts';
import { canonicalBytes, canonicalize } from './jcs.ts';
import { DOCUMENT_LIMITS } from './limits.ts';
import { sentenceProofName, proofName, previousProofIds } from './proof.ts';
import type { DataIntegrityProof, VerifiedProof } from './types.ts';

/** hashData (§3.3.4): 64 bytes, the proof config hash first. */
export function hashData(unsecuredDocument: unknown, proofConfig: unknown): Uint8Array {
  const out = new Uint8Array(64);
  out.set(sha256(canonicalBytes(proofConfig, DOCUMENT_LIMITS)), 0);
  out.set(sha256(canonicalBytes(unsecuredDocument, DOCUMENT_LIMITS)), 32);
  return out;
}

export function encodeProofValue(signature: Uint8Array): string {
  return base58btc.encode(signature);
}

/** The 64-byte signature in a proofValue; InvalidInput if it is not base58btc multibase of 64 bytes. */
export function decodeProofValue(proofValue: string, name: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = base58btc.decode(proofValue); // checks the 'z' multibase prefix
  } catch {
    throw new KithError('InvalidInput', `The proofValue of ${name} is not base58btc multibase.`);
  }
  if (bytes.length !== 64) throw new KithError('InvalidInput', `The proofValue of ${name} is not a 64-byte signature.`);
  return bytes;
}

// did:key resolution is pure but costs a base58 decode; cache it for bulk imports.
const KEY_CACHE_LIMIT = 4096;
const methodCache = new Map<string, { did: string; publicKey: Uint8Array }>();

/** The signer's DID and key for a did:key verification method, cached; errors name the proof. */
export function keyForVerificationMethod(url: string, name: string): { did: string; publicKey: Uint8Array } {
  const cached = methodCache.get(url);
  if (cached !== undefined) return cached;
  let resolved: { did: string; publicKey: Uint8Array };
  try {
    resolved = resolveVerificationMethod(url);
  } catch (error) {
    const code = error instanceof KithError ? error.code : 'InvalidInput';
    const reason = error instanceof Error ? error.message : 'it is malformed';
    throw new KithError(code, `The verification method of ${name} is not usable: ${reason}`, { cause: error });
  }
  if (methodCache.size >= KEY_CACHE_LIMIT) methodCache.clear(); // simple bound; refills from hot keys
  methodCache.set(url, resolved);
  return resolved;
}

/** Context entries are nearly always URL strings: compare those directly, objects canonically. */
function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return canonicalize(a) === canonicalize(b);
}

function contextEntries(context: unknown): readonly unknown[] {
  return Array.isArray(context) ? context : context === undefined ? [] : [context];
}

/**
 * Verify Proof (§3.3.2) for one parsed proof. `unsecuredDocument` is the document
 * without `proof` (with `proof` set to the matching previous proofs for a chained
 * proof); `rawProof` is the proof object as found, so every option it carries is
 * covered by the proof config. Throws InvalidSignature naming the proof and why.
 */
export function verifyJcsProof(
  unsecuredDocument: Record<string, unknown>,
  rawProof: Record<string, unknown>,
  proof: DataIntegrityProof,
  index: number,
): VerifiedProof {
  const name = proofName(index, proof.id);
  const signature = decodeProofValue(proof.proofValue, name);
  const { did, publicKey } = keyForVerificationMethod(proof.verificationMethod, name);
  const { proofValue: _omitted, ...proofConfig } = rawProof;
  const document = documentForProof(unsecuredDocument, proofConfig['@context'], proof, index);
  return checkedProof(publicKey, hashData(document, proofConfig), signature, did, proof, index);
}

/**
 * Verify Proof step 4 (§3.2.2 / §3.3.2), shared by both suites: the document to hash.
 * With no @context of the proof's own, the unsecured document; otherwise the document's
 * @context must start with the proof's, in order, and the document is then hashed (or
 * canonicalized) with the proof's @context. Throws InvalidSignature when it does not match.
 */
export function documentForProof(
  unsecuredDocument: Record<string, unknown>,
  proofContext: unknown,
  proof: DataIntegrityProof,
  index: number,
): Record<string, unknown> {
  if (proofContext === undefined) return unsecuredDocument;
  const expected = contextEntries(proofContext);
  const actual = contextEntries(unsecuredDocument['@context']);
  const prefixMatches = expected.length <= actual.length && expected.every((entry, i) => sameJson(entry, actual[i]));
  if (!prefixMatches) {
    throw new KithError('InvalidSignature', `${sentenceProofName(index, proof.id)} does not verify: its @context does not match the document's.`);
  }
  return { ...unsecuredDocument, '@context': proofContext };
}

/**
 * The last steps of Verify Proof, shared by both suites: the Ed25519 signature over
 * `hash` (the suite's hashData) must verify under `publicKey`; then what was verified.
 * Throws InvalidSignature otherwise.
 */
export function checkedProof(
  publicKey: Uint8Array,
  hash: Uint8Array,
  signature: Uint8Array,
  did: string,
  proof: DataIntegrityProof,
  index: number,
): VerifiedProof {
  if (!verifyEd25519(publicKey, hash, signature)) {
    throw new KithError(
      'InvalidSignature',
      `${sentenceProofName(index, proof.id)} does not verify: the document or the proof was changed, or another key signed it.`,
    );
  }
  return {
    index,
    id: proof.id,
    cryptosuite: proof.cryptosuite,
    signer: did,
    verificationMethod: proof.verificationMethod,
    proofPurpose: proof.proofPurpose,
    created: proof.created,
    previousProof: previousProofIds(proof),
  };
}
