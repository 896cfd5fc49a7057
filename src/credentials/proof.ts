// Parsing one proof object from an untrusted document (W3C VC Data Integrity 1.0 §2.1).
// Hand-written rather than a zod schema because it runs once per record on import; it
// checks the same things and names the proof in every error.
import { KithError } from '../base/errors.ts';
import type { DataIntegrityProof } from './types.ts';
import { MAX_PROOF_VALUE_LENGTH } from './limits.ts';

export const DATA_INTEGRITY_PROOF = 'DataIntegrityProof';
export const EDDSA_JCS_2022 = 'eddsa-jcs-2022';
export const EDDSA_RDFC_2022 = 'eddsa-rdfc-2022';
/** The cryptosuites Kith signs and verifies. */
export type Cryptosuite = typeof EDDSA_JCS_2022 | typeof EDDSA_RDFC_2022;

/** XML Schema dateTimeStamp (a time zone is required), as Data Integrity §2.1 asks for `created`. */
const DATE_TIME_STAMP = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/u;
const MAX_ID_LENGTH = 2048;

export function isDateTimeStamp(value: string): boolean {
  return DATE_TIME_STAMP.test(value) && !Number.isNaN(Date.parse(value));
}

/** "proof 2 (urn:uuid:…)": how errors name a proof. */
export function proofName(index: number, id?: unknown): string {
  return typeof id === 'string' && id.length <= 200 ? `proof ${index + 1} (${id})` : `proof ${index + 1}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function optionalString(proof: Record<string, unknown>, field: string, name: string): string | undefined {
  const value = proof[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) {
    throw new KithError('InvalidInput', `The ${field} of ${name} is not a non-empty string.`);
  }
  return value;
}

function requiredString(proof: Record<string, unknown>, field: string, name: string): string {
  const value = optionalString(proof, field, name);
  if (value === undefined) throw new KithError('InvalidInput', `${capitalize(name)} has no ${field}.`);
  return value;
}

/** The same, to start a sentence. */
export function sentenceProofName(index: number, id?: unknown): string {
  const name = proofName(index, id);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Reads `previousProof` as a list of ids (Data Integrity §2.1.2: a string or a list of strings). */
function previousProofOf(proof: Record<string, unknown>, name: string): string | readonly string[] | undefined {
  const value = proof['previousProof'];
  if (value === undefined || typeof value === 'string') return optionalString(proof, 'previousProof', name);
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string' && item.length > 0)) {
    return value as string[];
  }
  throw new KithError('InvalidInput', `The previousProof of ${name} is not an id or a list of ids.`);
}

/**
 * Parses a proof: InvalidInput if malformed, Unsupported for a proof type or
 * cryptosuite other than DataIntegrityProof / eddsa-jcs-2022 — or eddsa-rdfc-2022 when
 * `allowRdfc` (the async verifiers, which can run JSON-LD; the synchronous ones cannot).
 */
export function parseProof(value: unknown, index: number, allowRdfc = false): DataIntegrityProof {
  if (!isPlainObject(value)) throw new KithError('InvalidInput', `Proof ${index + 1} is not a JSON object.`);
  const name = proofName(index, value['id']);
  const type = requiredString(value, 'type', name);
  if (type !== DATA_INTEGRITY_PROOF) {
    throw new KithError('Unsupported', `${capitalize(name)} is of type ${type.slice(0, 64)}; only DataIntegrityProof is supported.`);
  }
  const cryptosuite = requiredString(value, 'cryptosuite', name);
  if (cryptosuite === EDDSA_RDFC_2022 && !allowRdfc) {
    throw new KithError('Unsupported', `${capitalize(name)} uses cryptosuite eddsa-rdfc-2022, which this synchronous check does not handle.`, {
      hint: 'Verify it with verifyDocumentAsync or verifyCredentialAsync, which canonicalize JSON-LD offline.',
    });
  }
  if (cryptosuite !== EDDSA_JCS_2022 && cryptosuite !== EDDSA_RDFC_2022) {
    throw new KithError('Unsupported', `${capitalize(name)} uses cryptosuite ${cryptosuite.slice(0, 64)}; only eddsa-jcs-2022 and eddsa-rdfc-2022 are supported.`);
  }
  const proofValue = requiredString(value, 'proofValue', name);
  if (proofValue.length > MAX_PROOF_VALUE_LENGTH) throw new KithError('InvalidInput', `The proofValue of ${name} is too long.`);
  const created = optionalString(value, 'created', name);
  if (created !== undefined && !isDateTimeStamp(created)) {
    throw new KithError('InvalidInput', `The created time of ${name} is not a date-time with a time zone.`);
  }
  const id = optionalString(value, 'id', name);
  const previousProof = previousProofOf(value, name);
  return {
    type,
    cryptosuite,
    verificationMethod: requiredString(value, 'verificationMethod', name),
    proofPurpose: requiredString(value, 'proofPurpose', name),
    proofValue,
    ...(id === undefined ? {} : { id }),
    ...(created === undefined ? {} : { created }),
    ...(previousProof === undefined ? {} : { previousProof }),
  };
}

export function previousProofIds(proof: DataIntegrityProof): readonly string[] {
  const value = proof.previousProof;
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}
