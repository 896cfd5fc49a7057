// `kith talk`, `kith conversations`, `kith conversation` (issue 12).
import type { MessageView } from '../../api/methods/conversations.ts';
import { arg, print, type Command, type CommandContext } from './commands.ts';

function stringFlag(ctx: CommandContext, name: string): string | undefined {
  const value = ctx.flags[name];
  return typeof value === 'string' ? value : undefined;
}

function attachFlag(ctx: CommandContext): string[] {
  const value = ctx.flags['attach'];
  if (value === undefined || typeof value === 'boolean') return [];
  return Array.isArray(value) ? value : [value];
}

function messageLine(m: MessageView): string {
  const who = m.mine ? 'you' : 'them';
  const reply = m.replyTo === undefined ? '' : ` ↳ ${m.replyTo}`;
  const files = m.attachments.length === 0 ? '' : `\n    attached: ${m.attachments.map((a) => `${a.name} (${a.id}, ${a.size} bytes)`).join(', ')}`;
  return `${m.time}  ${who} #${m.seq} [${m.status}]  ${m.id}${reply}\n    ${m.text.replace(/\n/g, '\n    ')}${files}`;
}

/** What `--json` prints for a message: the contract's view (id, from, text, time, status and the rest). */
export const conversationCommands: Readonly<Record<string, Command>> = {
  talk: {
    usage: 'kith talk DID TEXT [--agreement ID] [--reply-to ID] [--attach DOC_ID]...',
    summary: 'Write to a contact (signed; sent now or when they are next online)',
    options: { agreement: { type: 'string' }, 'reply-to': { type: 'string' }, attach: { type: 'string', multiple: true } },
    arity: [2, 2],
    async run(ctx) {
      const agreementId = stringFlag(ctx, 'agreement');
      const replyTo = stringFlag(ctx, 'reply-to');
      const attachments = attachFlag(ctx);
      const sent = await ctx.client.call('conversations.send', {
        peer: arg(ctx, 0),
        text: arg(ctx, 1),
        ...(agreementId === undefined ? {} : { agreementId }),
        ...(replyTo === undefined ? {} : { replyTo }),
        ...(attachments.length === 0 ? {} : { attachments }),
      });
      print(ctx, sent, () => `Sent (${sent.status}): message ${sent.id}, #${sent.seq} in thread ${sent.threadId}. \`kith conversation ${arg(ctx, 0)}\` shows when it is delivered and read.`);
    },
  },
  conversations: {
    usage: 'kith conversations',
    summary: 'Your conversations, newest first, with unread counts',
    arity: [0, 0],
    async run(ctx) {
      const list = await ctx.client.call('conversations.list', {});
      print(ctx, list, () =>
        list.length === 0
          ? 'No conversations yet. Write to a contact with `kith talk DID TEXT`.'
          : list
              .map((c) => `${c.peerName} (${c.kind})  ${c.peer}\n  ${c.unread} unread${c.last === undefined ? '' : ` — last ${c.last.time}, ${c.last.mine ? 'you' : 'them'}: ${c.last.summary}`}`)
              .join('\n'),
      );
    },
  },
  conversation: {
    usage: 'kith conversation DID [--thread ID] [--delete]',
    summary: 'A conversation, oldest first (marks it read); --delete deletes your copy',
    options: { thread: { type: 'string' }, delete: { type: 'boolean' } },
    arity: [1, 1],
    async run(ctx) {
      const peer = arg(ctx, 0);
      if (ctx.flags['delete'] === true) {
        const deleted = await ctx.client.call('conversations.delete', { peer });
        print(ctx, deleted, () => `Deleted your copy of the conversation (${deleted.deleted} messages). They keep theirs.`);
        return;
      }
      const threadId = stringFlag(ctx, 'thread');
      const messages = await ctx.client.call('conversations.thread', { peer, ...(threadId === undefined ? {} : { threadId }) });
      await ctx.client.call('conversations.markRead', { peer });
      print(ctx, messages, () => (messages.length === 0 ? 'No messages yet.' : messages.map(messageLine).join('\n')));
    },
  },
};
