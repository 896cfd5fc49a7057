// A record version as it leaves the node: a W3C Verifiable Credential (VCDM 2.0) issued
// by the owner about themself, with an eddsa-jcs-2022 proof. The locker stores exactly
// this, so history, export and sharing all hand out the same signed bytes.
import { z } from 'zod';
import { MAX_RECORD_BYTES, RECORD_TYPES, type RecordType } from '../../api/records.ts';
import type { RecordView } from '../../api/contract.ts';
import { KithError } from '../../base/errors.ts';
import { parseWith } from '../../base/schema.ts';
import { canonicalize } from '../../credentials/jcs.ts';
import { issueCredential } from '../../credentials/credential.ts';
import type { Signer } from '../../identity/signer.ts';

export const RECORD_CREDENTIAL_TYPE = 'KithRecordCredential';

export interface RecordFacts {
  readonly id: string;
  readonly type: RecordType;
  readonly version: number;
  readonly deleted: boolean;
  /** ISO 8601; also the credential's validFrom. */
  readonly time: string;
  /** Absent on a tombstone. */
  readonly data?: unknown;
}

export function recordCredential(signer: Signer, facts: RecordFacts): Record<string, unknown> {
  if (facts.data !== undefined && canonicalize(facts.data).length > MAX_RECORD_BYTES) {
    throw new KithError('InvalidInput', `The record is larger than ${MAX_RECORD_BYTES / 1024} KiB.`, {
      hint: 'Store large content as a document: kith doc add FILE.',
    });
  }
  const record: Record<string, unknown> = { id: facts.id, type: facts.type, version: facts.version, deleted: facts.deleted };
  if (facts.data !== undefined) record['data'] = facts.data;
  return issueCredential({
    id: `urn:kith:record:${facts.id}:${facts.version}`,
    types: [RECORD_CREDENTIAL_TYPE],
    subject: { id: signer.did, record },
    signer,
    validFrom: facts.time,
  });
}

const subjectSchema = z.object({
  credentialSubject: z.object({
    id: z.string(),
    record: z.strictObject({
      id: z.string().regex(/^[a-z0-9]{8,64}$/),
      type: z.enum(RECORD_TYPES as [RecordType, ...RecordType[]]),
      version: z.number().int().positive(),
      deleted: z.boolean(),
      data: z.unknown().optional(),
    }),
  }),
  issuer: z.string(),
  validFrom: z.string(),
  type: z.array(z.string()).refine((types) => types.includes(RECORD_CREDENTIAL_TYPE), 'is not a Kith record credential'),
});

/** The facts a (verified) record credential states; throws InvalidInput if it is not one. */
export function recordFacts(credential: unknown): RecordFacts & { issuer: string } {
  const parsed = parseWith(subjectSchema, credential, 'record credential');
  const { record } = parsed.credentialSubject;
  return { ...record, time: parsed.validFrom, issuer: parsed.issuer };
}

export function recordView(facts: RecordFacts): RecordView {
  return {
    id: facts.id,
    type: facts.type,
    version: facts.version,
    deleted: facts.deleted,
    time: facts.time,
    data: facts.deleted ? null : facts.data,
  };
}
