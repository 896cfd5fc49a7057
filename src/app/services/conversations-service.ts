// conversations.*: writing to contacts and reading what they wrote (issue 12). Sending
// goes through the outbox (app/conversations/compose.ts), so it works offline; the network
// delivers and brings answers (app/network.ts).
import type { AppApi } from '../../api/contract.ts';
import type { ConversationView, MessageView } from '../../api/methods/conversations.ts';
import { KithError } from '../../base/errors.ts';
import type { Locker } from '../../store/locker.ts';
import { listContacts, type Contact } from '../../trust/contacts.ts';
import { allMessages, conversationMessages, type StoredMessage } from '../../trust/conversations.ts';
import type { AppContext } from '../context.ts';
import { contactByDid, deleteConversation, markRead, sendMessage } from '../conversations/compose.ts';
import { mirrorConversation, mirrorMessages, unmirrorConversation } from '../conversations/vendor-mirror.ts';

type ConversationsApi = Pick<AppApi, 'conversations.send' | 'conversations.list' | 'conversations.thread' | 'conversations.markRead' | 'conversations.delete'>;

export function messageView(stored: StoredMessage): MessageView {
  const { message } = stored;
  return {
    id: message.id,
    threadId: message.thread,
    ...(message.replyTo === undefined ? {} : { replyTo: message.replyTo }),
    from: message.from,
    mine: stored.mine,
    text: message.text,
    time: message.time,
    seq: message.seq,
    status: stored.mine ? stored.status : stored.seen === true ? 'read' : 'delivered',
    ...(message.agreement === undefined ? {} : { agreementId: message.agreement }),
    attachments: (message.attachments ?? []).map((a) => ({ id: a.record, name: a.name, mediaType: a.mediaType, size: a.size, sha256: a.sha256 })),
  };
}

/** The first line of the text, at most 120 characters: what a list or a notification shows. */
export function summaryOf(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length <= 120 ? line : `${line.slice(0, 119)}…`;
}

/** A contact by DID, blocked or not (reading and deleting a conversation does not write to them). */
async function knownPeer(locker: Locker, did: string): Promise<Contact> {
  const contact = (await listContacts(locker)).find((c) => c.did === did);
  if (contact === undefined) throw new KithError('NotFound', 'This DID is not one of your contacts.', { hint: 'See your contacts with `kith contacts`.' });
  return contact;
}

export function conversationsService(ctx: AppContext): ConversationsApi {
  const changed = (peer: string): void => {
    ctx.emit('conversations.changed', { peer });
    ctx.emit('log.appended', {});
  };
  return {
    async 'conversations.send'({ peer, text, agreementId, replyTo, attachments }) {
      const locker = await ctx.locker();
      const contact = await contactByDid(locker, peer);
      const stored = await sendMessage(locker, ctx.signer(), contact, {
        text,
        ...(agreementId === undefined ? {} : { agreementId }),
        ...(replyTo === undefined ? {} : { replyTo }),
        ...(attachments === undefined ? {} : { attachments }),
      });
      await mirrorMessages(ctx, [stored]).catch(() => undefined);
      if ((attachments ?? []).length > 0) ctx.emit('grants.changed', {});
      changed(peer);
      return messageView(stored);
    },

    async 'conversations.list'() {
      const locker = await ctx.locker();
      const contacts = new Map((await listContacts(locker)).map((c) => [c.peerId, c]));
      const views: ConversationView[] = [];
      for (const [peerId, messages] of await allMessages(locker)) {
        const contact = contacts.get(peerId);
        const last = messages.at(-1);
        if (last === undefined) continue;
        const view = messageView(last);
        views.push({
          peer: contact?.did ?? (last.mine ? last.message.to : last.message.from),
          peerName: contact?.petname ?? 'a former contact',
          kind: contact?.kind ?? 'person',
          unread: messages.filter((m) => !m.mine && m.seen !== true).length,
          last: { id: view.id, from: view.from, mine: view.mine, summary: summaryOf(view.text), time: view.time, status: view.status },
          ...(last.message.agreement === undefined ? {} : { agreementId: last.message.agreement }),
        });
      }
      return views.sort((a, b) => (b.last?.time ?? '').localeCompare(a.last?.time ?? ''));
    },

    async 'conversations.thread'({ peer, threadId }) {
      const locker = await ctx.locker();
      const contact = await knownPeer(locker, peer);
      const messages = await conversationMessages(locker, contact.peerId);
      return messages.filter((stored) => threadId === undefined || stored.message.thread === threadId).map(messageView);
    },

    async 'conversations.markRead'({ peer }) {
      const locker = await ctx.locker();
      const contact = await knownPeer(locker, peer);
      const marked = await markRead(locker, ctx.signer(), contact);
      if (marked > 0) await mirrorConversation(ctx, contact.peerId).catch(() => undefined);
      if (marked > 0) changed(peer);
      return { peer, marked };
    },

    async 'conversations.delete'({ peer }) {
      const locker = await ctx.locker();
      const contact = await knownPeer(locker, peer);
      const deleted = await deleteConversation(locker, ctx.signer(), contact);
      await unmirrorConversation(ctx, contact.did).catch(() => undefined);
      changed(peer);
      return { peer, deleted };
    },
  };
}
