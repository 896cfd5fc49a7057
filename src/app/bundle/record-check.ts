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
  /** The file a live document record names. */
  readonly sha256?: string;
}

export type RecordCheck = { ok: true; record: CheckedRecord } | { ok: false; line: number; message: string };

export function checkRecordLine(line: number, text: string): RecordCheck {
  try {
    const value = parseJson(text, 'the line');
    const proof = verifySingleProof(value);
    const facts = recordFacts(value);
    const sha256 = facts.type === 'document' && !facts.deleted ? (facts.data as { sha256?: unknown } | undefined)?.sha256 : undefined;
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
        ...(typeof sha256 === 'string' ? { sha256 } : {}),
      },
    };
  } catch (error) {
    if (error instanceof KithError) return { ok: false, line, message: error.message };
    throw error;
  }
}
