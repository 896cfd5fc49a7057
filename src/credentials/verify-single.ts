// The hot path for bulk import (e.g. 100k records): a document with exactly one
// eddsa-jcs-2022 proof and no chain. One JCS and one SHA-256 per part (document and
// proof config), one cached did:key resolution, one Ed25519 verification with a
// cached native key — and none of the proof-set bookkeeping of verifyDocument.
import { KithError } from '../base/errors.ts';
import { verifyJcsProof } from './eddsa-jcs-2022.ts';
import { isPlainObject, parseProof } from './proof.ts';
import type { VerifiedProof } from './types.ts';

/**
 * Verifies a document that carries exactly one proof (an object, or a list of one)
 * without previousProof. Same errors as verifyDocument; InvalidInput for any other shape.
 */
export function verifySingleProof(document: unknown): VerifiedProof {
  if (!isPlainObject(document)) throw new KithError('InvalidInput', 'The document is not a JSON object.');
  const { proof, ...unsecured } = document;
  const raw: unknown = Array.isArray(proof) && proof.length === 1 ? proof[0] : proof;
  if (!isPlainObject(raw)) {
    throw new KithError('InvalidInput', 'The document does not carry exactly one proof object.', {
      hint: 'Use verifyDocument for proof sets and chains.',
    });
  }
  const parsed = parseProof(raw, 0);
  if (parsed.previousProof !== undefined) {
    throw new KithError('InvalidInput', 'The proof chains to a previous proof.', { hint: 'Use verifyDocument for proof chains.' });
  }
  return verifyJcsProof(unsecured, raw, parsed, 0);
}
