// /kith/share/1.0.0 — what an owner's node sends to the holders of its grants, and what
// a holder answers. Only contacts may use it; everything is checked against the sender's
// own key before it touches the locker.
//
//   deliver { credential, receipt }  -> { status: 'stored' | 'stale', receipt }   receipt countersigned
//   revoke  { notice }               -> { receipt }                               a deletion receipt
import { z } from 'zod';
import { KithError } from '../../../base/errors.ts';
import { addProof, verifyDocument } from '../../../credentials/data-integrity.ts';
import type { JsonObject } from '../../../credentials/types.ts';
import type { Signer } from '../../../identity/signer.ts';
import type { Locker } from '../../../store/locker.ts';
import { CONSENT_RECEIPT_TYPE } from '../../../trust/consent-receipt.ts';
import type { Contact } from '../../../trust/contacts.ts';
import { receiptChange } from '../../../trust/receipts.ts';
import { deletionReceipt, readRevocation } from '../../../trust/revocation.ts';
import { readSharedCredential } from '../../../trust/shared-credential.ts';
import { acceptShared, forgetGrant } from '../../../trust/shared-with-me.ts';
import type { KithNode } from '../../node.ts';
import { protocolId } from '../protocol-id.ts';

export const SHARE_PROTOCOL = protocolId('share');

const credential = z.record(z.string(), z.unknown());
export const shareRequestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('deliver'), credential, receipt: credential }),
  z.strictObject({ type: z.literal('revoke'), notice: credential }),
]);
export type ShareRequest = z.output<typeof shareRequestSchema>;
export const deliverAnswerSchema = z.strictObject({ status: z.enum(['stored', 'stale']), receipt: credential });
export const revokeAnswerSchema = z.strictObject({ receipt: credential });

/** A record of up to 64 KiB, its proof and a consent receipt, with room to spare. */
export const SHARE_LIMITS = { maxRequestBytes: 256 * 1024, maxResponseBytes: 64 * 1024, rate: { perSecond: 50, burst: 200 } };

export interface ShareComponents {
  readonly node: KithNode;
  readonly locker: () => Promise<Locker>;
  readonly signer: () => Signer;
  /** The sender as a contact (only contacts may share with us), or undefined. */
  readonly contact: (peerId: string) => Promise<Contact | undefined>;
  readonly onChange: () => void;
}

/** The owner's consent receipt, countersigned by us as the holder it names. */
export function countersign(receipt: Record<string, unknown>, owner: string, holder: Signer): JsonObject {
  const proofs = verifyDocument(receipt);
  const types = receipt['type'];
  const controllers = (receipt['credentialSubject'] as { piiControllers?: { id?: unknown }[] } | undefined)?.piiControllers;
  if (!Array.isArray(types) || !types.includes(CONSENT_RECEIPT_TYPE) || receipt['issuer'] !== owner || !proofs.some((p) => p.signer === owner)) {
    throw new KithError('NotTrusted', 'The consent receipt is not from the owner of the data.');
  }
  if (!Array.isArray(controllers) || !controllers.some((c) => c.id === holder.did)) throw new KithError('NotTrusted', 'The consent receipt names another holder.');
  if (proofs.some((p) => p.signer === holder.did)) return receipt as JsonObject;
  return addProof(receipt as JsonObject, holder, { proofPurpose: 'assertionMethod' });
}

export async function startShareProtocol(components: ShareComponents): Promise<void> {
  await components.node.handle(
    SHARE_PROTOCOL,
    async (request, { remotePeer }) => {
      const sender = await components.contact(remotePeer);
      if (sender === undefined) throw new KithError('NotTrusted', 'Only contacts may share with this node.');
      const holder = components.signer();
      const locker = await components.locker();
      if (request.type === 'deliver') {
        const facts = readSharedCredential(request.credential, { owner: sender.did, holder: holder.did });
        const receipt = countersign(request.receipt, sender.did, holder);
        const status = await acceptShared(locker, holder, remotePeer, facts, request.credential);
        await locker.commit(holder, {
          items: [receiptChange({ kind: 'consent', grant: facts.grant.id, holder: holder.did, time: new Date().toISOString(), credential: receipt })],
          audit: [{ kind: 'receipt.countersigned', details: { from: remotePeer, grant: facts.grant.id, receipt: String(receipt['id'] ?? '') } }],
        });
        components.onChange();
        return { status, receipt };
      }
      const grant = readRevocation(request.notice, { owner: sender.did, holder: holder.did });
      const deleted = await forgetGrant(locker, holder, remotePeer, grant);
      components.onChange();
      return { receipt: deletionReceipt(holder, { owner: sender.did, grant, records: deleted }) };
    },
    { schema: shareRequestSchema, limits: SHARE_LIMITS },
  );
}
