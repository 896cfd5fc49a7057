// Adding and verifying Data Integrity proofs, including proof sets and proof chains
// (W3C VC Data Integrity 1.0: §4.2 Add Proof, §4.3 Add Proof Set/Chain, §4.4 Verify
// Proof, §4.5 Verify Proof Sets and Chains), with the eddsa-jcs-2022 and eddsa-rdfc-2022
// cryptosuites.
//   proof set:   every proof signs the document without any proof (a countersignature);
//   proof chain: a proof naming `previousProof` signs the document with `proof` set to
//                the list of the proofs it names.
// eddsa-jcs-2022 is synchronous (addProof, verifyDocument: the hot path, unchanged).
// eddsa-rdfc-2022 needs JSON-LD, which is asynchronous: addProofAsync and
// verifyDocumentAsync handle both suites and load eddsa-rdfc-2022.ts (jsonld and its
// contexts) only when a proof uses it.
import { KithError } from '../base/errors.ts';
import type { Signer } from '../identity/signer.ts';
import { encodeProofValue, hashData, verifyJcsProof } from './eddsa-jcs-2022.ts';
import { MAX_PROOFS } from './limits.ts';
import {
  DATA_INTEGRITY_PROOF,
  EDDSA_JCS_2022,
  EDDSA_RDFC_2022,
  isDateTimeStamp,
  isPlainObject,
  parseProof,
  sentenceProofName,
} from './proof.ts';
import type { Cryptosuite } from './proof.ts';
import type { DataIntegrityProof, JsonObject, JsonValue, VerifiedProof } from './types.ts';

export interface AddProofOptions {
  /** dateTimeStamp; defaults to now, to the second. */
  readonly created?: string;
  /** Defaults to "assertionMethod". */
  readonly proofPurpose?: string;
  /** The proof's own id (needed if a later proof is to chain to it). */
  readonly id?: string;
  /** Ids of existing proofs this one chains to. */
  readonly previousProof?: string | readonly string[];
  /**
   * Defaults to "eddsa-jcs-2022". "eddsa-rdfc-2022" needs addProofAsync (JSON-LD
   * canonicalization is asynchronous); addProof refuses it as Unsupported.
   */
  readonly cryptosuite?: Cryptosuite;
}

function nowSeconds(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/u, 'Z');
}

/** The proofs of a document as a list (a lone proof object is a set of one). */
function proofList(document: Record<string, unknown>): readonly unknown[] {
  const proof = document['proof'];
  if (proof === undefined) return [];
  const list = Array.isArray(proof) ? proof : [proof];
  if (list.length > MAX_PROOFS) throw new KithError('InvalidInput', `The document has more than ${MAX_PROOFS} proofs.`);
  return list;
}

function withoutProof(document: Record<string, unknown>): Record<string, unknown> {
  const { proof: _proof, ...rest } = document;
  return rest;
}

/** The proofs named by `ids`, in that order; undefined names the first missing id. */
function matchingProofs(all: readonly unknown[], ids: readonly string[]): { found: unknown[]; missing?: string } {
  const found: unknown[] = [];
  for (const id of ids) {
    const match = all.find((proof) => isPlainObject(proof) && proof['id'] === id);
    if (match === undefined) return { found, missing: id };
    found.push(match);
  }
  return { found };
}

/** What a new proof signs: the document to hash, the proof options, the proofs already there. */
interface ProofPlan {
  readonly unsecured: Record<string, unknown>;
  readonly options: Record<string, JsonValue>;
  readonly existing: readonly unknown[];
}

function planProof(document: Readonly<Record<string, unknown>>, signer: Signer, options: AddProofOptions, cryptosuite: Cryptosuite): ProofPlan {
  if (!isPlainObject(document)) throw new KithError('InvalidInput', 'Only a JSON object can be signed.');
  const existing = proofList(document);
  if (existing.length >= MAX_PROOFS) throw new KithError('InvalidInput', `The document already has ${MAX_PROOFS} proofs.`);
  const created = options.created ?? nowSeconds();
  if (!isDateTimeStamp(created)) throw new KithError('InvalidInput', 'The created time is not a date-time with a time zone.');
  if (options.id !== undefined && existing.some((proof) => isPlainObject(proof) && proof['id'] === options.id)) {
    throw new KithError('InvalidInput', 'The document already has a proof with this id.');
  }
  const previous =
    options.previousProof === undefined ? [] : typeof options.previousProof === 'string' ? [options.previousProof] : [...options.previousProof];
  const unsecured = withoutProof(document);
  if (previous.length > 0) {
    const { found, missing } = matchingProofs(existing, previous);
    if (missing !== undefined) throw new KithError('InvalidInput', 'A previousProof names a proof that is not in the document.');
    unsecured['proof'] = found;
  }
  const proofOptions: Record<string, JsonValue> = {
    type: DATA_INTEGRITY_PROOF,
    ...(options.id === undefined ? {} : { id: options.id }),
    cryptosuite,
    created,
    verificationMethod: signer.verificationMethod,
    proofPurpose: options.proofPurpose ?? 'assertionMethod',
    ...(options.previousProof === undefined ? {} : { previousProof: typeof options.previousProof === 'string' ? options.previousProof : previous }),
  };
  return { unsecured, options: proofOptions, existing };
}

function withNewProof<T extends Readonly<Record<string, unknown>>>(document: T, existing: readonly unknown[], proof: JsonObject): T & { proof: JsonValue } {
  return { ...document, proof: existing.length === 0 ? proof : [...(existing as JsonValue[]), proof] };
}

/**
 * A new document with an eddsa-jcs-2022 proof by `signer` added. If the document has
 * proofs already, the new one joins the proof set; with `previousProof` it also chains
 * to the proofs named. The input is not modified. Synchronous: for eddsa-rdfc-2022 use
 * addProofAsync.
 */
export function addProof<T extends Readonly<Record<string, unknown>>>(
  document: T,
  signer: Signer,
  options: AddProofOptions & { readonly cryptosuite?: typeof EDDSA_JCS_2022 } = {},
): T & { proof: JsonValue } {
  if (options.cryptosuite !== undefined && options.cryptosuite !== EDDSA_JCS_2022) {
    throw new KithError('Unsupported', `addProof signs with eddsa-jcs-2022 only, not ${String(options.cryptosuite).slice(0, 64)}.`, {
      hint: 'Use addProofAsync for eddsa-rdfc-2022.',
    });
  }
  const { unsecured, options: proofConfig, existing } = planProof(document, signer, options, EDDSA_JCS_2022);
  // eddsa-jcs-2022 §3.3.1 step 2: the proof carries the document's @context.
  // (Its JSON-ness is checked when hashData canonicalizes the document.)
  const context = document['@context'];
  if (context !== undefined) proofConfig['@context'] = context as JsonValue;
  const signature = signer.sign(hashData(unsecured, proofConfig));
  return withNewProof(document, existing, { ...proofConfig, proofValue: encodeProofValue(signature) });
}

/**
 * addProof for either cryptosuite (`options.cryptosuite`, default eddsa-jcs-2022). With
 * eddsa-rdfc-2022 the document and the proof configuration are canonicalized with
 * RDFC-1.0, offline and in JSON-LD safe mode: every term must be defined by a context
 * Kith ships (Unsupported naming any other context URL; InvalidInput for an undefined
 * term). As in the vc-di-eddsa vectors, an eddsa-rdfc-2022 proof carries no @context.
 */
export async function addProofAsync<T extends Readonly<Record<string, unknown>>>(
  document: T,
  signer: Signer,
  options: AddProofOptions = {},
): Promise<T & { proof: JsonValue }> {
  const cryptosuite = options.cryptosuite ?? EDDSA_JCS_2022;
  if (cryptosuite === EDDSA_JCS_2022) return addProof(document, signer, { ...options, cryptosuite });
  if (cryptosuite !== EDDSA_RDFC_2022) {
    throw new KithError('Unsupported', `Kith cannot sign with cryptosuite ${String(cryptosuite).slice(0, 64)}.`);
  }
  const { unsecured, options: proofOptions, existing } = planProof(document, signer, options, EDDSA_RDFC_2022);
  const { rdfcHashForSigning } = await import('./eddsa-rdfc-2022.ts');
  const signature = signer.sign(await rdfcHashForSigning(unsecured, proofOptions));
  return withNewProof(document, existing, { ...proofOptions, proofValue: encodeProofValue(signature) });
}

/** One proof to check: the document it signs (chains resolved), the proof as found, parsed. */
interface ProofCheck {
  readonly input: Record<string, unknown>;
  readonly raw: Record<string, unknown>;
  readonly proof: DataIntegrityProof;
  readonly index: number;
}

/** Parses every proof and resolves the document each one signs (Data Integrity §4.5). */
function planVerification(document: unknown, allowRdfc: boolean): ProofCheck[] {
  if (!isPlainObject(document)) throw new KithError('InvalidInput', 'The document is not a JSON object.');
  const all = proofList(document);
  if (all.length === 0) throw new KithError('InvalidInput', 'The document has no proof.');
  const parsed = all.map((proof, index) => parseProof(proof, index, allowRdfc));
  const ids = new Set<string>();
  for (const proof of parsed) {
    if (proof.id === undefined) continue;
    if (ids.has(proof.id)) throw new KithError('InvalidInput', 'Two proofs in the document have the same id.');
    ids.add(proof.id);
  }
  const unsecured = withoutProof(document);
  return parsed.map((proof, index) => {
    let input = unsecured;
    if (proof.previousProof !== undefined) {
      const wanted = typeof proof.previousProof === 'string' ? [proof.previousProof] : proof.previousProof;
      const { found, missing } = matchingProofs(all, wanted);
      if (missing !== undefined) {
        throw new KithError('InvalidSignature', `${sentenceProofName(index, proof.id)} chains to a previous proof that is not in the document.`);
      }
      input = { ...unsecured, proof: found };
    }
    return { input, raw: all[index] as Record<string, unknown>, proof, index };
  });
}

/**
 * Verifies every proof of `document` (a proof set, chains included) and returns them
 * with their signers. Throws InvalidInput if malformed (or over the size limits),
 * Unsupported for a proof type, cryptosuite or key type we do not handle (eddsa-rdfc-2022
 * included: it needs verifyDocumentAsync), and InvalidSignature naming the first proof
 * that fails and why. Offline: did:key only.
 */
export function verifyDocument(document: unknown): VerifiedProof[] {
  return planVerification(document, false).map(({ input, raw, proof, index }) => verifyJcsProof(input, raw, proof, index));
}

/**
 * verifyDocument for proofs of either cryptosuite, eddsa-rdfc-2022 included (JSON-LD
 * canonicalized offline, in safe mode: Unsupported naming a context URL Kith does not
 * ship). Proofs are checked in order; the first failure is thrown, as by verifyDocument.
 */
export async function verifyDocumentAsync(document: unknown): Promise<VerifiedProof[]> {
  const checks = planVerification(document, true);
  const verified: VerifiedProof[] = [];
  for (const { input, raw, proof, index } of checks) {
    if (proof.cryptosuite === EDDSA_RDFC_2022) {
      const { verifyRdfcProof } = await import('./eddsa-rdfc-2022.ts');
      verified.push(await verifyRdfcProof(input, raw, proof, index));
    } else {
      verified.push(verifyJcsProof(input, raw, proof, index));
    }
  }
  return verified;
}
