// The check of one record line of a bundle, shared by the main thread and the verify
// workers: parse, verify its single eddsa-jcs-2022 proof, read the record facts.
import { KithError } from '../../base/errors.ts';
import { parseJson } from '../../base/schema.ts';
import { verifySingleProof } from '../../credentials/verify-single.ts';
import { recordFacts } from '../records/record-credential.ts';

export interface CheckedRecord {
  readonly line: number;
  readonly id: string;
  readonly type: string;
  readonly version: number;
  readonly deleted: boolean;
  readonly signer: string;
  readonly issuer: string;
  /** The file a document version names, and its size. */
  readonly blob?: { readonly sha256: string; readonly size: number };
}

export type RecordCheck = { ok: true; record: CheckedRecord } | { ok: false; line: number; message: string };

export function checkRecordLine(line: number, text: string): RecordCheck {
  try {
    const value = parseJson(text, 'the line');
    const proof = verifySingleProof(value);
    if (proof.proofPurpose !== 'assertionMethod') throw new KithError('InvalidInput', 'Its proof is not an assertion by the issuer.');
    const facts = recordFacts(value);
    const blob = facts.type === 'document' && !facts.deleted ? (facts.data as { sha256: string; size: number }) : undefined;
    return {
      ok: true,
      record: {
        line,
        id: facts.id,
        type: facts.type,
        version: facts.version,
        deleted: facts.deleted,
        signer: proof.signer,
        issuer: facts.issuer,
        ...(blob === undefined ? {} : { blob: { sha256: blob.sha256, size: blob.size } }),
      },
    };
  } catch (error) {
    if (error instanceof KithError) return { ok: false, line, message: error.message };
    throw error;
  }
}
