// Bounds on documents we sign or verify. A credential from a peer or an import is
// untrusted: these keep canonicalization, hashing and verification cheap and finite.
import type { JsonLimits } from './jcs.ts';

/** 1 MiB canonical JSON: far above any record, well below what would stall a node. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;
/** Nesting depth of a credential (objects and arrays). */
export const MAX_DOCUMENT_DEPTH = 32;
/** Proofs in one proof set: an issuer, countersigners and a few chained endorsements. */
export const MAX_PROOFS = 16;
/** A proofValue: base58btc of 64 bytes is at most 88 characters, plus 'z'. */
export const MAX_PROOF_VALUE_LENGTH = 100;

export const DOCUMENT_LIMITS: JsonLimits = { maxDepth: MAX_DOCUMENT_DEPTH, maxBytes: MAX_DOCUMENT_BYTES };

/**
 * eddsa-rdfc-2022 only: RDF statements one document (or proof configuration) may expand
 * to, and the length of its canonical N-Quads. A credential is tens of statements; these
 * bound what JSON-LD expansion and RDFC-1.0 are asked to do with a hostile one.
 */
export const MAX_NQUADS = 50_000;
export const MAX_NQUADS_CHARS = 8 * 1024 * 1024;
