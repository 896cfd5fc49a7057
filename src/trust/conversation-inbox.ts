// Taking a contact's messages in (issue 12): each one checked on its own — signed by the
// contact whose connection brought it, addressed to us, in a thread of this conversation,
// its sequence number not already taken by another message — and refused with a stable
// code (never stored) otherwise. A message already here (the sender's outbox retrying
// after a lost answer) is answered with the same receipt again and not stored twice:
// exactly once in effect. The batch is one commit, with one audit entry naming the
// messages, without their text.
import { KithError, isKithError, type ErrorCode } from '../base/errors.ts';
import type { Signer } from '../identity/signer.ts';
import type { ItemChange, Locker } from '../store/locker.ts';
import { liveAgreementsBetween } from './agreements.ts';
import type { Contact } from './contacts.ts';
import { readMessage, readReceipt, signReceipt, type Message, type MessageReceipt } from './conversation-message.ts';
import { conversationMessages, conversationState, messageChange, storedMessages, withReceipt, type StoredMessage } from './conversations.ts';

export type InboundResult = { status: 'stored' | 'duplicate'; receipt: MessageReceipt } | { status: 'refused'; code: ErrorCode };

/** Codes that mean the message is wrong and always will be: the sender stops retrying it. */
export const FINAL_CODES: readonly ErrorCode[] = ['InvalidInput', 'InvalidSignature', 'NotTrusted', 'NotFound', 'Unsupported'];

export interface Inbound {
  readonly results: InboundResult[];
  readonly stored: StoredMessage[];
}

/** Whether `message` fits the conversation: its thread and the message it answers are in it, its sequence number is its own. */
function checkPlace(message: Message, known: ReadonlyMap<string, StoredMessage>, bySeq: ReadonlyMap<number, string>, deletedThrough: number): void {
  if (bySeq.has(message.seq) && bySeq.get(message.seq) !== message.id) throw new KithError('InvalidInput', 'Another message of this conversation has the same sequence number.');
  if (message.seq <= deletedThrough) throw new KithError('InvalidInput', 'The message is older than the conversation you deleted: a replay.');
  if (message.thread !== message.id && known.get(message.thread)?.message.thread !== message.thread) {
    throw new KithError('NotFound', 'The message belongs to a thread that is not in this conversation.');
  }
  if (message.replyTo !== undefined && known.get(message.replyTo)?.message.thread !== message.thread) {
    throw new KithError('NotFound', 'The message answers one that is not in its thread.');
  }
}

export async function receiveMessages(locker: Locker, signer: Signer, sender: Contact, values: readonly unknown[], now = new Date()): Promise<Inbound> {
  const conversation = await conversationMessages(locker, sender.peerId);
  const state = await conversationState(locker, sender);
  const known = new Map(conversation.map((stored) => [stored.message.id, stored]));
  const bySeq = new Map(conversation.filter((stored) => !stored.mine).map((stored) => [stored.message.seq, stored.message.id]));
  const agreements = new Set((await liveAgreementsBetween(locker, sender.peerId)).map((agreement) => agreement.id));
  const results: InboundResult[] = [];
  const stored: StoredMessage[] = [];
  for (const value of values) {
    try {
      const message = readMessage(value, { from: sender.did, to: signer.did }, now);
      const here = known.get(message.id);
      if (here !== undefined) {
        // The same id with other content is not a retry but a forgery of the id.
        if (here.mine || JSON.stringify(here.message) !== JSON.stringify(message)) throw new KithError('InvalidInput', 'Another message already has this id.');
        results.push({ status: 'duplicate', receipt: here.receipts[0] ?? signReceipt(signer, { status: 'delivered', messages: [message.id], for: sender.did }, now) });
        continue;
      }
      checkPlace(message, known, bySeq, state.deletedThrough ?? 0);
      if (message.agreement !== undefined && !agreements.has(message.agreement)) throw new KithError('NotFound', 'The message names an agreement you do not have with this contact.');
      const receipt = signReceipt(signer, { status: 'delivered', messages: [message.id], for: sender.did }, now);
      const kept: StoredMessage = { peerId: sender.peerId, mine: false, message, status: 'delivered', stored: now.toISOString(), receipts: [receipt], seen: false };
      known.set(message.id, kept);
      bySeq.set(message.seq, message.id);
      stored.push(kept);
      results.push({ status: 'stored', receipt });
    } catch (error) {
      if (!isKithError(error) || !FINAL_CODES.includes(error.code)) throw error;
      results.push({ status: 'refused', code: error.code });
    }
  }
  if (stored.length > 0) {
    const refused = results.flatMap((result) => (result.status === 'refused' ? [result.code] : []));
    await locker.commit(signer, {
      items: stored.map(messageChange),
      audit: [
        {
          kind: 'message.received',
          details: { peerId: sender.peerId, messages: stored.map((s) => s.message.id), count: stored.length, ...(refused.length === 0 ? {} : { refused }) },
        },
      ],
    });
  }
  return { results, stored };
}

/** A read receipt from the contact for messages of mine: checked, kept with each message. Returns how many it raised to read. */
export async function receiveReadReceipt(locker: Locker, signer: Signer, sender: Contact, value: unknown): Promise<number> {
  const receipt = readReceipt(value, { by: sender.did, for: signer.did }, 'read');
  const found = await storedMessages(locker, sender.peerId, receipt.messages);
  const changes: ItemChange[] = found.flatMap((stored) => (stored === undefined || !stored.mine || stored.status === 'read' ? [] : [messageChange(withReceipt(stored, receipt))]));
  if (changes.length > 0) {
    await locker.commit(signer, { items: changes, audit: [{ kind: 'message.read-by', details: { peerId: sender.peerId, messages: receipt.messages.slice(0, 50), count: changes.length } }] });
  }
  return changes.length;
}
