// Ending a grant, as both sides sign it: the owner's revocation notice (to the holder) and
// the holder's deletion receipt (back to the owner) — the owner's proof of who complied.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { KithError } from '../base/errors.ts';
import { parseWith } from '../base/schema.ts';
import { issueCredential, verifyCredential } from '../credentials/credential.ts';
import type { JsonObject } from '../credentials/types.ts';
import type { Signer } from '../identity/signer.ts';

export const REVOCATION_TYPE = 'KithGrantRevocation';
export const DELETION_RECEIPT_TYPE = 'KithDeletionReceipt';

const grantId = z.string().regex(/^g[a-f0-9]{16}$/);

export function revocationNotice(owner: Signer, grant: string, holder: string): JsonObject {
  return issueCredential({ id: `urn:uuid:${randomUUID()}`, types: [REVOCATION_TYPE], signer: owner, subject: { id: owner.did, grant, holder } });
}

const noticeSchema = z.object({
  issuer: z.string(),
  type: z.array(z.string()).refine((t) => t.includes(REVOCATION_TYPE)),
  credentialSubject: z.strictObject({ id: z.string(), grant: grantId, holder: z.string() }),
});

/** The grant a notice revokes, once it is shown to come from `owner` and be meant for `holder`. */
export function readRevocation(notice: unknown, expected: { owner: string; holder: string }): string {
  verifyCredential(notice);
  const parsed = parseWith(noticeSchema, notice, 'revocation notice');
  if (parsed.issuer !== expected.owner || parsed.credentialSubject.id !== expected.owner || parsed.credentialSubject.holder !== expected.holder) {
    throw new KithError('NotTrusted', 'The revocation notice is not from the owner of the grant, or not for this holder.');
  }
  return parsed.credentialSubject.grant;
}

export function deletionReceipt(holder: Signer, facts: { owner: string; grant: string; records: readonly string[]; time?: string }): JsonObject {
  return issueCredential({
    id: `urn:uuid:${randomUUID()}`,
    types: [DELETION_RECEIPT_TYPE],
    signer: holder,
    subject: { id: holder.did, owner: facts.owner, grant: facts.grant, records: [...facts.records], deleted: facts.time ?? new Date().toISOString() },
  });
}

const receiptSchema = z.object({
  issuer: z.string(),
  type: z.array(z.string()).refine((t) => t.includes(DELETION_RECEIPT_TYPE)),
  credentialSubject: z.strictObject({ id: z.string(), owner: z.string(), grant: grantId, records: z.array(z.string().max(64)).max(1000), deleted: z.iso.datetime() }),
});

export function readDeletionReceipt(receipt: unknown, expected: { holder: string; owner: string; grant: string }) {
  verifyCredential(receipt);
  const parsed = parseWith(receiptSchema, receipt, 'deletion receipt');
  const s = parsed.credentialSubject;
  if (parsed.issuer !== expected.holder || s.id !== expected.holder || s.owner !== expected.owner || s.grant !== expected.grant) {
    throw new KithError('NotTrusted', 'The deletion receipt is not from the holder, or not for this grant.');
  }
  return s;
}
