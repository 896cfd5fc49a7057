// The eddsa-rdfc-2022 cryptosuite (W3C "Data Integrity EdDSA Cryptosuites v1.0", §3.2):
//   transformation: RDF Dataset Canonicalization (RDFC-1.0) of the unsecured document,
//                   as N-Quads                                                  (§3.2.3)
//   proof config:   the proof options without proofValue, with @context set to the
//                   document's @context, canonicalized the same way            (§3.2.5)
//   hashing:        SHA-256(canonical proof config) || SHA-256(canonical document) (§3.2.4)
//   proof value:    Ed25519 signature over those 64 bytes, multibase base58btc (§3.2.6)
//
// Loaded lazily (data-integrity.ts imports it only when a proof uses this suite), so that
// jsonld and the bundled contexts cost nothing on the eddsa-jcs-2022 hot path. JSON-LD
// runs offline (jsonld-loader.ts), in safe mode (a term that the contexts do not define,
// or anything else that would be dropped silently, is an error instead of unsigned
// data), and within bounds: the JSON size and depth limits of every document, a cap on
// the N-Quads produced, and RDFC-1.0's work factor of 1 against "poison" graphs.
import jsonld from 'jsonld';
import rdfCanonize from 'rdf-canonize';
import { KithError } from '../base/errors.ts';
import { utf8 } from '../base/bytes.ts';
import { checkedProof, decodeProofValue, documentForProof, keyForVerificationMethod } from './eddsa-jcs-2022.ts';
import { canonicalBytes } from './jcs.ts';
import { offlineDocumentLoader } from './jsonld-loader.ts';
import { DOCUMENT_LIMITS, MAX_NQUADS, MAX_NQUADS_CHARS } from './limits.ts';
import { DATA_INTEGRITY_PROOF, EDDSA_RDFC_2022, isPlainObject, proofName } from './proof.ts';
import { sha256 } from './sha256.ts';
import type { DataIntegrityProof, VerifiedProof } from './types.ts';

/** The KithError behind a jsonld failure (the offline loader's refusal, wrapped by jsonld), if any. */
function kithCause(error: unknown, depth = 0): KithError | undefined {
  if (error instanceof KithError) return error;
  if (depth > 8 || typeof error !== 'object' || error === null) return undefined;
  const { cause, details } = error as { cause?: unknown; details?: { cause?: unknown } };
  return kithCause(cause, depth + 1) ?? kithCause(details?.cause, depth + 1);
}

function jsonLdMessage(error: unknown): string {
  if (!(error instanceof Error)) return 'it is not valid JSON-LD';
  const details = (error as { details?: { event?: { message?: unknown } } }).details;
  const event = details?.event?.message;
  const text = typeof event === 'string' ? event : error.message;
  return text.length <= 300 ? text : `${text.slice(0, 300)}…`;
}

/**
 * RDFC-1.0 canonical N-Quads of a JSON-LD document (§3.2.3), offline and in safe mode.
 * `what` names the document in errors ("the document", "the proof configuration of proof 2").
 * Throws InvalidInput for non-JSON, oversized or invalid JSON-LD (an undefined term
 * included), and Unsupported, naming the URL, for a context Kith does not ship.
 */
export async function canonicalNQuads(document: Readonly<Record<string, unknown>>, what: string): Promise<string> {
  try {
    canonicalBytes(document, DOCUMENT_LIMITS); // JSON only, depth and size bounded, before any JSON-LD work
  } catch (error) {
    throw new KithError('InvalidInput', `${capitalize(what)} cannot be signed: ${error instanceof Error ? error.message : 'it is not JSON'}.`, {
      cause: error,
    });
  }
  let dataset: readonly object[];
  try {
    dataset = await jsonld.toRDF(document, { documentLoader: offlineDocumentLoader, safe: true, base: null, rdfDirection: null });
  } catch (error) {
    const cause = kithCause(error);
    if (cause !== undefined) throw cause;
    throw new KithError('InvalidInput', `${capitalize(what)} is not valid JSON-LD for eddsa-rdfc-2022: ${jsonLdMessage(error)}`, {
      cause: error,
      hint: 'Every property and type must be defined by the document’s @context (safe mode).',
    });
  }
  if (dataset.length > MAX_NQUADS) throw new KithError('InvalidInput', `${capitalize(what)} has more than ${MAX_NQUADS} RDF statements.`);
  let nquads: string;
  try {
    nquads = await rdfCanonize.canonize(dataset, { algorithm: 'RDFC-1.0', maxWorkFactor: 1, rejectURDNA2015: true });
  } catch (error) {
    throw new KithError('InvalidInput', `${capitalize(what)} cannot be canonicalized with RDFC-1.0: ${jsonLdMessage(error)}`, { cause: error });
  }
  if (nquads.length > MAX_NQUADS_CHARS) {
    throw new KithError('InvalidInput', `${capitalize(what)} is longer than ${MAX_NQUADS_CHARS} characters as canonical N-Quads.`);
  }
  return nquads;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The proof configuration (§3.2.5): the proof options without proofValue, with the
 * unsecured document's @context. Checks type and cryptosuite.
 */
export function rdfcProofConfig(
  proofOptions: Readonly<Record<string, unknown>>,
  unsecuredDocument: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  if (proofOptions['type'] !== DATA_INTEGRITY_PROOF || proofOptions['cryptosuite'] !== EDDSA_RDFC_2022) {
    throw new KithError('InvalidInput', 'The proof options are not a DataIntegrityProof of cryptosuite eddsa-rdfc-2022.');
  }
  const { proofValue: _omitted, ...rest } = proofOptions;
  const config: Record<string, unknown> = { ...rest };
  const context = unsecuredDocument['@context'];
  if (context === undefined) delete config['@context'];
  else config['@context'] = context;
  return config;
}

/** hashData (§3.2.4): SHA-256 of the canonical proof config, then of the canonical document; 64 bytes. */
export async function rdfcHashData(
  unsecuredDocument: Readonly<Record<string, unknown>>,
  proofConfig: Readonly<Record<string, unknown>>,
  name = 'the proof',
): Promise<Uint8Array> {
  // One after the other: memory stays at one canonicalization at a time.
  const config = await canonicalNQuads(proofConfig, `the proof configuration of ${name}`);
  const document = await canonicalNQuads(unsecuredDocument, 'the document');
  const out = new Uint8Array(64);
  out.set(sha256(utf8(config)), 0);
  out.set(sha256(utf8(document)), 32);
  return out;
}

/**
 * Verify Proof (§3.2.2) for one parsed eddsa-rdfc-2022 proof. `unsecuredDocument` is the
 * document without `proof` (with `proof` set to the matching previous proofs for a
 * chained proof); `rawProof` is the proof object as found. Throws InvalidSignature naming
 * the proof and why; InvalidInput / Unsupported when the JSON-LD cannot be processed.
 */
export async function verifyRdfcProof(
  unsecuredDocument: Record<string, unknown>,
  rawProof: Record<string, unknown>,
  proof: DataIntegrityProof,
  index: number,
): Promise<VerifiedProof> {
  const name = proofName(index, proof.id);
  const signature = decodeProofValue(proof.proofValue, name);
  const { did, publicKey } = keyForVerificationMethod(proof.verificationMethod, name);
  const document = documentForProof(unsecuredDocument, rawProof['@context'], proof, index);
  const hash = await rdfcHashData(document, rdfcProofConfig(rawProof, document), name);
  return checkedProof(publicKey, hash, signature, did, proof, index);
}

/** The hashData to sign for a new proof (§3.2.1): the proof carries no @context of its own. */
export async function rdfcHashForSigning(
  unsecuredDocument: Readonly<Record<string, unknown>>,
  proofOptions: Readonly<Record<string, unknown>>,
): Promise<Uint8Array> {
  if (!isPlainObject(unsecuredDocument)) throw new KithError('InvalidInput', 'Only a JSON object can be signed.');
  return rdfcHashData(unsecuredDocument, rdfcProofConfig(proofOptions, unsecuredDocument), 'the new proof');
}
