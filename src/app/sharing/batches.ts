// How the deliverer cuts a peer's queue into messages. The queue is sent in order;
// consecutive deliveries travel together as one `deliver` message (at most MAX_BATCH
// records and about BATCH_BYTES, each grant's consent receipt once), so a holder coming
// back to thousands of changes catches up in a few round trips and commits. Revocation
// notices, answers to requests and a vendor's receipts go one per message, in their place
// in the order.
import { BATCH_BYTES, MAX_BATCH, type DeliverRequest } from '../../net/protocols/share/share-protocol.ts';
import { MAX_MESSAGE_BATCH, MESSAGE_BATCH_BYTES } from '../../net/protocols/message/message-protocol.ts';
import type { OutboxItem } from '../../trust/outbox.ts';

export type Send =
  | { readonly kind: 'deliver'; readonly items: OutboxItem[]; readonly message: DeliverRequest }
  | { readonly kind: 'message'; readonly items: OutboxItem[]; readonly message: { type: 'messages'; messages: Json[] } }
  | { readonly kind: Exclude<OutboxItem['kind'], 'deliver' | 'message'>; readonly items: [OutboxItem]; readonly message: Record<string, unknown> };

type Json = Record<string, unknown>;

function sizeOf(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}

class DeliveryBatch {
  readonly items: OutboxItem[] = [];
  readonly credentials: Json[] = [];
  readonly receipts = new Map<string, Json>();
  bytes = 0;

  /** Adds the item unless it would overflow a batch that already holds something. */
  add(item: OutboxItem): boolean {
    const credential = item.message['credential'] as Json;
    const receipt = item.message['receipt'] as Json;
    const receiptId = String(receipt['id'] ?? '');
    const bytes = sizeOf(credential) + (this.receipts.has(receiptId) ? 0 : sizeOf(receipt));
    const full = this.items.length >= MAX_BATCH || this.bytes + bytes > BATCH_BYTES;
    if (full && this.items.length > 0) return false;
    this.items.push(item);
    this.credentials.push(credential);
    this.receipts.set(receiptId, receipt);
    this.bytes += bytes;
    return true;
  }

  send(): Send {
    return { kind: 'deliver', items: this.items, message: { type: 'deliver', credentials: this.credentials, receipts: [...this.receipts.values()] } };
  }
}

/** Consecutive conversation messages: one `messages` request of at most MAX_MESSAGE_BATCH, about MESSAGE_BATCH_BYTES. */
class MessageBatch {
  readonly items: OutboxItem[] = [];
  bytes = 0;

  add(item: OutboxItem): boolean {
    const bytes = sizeOf(item.message['message']);
    if (this.items.length > 0 && (this.items.length >= MAX_MESSAGE_BATCH || this.bytes + bytes > MESSAGE_BATCH_BYTES)) return false;
    this.items.push(item);
    this.bytes += bytes;
    return true;
  }

  send(): Send {
    return { kind: 'message', items: this.items, message: { type: 'messages', messages: this.items.map((item) => item.message['message'] as Json) } };
  }
}

/** The messages for one peer's due items, in the items' order. */
export function packSends(queue: readonly OutboxItem[]): Send[] {
  const sends: Send[] = [];
  let batch: DeliveryBatch | undefined;
  let messages: MessageBatch | undefined;
  const close = () => {
    if (batch !== undefined) sends.push(batch.send());
    if (messages !== undefined) sends.push(messages.send());
    batch = undefined;
    messages = undefined;
  };
  for (const item of queue) {
    if (item.kind === 'message') {
      if (batch !== undefined) close();
      messages ??= new MessageBatch();
      if (!messages.add(item)) {
        close();
        messages = new MessageBatch();
        messages.add(item);
      }
      continue;
    }
    if (item.kind !== 'deliver') {
      close();
      sends.push({ kind: item.kind, items: [item], message: item.message });
      continue;
    }
    if (messages !== undefined) close();
    batch ??= new DeliveryBatch();
    if (!batch.add(item)) {
      close();
      batch = new DeliveryBatch();
      batch.add(item);
    }
  }
  close();
  return sends;
}
