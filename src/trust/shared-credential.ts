// What travels under a grant: a credential signed by the owner that names its holder and
// its grant, and carries only the released part of one record version. It is a new
// credential rather than the locker's own record credential because a grant may release
// only some fields — and because binding it to the holder and the grant (purpose, terms)
// makes a copy that leaks out show whose it was and on what terms it was given.
import { z } from 'zod';
import { RECORD_TYPES, type RecordType } from '../api/records.ts';
import { KithError, errorCode, type ErrorCode } from '../base/errors.ts';
import { parseWith } from '../base/schema.ts';
import { issueCredential, verifyCredential } from '../credentials/credential.ts';
import type { JsonObject } from '../credentials/types.ts';
import type { Signer } from '../identity/signer.ts';
import { termsSchema } from './terms.ts';

export const SHARED_RECORD_TYPE = 'KithSharedRecord';

const grantTermsSchema = z.strictObject({
  id: z.string().regex(/^g[a-f0-9]{16}$/),
  purpose: z.string().max(500),
  terms: termsSchema,
  expires: z.iso.datetime().optional(),
});
export type GrantTerms = z.output<typeof grantTermsSchema>;

const sharedRecordSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]{8,64}$/),
  type: z.enum(RECORD_TYPES as [RecordType, ...RecordType[]]),
  version: z.number().int().positive(),
  deleted: z.boolean(),
  data: z.record(z.string(), z.json()).optional(),
});
export type SharedRecord = z.output<typeof sharedRecordSchema>;

const credentialSchema = z.object({
  issuer: z.string(),
  validFrom: z.iso.datetime({ offset: true }),
  type: z.array(z.string()).refine((types) => types.includes(SHARED_RECORD_TYPE), 'is not a shared record'),
  credentialSubject: z.strictObject({ id: z.string(), holder: z.string(), grant: grantTermsSchema, record: sharedRecordSchema }),
});

export interface SharedFacts {
  readonly owner: string;
  readonly holder: string;
  readonly grant: GrantTerms;
  readonly record: SharedRecord;
  readonly time: string;
}

export function sharedRecordCredential(owner: Signer, facts: Omit<SharedFacts, 'owner'>): JsonObject {
  return issueCredential({
    id: `urn:kith:share:${facts.grant.id}:${facts.record.id}:${facts.record.version}`,
    types: [SHARED_RECORD_TYPE],
    signer: owner,
    validFrom: facts.time,
    subject: { id: owner.did, holder: facts.holder, grant: facts.grant as unknown as JsonObject, record: facts.record as unknown as JsonObject },
  });
}

/**
 * Verifies a shared record credential as its holder receives it: signed by the owner it
 * names (the peer it came from), and addressed to this holder. Throws otherwise.
 */
export function readSharedCredential(credential: unknown, expected: SharedParties): SharedFacts {
  verifyCredential(credential);
  const parsed = parseWith(credentialSchema, credential, 'shared record');
  const subject = parsed.credentialSubject;
  if (parsed.issuer !== expected.owner || subject.id !== expected.owner) {
    throw new KithError('NotTrusted', 'The shared record was not issued by the peer that sent it.');
  }
  if (subject.holder !== expected.holder) throw new KithError('NotTrusted', 'The shared record is addressed to someone else.');
  if (subject.record.deleted !== (subject.record.data === undefined)) throw new KithError('InvalidInput', 'The shared record is malformed.');
  return { owner: parsed.issuer, holder: subject.holder, grant: subject.grant, record: subject.record, time: parsed.validFrom };
}

/** Who a holder expects a shared record from and for: the sending contact, and itself. */
export interface SharedParties {
  readonly owner: string;
  readonly holder: string;
}

/**
 * One credential's check in a form that can cross to another thread: its facts, or the
 * stable code it is refused with (the code a peer is answered with, never the message).
 */
export type SharedCheck = { readonly ok: true; readonly facts: SharedFacts } | { readonly ok: false; readonly code: ErrorCode };

/** readSharedCredential for each credential, in order; one refusal does not stop the rest. */
export function checkSharedCredentials(credentials: readonly unknown[], expected: SharedParties): SharedCheck[] {
  return credentials.map((credential) => {
    try {
      return { ok: true, facts: readSharedCredential(credential, expected) };
    } catch (error) {
      return { ok: false, code: errorCode(error) };
    }
  });
}
