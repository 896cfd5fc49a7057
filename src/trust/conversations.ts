// Conversations as a person's node keeps them (issue 12): every message of either side in
// the locker's sealed `messages` collection, keyed `<peerId>:<message id>` (so one peer's
// conversation is one prefix read and a message is found by id, for dedupe), and per peer
// a small state in `conversations`: my next sequence number, and — once the person deleted
// their copy — the highest sequence number of theirs seen before, so a replay of an old
// message is refused rather than brought back. Message text never enters the audit trail.
import { z } from 'zod';
import { parseWith } from '../base/schema.ts';
import type { ItemChange, Locker } from '../store/locker.ts';
import { messageReceiptSchema, messageSchema, type Message, type MessageReceipt } from './conversation-message.ts';

export const MESSAGES = 'messages';
export const CONVERSATIONS = 'conversations';

export const storedMessageSchema = z.strictObject({
  peerId: z.string().max(200),
  mine: z.boolean(),
  message: messageSchema,
  /** sent (waiting for their receipt), delivered, read. */
  status: z.enum(['sent', 'delivered', 'read']),
  /** When this node stored it. */
  stored: z.iso.datetime(),
  /** Mine: the recipient's signed receipts, kept as proof. Theirs: the delivery receipt I gave (sent again for a retry). */
  receipts: z.array(messageReceiptSchema).max(2),
  /** Theirs: whether I have read it. */
  seen: z.boolean().optional(),
  /** Mine: the code the recipient's node refused it with (it will not take it; nothing is retried). */
  refused: z.string().max(64).optional(),
});
export type StoredMessage = z.output<typeof storedMessageSchema>;

const stateSchema = z.strictObject({
  peerId: z.string().max(200),
  did: z.string().max(200),
  /** My next sequence number in this conversation. */
  nextSeq: z.number().int().positive(),
  /** Their highest sequence number when I last deleted my copy (a replay at or below it is refused). */
  deletedThrough: z.number().int().nonnegative().optional(),
});
export type ConversationState = z.output<typeof stateSchema>;

export function messageKey(peerId: string, id: string): string {
  return `${peerId}:${id}`;
}

export function messageChange(stored: StoredMessage): ItemChange {
  return { collection: MESSAGES, id: messageKey(stored.peerId, stored.message.id), value: stored };
}

export function stateChange(state: ConversationState): ItemChange {
  return { collection: CONVERSATIONS, id: state.peerId, value: state };
}

export async function conversationState(locker: Locker, peer: { peerId: string; did: string }): Promise<ConversationState> {
  const stored = await locker.collections.get(CONVERSATIONS, peer.peerId);
  return stored === undefined ? { peerId: peer.peerId, did: peer.did, nextSeq: 1 } : parseWith(stateSchema, stored, 'a stored conversation');
}

/** One peer's messages, oldest first (by the sender's time, then sequence number). */
export async function conversationMessages(locker: Locker, peerId: string): Promise<StoredMessage[]> {
  const items = await locker.collections.list(MESSAGES, `${peerId}:`);
  return items.map((item) => parseWith(storedMessageSchema, item.value, 'a stored message')).sort(byTime);
}

export async function storedMessages(locker: Locker, peerId: string, ids: readonly string[]): Promise<(StoredMessage | undefined)[]> {
  const values = await locker.collections.getMany(MESSAGES, ids.map((id) => messageKey(peerId, id)));
  return values.map((value) => (value === undefined ? undefined : parseWith(storedMessageSchema, value, 'a stored message')));
}

/** Every message kept, grouped by peer (for the conversation list and export). */
export async function allMessages(locker: Locker): Promise<Map<string, StoredMessage[]>> {
  const byPeer = new Map<string, StoredMessage[]>();
  for (const item of await locker.collections.list(MESSAGES)) {
    const stored = parseWith(storedMessageSchema, item.value, 'a stored message');
    byPeer.set(stored.peerId, [...(byPeer.get(stored.peerId) ?? []), stored]);
  }
  for (const list of byPeer.values()) list.sort(byTime);
  return byPeer;
}

export function byTime(a: StoredMessage, b: StoredMessage): number {
  const time = a.message.time.localeCompare(b.message.time);
  if (time !== 0) return time;
  if (a.mine === b.mine) return a.message.seq - b.message.seq;
  return a.stored.localeCompare(b.stored);
}

/** A message of mine whose receipt came: the receipt kept, the status raised (never lowered: a late "delivered" after "read"). */
export function withReceipt(stored: StoredMessage, receipt: MessageReceipt): StoredMessage {
  const rank = { sent: 0, delivered: 1, read: 2 } as const;
  const status = rank[receipt.status] > rank[stored.status] ? receipt.status : stored.status;
  const receipts = [...stored.receipts.filter((r) => r.status !== receipt.status), receipt].slice(-2);
  return { ...stored, status, receipts };
}

/** The message as the API shows it. */
export type { Message };
