// W3C Verifiable Credentials Data Model 2.0 credentials, issued with eddsa-jcs-2022 and
// verified with eddsa-jcs-2022 or (verifyCredentialAsync) eddsa-rdfc-2022.
// Shape per VC DM 2.0 §4: @context starts with the v2 context (§4.3), type includes
// VerifiableCredential (§4.5), issuer is a URL or an object with an id (§4.7),
// validFrom/validUntil are dateTimeStamps (§4.9).
import { KithError } from '../base/errors.ts';
import type { Signer } from '../identity/signer.ts';
import { addProof, verifyDocument, verifyDocumentAsync } from './data-integrity.ts';
import { isDateTimeStamp, isPlainObject } from './proof.ts';
import type { JsonObject, JsonValue, VerifiedProof } from './types.ts';

export const CREDENTIALS_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';

export interface IssueCredentialInput {
  /** Extra types after "VerifiableCredential", e.g. ["KithRecord"]. */
  readonly types: readonly string[];
  /** credentialSubject: one object or a list of objects (JSON values only; checked when signed). */
  readonly subject: Readonly<Record<string, unknown>> | readonly Readonly<Record<string, unknown>>[];
  readonly signer: Signer;
  /** Defaults to now, to the second. */
  readonly validFrom?: string;
  readonly validUntil?: string;
  /** The credential's id (a URL, e.g. urn:uuid:…). */
  readonly id?: string;
  /** Contexts after the v2 context. */
  readonly contexts?: readonly JsonValue[];
  /** Proof created time; defaults to validFrom. */
  readonly created?: string;
}

function nowSeconds(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/u, 'Z');
}

/** A signed VC 2.0 with `issuer` = the signer's did:key and one eddsa-jcs-2022 proof. */
export function issueCredential(input: IssueCredentialInput): JsonObject {
  if (input.types.some((type) => typeof type !== 'string' || type.length === 0 || type === 'VerifiableCredential')) {
    throw new KithError('InvalidInput', 'Credential types must be non-empty names other than VerifiableCredential.');
  }
  const validFrom = input.validFrom ?? nowSeconds();
  for (const time of [validFrom, input.validUntil]) {
    if (time !== undefined && !isDateTimeStamp(time)) throw new KithError('InvalidInput', 'A validity time is not a date-time with a time zone.');
  }
  const subject = input.subject as JsonValue;
  const credential: JsonObject = {
    '@context': [CREDENTIALS_V2_CONTEXT, ...(input.contexts ?? [])],
    ...(input.id === undefined ? {} : { id: input.id }),
    type: ['VerifiableCredential', ...input.types],
    issuer: input.signer.did,
    validFrom,
    ...(input.validUntil === undefined ? {} : { validUntil: input.validUntil }),
    credentialSubject: Array.isArray(subject) ? [...subject] : subject,
  };
  return addProof(credential, input.signer, { created: input.created ?? validFrom });
}

/** The credential's issuer id (a string issuer or issuer.id), if it has one. */
export function credentialIssuer(credential: unknown): string | undefined {
  return isPlainObject(credential) ? issuerId(credential['issuer']) : undefined;
}

function issuerId(issuer: unknown): string | undefined {
  if (typeof issuer === 'string') return issuer;
  if (isPlainObject(issuer) && typeof issuer['id'] === 'string') return issuer['id'];
  return undefined;
}

/** VC 2.0 shape checks before any proof; returns the issuer id. */
function checkCredentialShape(credential: unknown): string {
  if (!isPlainObject(credential)) throw new KithError('InvalidInput', 'The credential is not a JSON object.');
  const context = credential['@context'];
  if (!Array.isArray(context) || context[0] !== CREDENTIALS_V2_CONTEXT) {
    throw new KithError('InvalidInput', 'The credential does not start its @context with the VC 2.0 context.');
  }
  const type = credential['type'];
  if (!Array.isArray(type) || !type.includes('VerifiableCredential')) {
    throw new KithError('InvalidInput', 'The credential is not of type VerifiableCredential.');
  }
  const issuer = issuerId(credential['issuer']);
  if (issuer === undefined) throw new KithError('InvalidInput', 'The credential has no issuer.');
  if (credential['credentialSubject'] === undefined) throw new KithError('InvalidInput', 'The credential has no credentialSubject.');
  return issuer;
}

/** A did:key issuer must have signed its own credential (NotTrusted otherwise). */
function checkIssuerSigned(issuer: string, proofs: readonly VerifiedProof[]): VerifiedProof[] {
  if (issuer.startsWith('did:key:') && !proofs.some((proof) => proof.signer === issuer && proof.proofPurpose === 'assertionMethod')) {
    throw new KithError('NotTrusted', 'No proof on the credential was made by its issuer.');
  }
  return [...proofs];
}

/**
 * Verifies a VC 2.0: its shape, every proof (verifyDocument), and — where the issuer is
 * a did:key, the only kind of issuer that resolves offline — that the issuer itself
 * signed it (a proof with proofPurpose assertionMethod whose signer is the issuer;
 * NotTrusted otherwise). An issuer named by another URL (e.g. https://…) cannot be tied
 * to a key without going online: the proofs are checked, and `credentialIssuer` lets the
 * caller say that the binding was not. Returns the verified proofs. Synchronous, so
 * eddsa-jcs-2022 only: a credential with an eddsa-rdfc-2022 proof is Unsupported here
 * and verifies with verifyCredentialAsync.
 */
export function verifyCredential(credential: unknown): VerifiedProof[] {
  const issuer = checkCredentialShape(credential);
  return checkIssuerSigned(issuer, verifyDocument(credential));
}

/**
 * verifyCredential for proofs of either cryptosuite, eddsa-jcs-2022 and eddsa-rdfc-2022
 * (verifyDocumentAsync): the same checks and errors, plus Unsupported naming a JSON-LD
 * context that Kith does not have offline.
 */
export async function verifyCredentialAsync(credential: unknown): Promise<VerifiedProof[]> {
  const issuer = checkCredentialShape(credential);
  return checkIssuerSigned(issuer, await verifyDocumentAsync(credential));
}
