// The sending side of /kith/message (issue 12), for the deliverer: a batch of queued
// messages goes out in one request, and each answer is checked before anything counts —
// a delivery receipt signed by the recipient for exactly that message — then kept with the
// message as proof, in the same commit that takes the batch out of the outbox. A refusal
// is final (the recipient checked the message and will not take it): it is noted on the
// message and not retried. A read receipt of ours goes out the same way.
import { KithError } from '../../base/errors.ts';
import type { Signer } from '../../identity/signer.ts';
import type { KithNode } from '../../net/node.ts';
import { MESSAGE_ASKING, MESSAGE_PROTOCOL, messagesAnswerSchema, readAnswerSchema } from '../../net/protocols/message/message-protocol.ts';
import type { ItemChange, Locker } from '../../store/locker.ts';
import type { Contact } from '../../trust/contacts.ts';
import { readReceipt } from '../../trust/conversation-message.ts';
import { messageChange, storedMessages, withReceipt } from '../../trust/conversations.ts';
import { markDelivered, type OutboxItem } from '../../trust/outbox.ts';

function messageIdOf(item: OutboxItem): string {
  const id = (item.message['message'] as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string') throw new KithError('Internal', 'A queued message has no id.');
  return id;
}

export async function sendMessageBatch(node: KithNode, locker: Locker, signer: Signer, holder: Contact, items: readonly OutboxItem[], message: Record<string, unknown>): Promise<void> {
  const answer = await node.request(holder.peerId, MESSAGE_PROTOCOL, message, { responseSchema: messagesAnswerSchema, ...MESSAGE_ASKING });
  if (answer.results.length !== items.length) throw new KithError('Protocol', 'The peer answered a different batch of messages.');
  const ids = items.map(messageIdOf);
  const stored = await storedMessages(locker, holder.peerId, ids);
  const changes: ItemChange[] = [];
  const refused: { message: string; code: string }[] = [];
  answer.results.forEach((result, i) => {
    const id = ids[i]!;
    const mine = stored[i];
    if (result.status === 'refused') {
      refused.push({ message: id, code: result.code });
      if (mine !== undefined) changes.push(messageChange({ ...mine, refused: result.code }));
      return;
    }
    const receipt = readReceipt(result.receipt, { by: holder.did, for: signer.did }, 'delivered');
    if (!receipt.messages.includes(id)) throw new KithError('NotTrusted', 'The peer answered with a receipt for another message.');
    // Deleted meanwhile (the person deleted their copy): nothing to note it on.
    if (mine !== undefined) changes.push(messageChange(withReceipt(mine, receipt)));
  });
  await markDelivered(locker, signer, items, { messages: ids, ...(refused.length === 0 ? {} : { refused }) }, changes);
}

export async function sendReadReceipt(node: KithNode, locker: Locker, signer: Signer, holder: Contact, item: OutboxItem): Promise<void> {
  await node.request(holder.peerId, MESSAGE_PROTOCOL, item.message, { responseSchema: readAnswerSchema, ...MESSAGE_ASKING });
  const messages = (item.message['receipt'] as { messages?: unknown } | undefined)?.messages;
  await markDelivered(locker, signer, [item], { count: Array.isArray(messages) ? messages.length : 0 });
}
