// A record version as it leaves the node: a W3C Verifiable Credential (VCDM 2.0) issued
// by the owner about themself, with an eddsa-jcs-2022 proof. The locker stores exactly
// this, so history, export and sharing all hand out the same signed bytes.
import { z } from 'zod';
import { MAX_RECORD_BYTES, RECORD_TYPES, provenanceSchema, recordSchemas, type Provenance, type RecordType } from '../../api/records.ts';
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
  /** Where an imported record came from (signed with it). */
  readonly source?: Provenance;
}

export function recordCredential(signer: Signer, facts: RecordFacts): Record<string, unknown> {
  if (facts.data !== undefined && canonicalize(facts.data).length > MAX_RECORD_BYTES) {
    throw new KithError('InvalidInput', `The record is larger than ${MAX_RECORD_BYTES / 1024} KiB.`, {
      hint: 'Store large content as a document: kith doc add FILE.',
    });
  }
  const record: Record<string, unknown> = { id: facts.id, type: facts.type, version: facts.version, deleted: facts.deleted };
  if (facts.data !== undefined) record['data'] = facts.data;
  if (facts.source !== undefined) record['source'] = facts.source;
  return issueCredential({
    id: `urn:kith:record:${facts.id}:${facts.version}`,
    types: [RECORD_CREDENTIAL_TYPE],
    subject: { id: signer.did, record },
    signer,
    validFrom: facts.time,
  });
}

const credentialSchema = z.object({
  id: z.string(),
  issuer: z.string(),
  validFrom: z.iso.datetime({ offset: true }),
  type: z.array(z.string()).refine((types) => types.includes(RECORD_CREDENTIAL_TYPE), 'is not a Kith record credential'),
  credentialSubject: z.object({
    id: z.string(),
    record: z.strictObject({
      id: z.string().regex(/^[a-z0-9]{8,64}$/),
      type: z.enum(RECORD_TYPES as [RecordType, ...RecordType[]]),
      version: z.number().int().positive(),
      deleted: z.boolean(),
      data: z.unknown().optional(),
      source: provenanceSchema.optional(),
    }),
  }),
});

/**
 * The facts a record credential states, checked as strictly as the locker would check a
 * new record: the data fits its type's schema (a tombstone has none), the credential is
 * about its issuer, and its id names this record version. Throws InvalidInput otherwise.
 * (The signature is checked separately.)
 */
export function recordFacts(credential: unknown): RecordFacts & { issuer: string } {
  const parsed = parseWith(credentialSchema, credential, 'record credential');
  const { record } = parsed.credentialSubject;
  if (parsed.credentialSubject.id !== parsed.issuer) throw new KithError('InvalidInput', 'The record credential is not about its issuer.');
  if (parsed.id !== `urn:kith:record:${record.id}:${record.version}`) {
    throw new KithError('InvalidInput', 'The record credential id does not name its record version.');
  }
  if (record.deleted !== (record.data === undefined)) {
    throw new KithError('InvalidInput', record.deleted ? 'A deleted record carries data.' : 'The record carries no data.');
  }
  // Validate, but hand back the data exactly as signed (the schema trims text on input).
  if (!record.deleted) parseWith(recordSchemas[record.type], record.data, `The ${record.type} record`);
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
    ...(facts.source === undefined ? {} : { source: facts.source }),
  };
}
