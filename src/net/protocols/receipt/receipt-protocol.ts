// /kith/receipt/1.0.0 — what a vendor's node sends a customer it has an agreement with,
// through its outbox (so a customer offline gets it on return):
//
//   purchase { credential }  an e-receipt (src/trust/e-receipt.ts), signed by the vendor
//   deletion { receipt }     the signed deletion receipt of a deletion the terms scheduled
//                            ("delete after N days"), the same credential a revocation gets back
//
//   -> { status: 'stored' | 'duplicate' | 'declined' | 'kept' } | { status: 'refused', code }
//
// Only contacts may use it (a stranger gets NotTrusted and nothing is read further); what
// the customer's node checks after that (a live agreement with the sender, the sender's
// own signature, a receipt about us) ends in 'refused' with a stable code — final, so the
// vendor's outbox stops retrying — while a fault on our side (the locker busy) is an
// error, which the outbox retries. One message per sender at a time, so a retry that
// overlaps the first attempt finds the record it wrote ('duplicate').
import { z } from 'zod';
import { KithError, isKithError, type ErrorCode } from '../../../base/errors.ts';
import { KeyedQueue } from '../../../base/keyed-queue.ts';
import type { Contact } from '../../../trust/contacts.ts';
import type { KithNode } from '../../node.ts';
import { protocolId } from '../protocol-id.ts';

export const RECEIPT_PROTOCOL = protocolId('receipt');

const credential = z.record(z.string(), z.unknown());
export const receiptMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('purchase'), credential }),
  z.strictObject({ type: z.literal('deletion'), receipt: credential }),
]);
export type ReceiptMessage = z.output<typeof receiptMessageSchema>;

export const receiptAnswerSchema = z.union([
  z.strictObject({ status: z.enum(['stored', 'duplicate', 'declined', 'kept']) }),
  z.strictObject({ status: z.literal('refused'), code: z.string().max(64) }),
]);
export type ReceiptAnswer = z.output<typeof receiptAnswerSchema>;

/**
 * An e-receipt of 200 lines is some 60 KiB with its proof; a deletion receipt lists at
 * most 1,000 record ids. A vendor sends one per sale, so a modest rate per peer.
 */
export const RECEIPT_LIMITS = { maxRequestBytes: 128 * 1024, maxResponseBytes: 1024, rate: { perSecond: 10, burst: 100 } };
export const RECEIPT_ASKING = { maxRequestBytes: RECEIPT_LIMITS.maxRequestBytes, maxResponseBytes: RECEIPT_LIMITS.maxResponseBytes };

/** The codes a check may refuse with: the message is wrong and always will be. */
const FINAL: readonly ErrorCode[] = ['InvalidInput', 'InvalidSignature', 'NotTrusted', 'Unsupported'];

export interface ReceiptComponents {
  readonly node: KithNode;
  /** The sender as a contact, or undefined (not one, or blocked). */
  readonly contact: (peerId: string) => Promise<Contact | undefined>;
  readonly purchase: (sender: Contact, credential: Record<string, unknown>) => Promise<ReceiptAnswer>;
  readonly deletion: (sender: Contact, receipt: Record<string, unknown>) => Promise<ReceiptAnswer>;
}

export async function startReceiptProtocol(components: ReceiptComponents): Promise<void> {
  const perSender = new KeyedQueue();
  await components.node.handle(
    RECEIPT_PROTOCOL,
    async (message, { remotePeer }) => {
      const sender = await components.contact(remotePeer);
      if (sender === undefined) throw new KithError('NotTrusted', 'Only a vendor you have an agreement with may send you receipts.');
      try {
        return await perSender.run(remotePeer, () => (message.type === 'purchase' ? components.purchase(sender, message.credential) : components.deletion(sender, message.receipt)));
      } catch (error) {
        if (isKithError(error) && FINAL.includes(error.code)) return { status: 'refused', code: error.code } satisfies ReceiptAnswer;
        throw error;
      }
    },
    { schema: receiptMessageSchema, limits: RECEIPT_LIMITS },
  );
}
