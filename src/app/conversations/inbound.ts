// The receiving side of /kith/message on a running node (issue 12): a contact's messages
// are checked and kept (trust/conversation-inbox.ts), and the UIs told — the conversation
// changed, and for each new message a `message.received` for the desktop notification. On
// a vendor node with CRM webhooks, each new message is also a `message.received` webhook
// event (without the text: the CRM fetches nothing it was not given, and the agreement's
// terms cover what the vendor does with what is said).
import type { KithNode } from '../../net/node.ts';
import { startMessageProtocol } from '../../net/protocols/message/message-protocol.ts';
import { getContact } from '../../trust/contacts.ts';
import { receiveMessages, receiveReadReceipt } from '../../trust/conversation-inbox.ts';
import type { AppContext } from '../context.ts';
import { summaryOf } from '../services/conversations-service.ts';
import { mirrorConversation, mirrorMessages } from './vendor-mirror.ts';

/** Tells the UIs that the conversation with this peer (by PeerId) changed. */
export async function conversationChanged(ctx: AppContext, peerId: string): Promise<void> {
  await mirrorConversation(ctx, peerId).catch(() => undefined);
  const contact = await getContact(await ctx.locker(), peerId);
  if (contact !== undefined) ctx.emit('conversations.changed', { peer: contact.did });
  ctx.emit('log.appended', {});
}

export async function startConversations(ctx: AppContext, node: KithNode, isBlocked: (peerId: string) => boolean): Promise<void> {
  await startMessageProtocol({
    node,
    contact: async (peerId) => (isBlocked(peerId) ? undefined : getContact(await ctx.locker(), peerId)),
    messages: async (sender, messages) => {
      const inbound = await receiveMessages(await ctx.locker(), ctx.signer(), sender, messages);
      await mirrorMessages(ctx, inbound.stored, true).catch(() => undefined);
      if (inbound.stored.length > 0) {
        ctx.emit('conversations.changed', { peer: sender.did });
        ctx.emit('log.appended', {});
        for (const { message } of inbound.stored) {
          ctx.emit('message.received', { peer: sender.did, from: sender.petname, id: message.id, summary: summaryOf(message.text), ...(message.agreement === undefined ? {} : { agreementId: message.agreement }) });
        }
      }
      return inbound.results;
    },
    read: async (sender, receipt) => {
      if ((await receiveReadReceipt(await ctx.locker(), ctx.signer(), sender, receipt)) > 0) {
        await mirrorConversation(ctx, sender.peerId).catch(() => undefined);
        ctx.emit('conversations.changed', { peer: sender.did });
        ctx.emit('log.appended', {});
      }
    },
  });
}
