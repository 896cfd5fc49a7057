// /kith/message/1.0.0 — conversations between two contacts (issue 12), sent through the
// sender's outbox (so a peer offline gets them on return, in order):
//
//   messages { messages[] }  signed messages, oldest first (a catch-up after days offline
//                            is a few batches, not one round trip per message)
//     -> { results[] }       per message: stored | duplicate, with the recipient's signed
//                            delivery receipt; or refused with a stable code (never stored)
//   read { receipt }         a signed read receipt for messages of the peer's
//     -> { status: 'kept' }
//
// Only contacts may open it (a stranger or a blocked peer gets NotTrusted and nothing of it
// is read further). One batch per sender at a time, so a check and its write never
// interleave with a retry of the same batch. The per-peer token bucket counts requests:
// a flood from one peer is answered RateLimited while every other peer goes on.
import { z } from 'zod';
import { KithError } from '../../../base/errors.ts';
import { KeyedQueue } from '../../../base/keyed-queue.ts';
import type { Contact } from '../../../trust/contacts.ts';
import type { InboundResult } from '../../../trust/conversation-inbox.ts';
import type { KithNode } from '../../node.ts';
import { protocolId } from '../protocol-id.ts';

export const MESSAGE_PROTOCOL = protocolId('message');

/** Messages per request. */
export const MAX_MESSAGE_BATCH = 100;
/** A batch fills about this much (the sender packs to it); one message of 4,000 characters and ten attachments always fits. */
export const MESSAGE_BATCH_BYTES = 192 * 1024;

const signed = z.record(z.string(), z.unknown());
export const messageRequestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('messages'), messages: z.array(signed).min(1).max(MAX_MESSAGE_BATCH) }),
  z.strictObject({ type: z.literal('read'), receipt: signed }),
]);
export type MessageRequest = z.output<typeof messageRequestSchema>;

const result = z.union([
  z.strictObject({ status: z.enum(['stored', 'duplicate']), receipt: signed }),
  z.strictObject({ status: z.literal('refused'), code: z.string().max(64) }),
]);
export const messagesAnswerSchema = z.strictObject({ results: z.array(result).max(MAX_MESSAGE_BATCH) });
export type MessagesAnswer = z.output<typeof messagesAnswerSchema>;
export const readAnswerSchema = z.strictObject({ status: z.literal('kept') });

/**
 * A request is a batch of up to 192 KiB (256 KiB bound); the answer a receipt of about 400
 * bytes per message. People type slowly: 20 requests a second and a burst of 60 cover a
 * catch-up (batches) and a quick exchange, and stop a flood long before it costs anything.
 * A stream carries many requests (a catch-up, a busy conversation).
 */
export const MESSAGE_LIMITS = {
  maxRequestBytes: 256 * 1024,
  maxResponseBytes: 96 * 1024,
  rate: { perSecond: 20, burst: 60 },
  requestsPerStream: 256,
};
export const MESSAGE_ASKING = {
  maxRequestBytes: MESSAGE_LIMITS.maxRequestBytes,
  maxResponseBytes: MESSAGE_LIMITS.maxResponseBytes,
  requestsPerStream: MESSAGE_LIMITS.requestsPerStream,
};

export interface MessageComponents {
  readonly node: KithNode;
  /** The sender as a contact, or undefined (not one, or blocked). */
  readonly contact: (peerId: string) => Promise<Contact | undefined>;
  readonly messages: (sender: Contact, messages: readonly Record<string, unknown>[]) => Promise<InboundResult[]>;
  readonly read: (sender: Contact, receipt: Record<string, unknown>) => Promise<void>;
}

export async function startMessageProtocol(components: MessageComponents): Promise<void> {
  const perSender = new KeyedQueue();
  await components.node.handle(
    MESSAGE_PROTOCOL,
    async (request, { remotePeer }) => {
      const sender = await components.contact(remotePeer);
      if (sender === undefined) throw new KithError('NotTrusted', 'Only contacts may write to this node.');
      if (request.type === 'messages') {
        return { results: await perSender.run(remotePeer, () => components.messages(sender, request.messages)) } satisfies MessagesAnswer;
      }
      await perSender.run(remotePeer, () => components.read(sender, request.receipt));
      return { status: 'kept' };
    },
    { schema: messageRequestSchema, limits: MESSAGE_LIMITS },
  );
}
