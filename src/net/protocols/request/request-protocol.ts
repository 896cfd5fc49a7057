// /kith/request/1.0.0 — a contact asks for data; the owner answers. Only contacts may use
// it (the sender is the Noise-authenticated PeerId, checked against the contact list);
// messages are schema-checked and small, and each contact may keep only a few requests
// pending (trust/requests.ts), so a contact cannot flood the owner's inbox.
//
//   ask    { id, types, fields?, purpose, retentionDays? }   requester -> owner   -> { received: true }
//   answer { id, status, grant?, records?, reason? }         owner -> requester   -> { received }
//
// `received: false` answers an answer for a request this node never sent: final, so the
// owner's outbox stops retrying it.
import { z } from 'zod';
import { KithError } from '../../../base/errors.ts';
import type { Signer } from '../../../identity/signer.ts';
import type { Locker } from '../../../store/locker.ts';
import type { Contact } from '../../../trust/contacts.ts';
import { answerSchema, askSchema, receiveAnswer, receiveAsk } from '../../../trust/requests.ts';
import type { KithNode } from '../../node.ts';
import { protocolId } from '../protocol-id.ts';

export const REQUEST_PROTOCOL = protocolId('request');

export const requestMessageSchema = z.discriminatedUnion('type', [
  askSchema.extend({ type: z.literal('ask') }),
  answerSchema.extend({ type: z.literal('answer') }),
]);
export type RequestMessage = z.output<typeof requestMessageSchema>;
export const receivedSchema = z.strictObject({ received: z.boolean() });

/**
 * An ask is a few hundred bytes (500 characters of purpose, a dozen types, 32 fields); an
 * answer lists at most 200 record ids. Asking is a person's action, so a low rate.
 */
export const REQUEST_LIMITS = { maxRequestBytes: 24 * 1024, maxResponseBytes: 1024, rate: { perSecond: 1, burst: 10 } };

export interface RequestComponents {
  readonly node: KithNode;
  readonly locker: () => Promise<Locker>;
  readonly signer: () => Signer;
  /** The sender as a contact (only contacts may ask or answer), or undefined. */
  readonly contact: (peerId: string) => Promise<Contact | undefined>;
  /** A request arrived in the inbox: who asked, and for what purpose (their words). */
  readonly onAsk: (ask: { readonly from: Contact; readonly purpose: string }) => void;
  /** One of our requests was answered. */
  readonly onAnswer: () => void;
}

export async function startRequestProtocol(components: RequestComponents): Promise<void> {
  await components.node.handle(
    REQUEST_PROTOCOL,
    async (message, { remotePeer }) => {
      const sender = await components.contact(remotePeer);
      if (sender === undefined) throw new KithError('NotTrusted', 'Only contacts may send requests to this node.');
      const locker = await components.locker();
      const signer = components.signer();
      const { type, ...rest } = message;
      if (type === 'ask') {
        const ask = askSchema.parse(rest);
        if ((await receiveAsk(locker, signer, remotePeer, ask)) === 'stored') components.onAsk({ from: sender, purpose: ask.purpose });
        return { received: true };
      }
      const known = await receiveAnswer(locker, signer, remotePeer, answerSchema.parse(rest));
      if (known) components.onAnswer();
      return { received: known };
    },
    { schema: requestMessageSchema, limits: REQUEST_LIMITS },
  );
}
