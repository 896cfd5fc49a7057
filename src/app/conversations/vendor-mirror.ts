// On a vendor node, conversations are also kept in the vendor store (issue 12: "in the
// vendor store when the vendor store exists"), where the vendor's inbox and its CRM reach
// them, and where a customer's new message becomes a `message.received` webhook event. The
// locker stays the protocol's own record (its checks — thread, sequence, dedupe — read it),
// so the store is written after the locker commit; a store that is down loses no message
// (the locker has it) and is brought up to date by the next change of that conversation.
import type { MessageRow } from '../../vendor/store/messages.ts';
import { conversationMessages, type StoredMessage } from '../../trust/conversations.ts';
import type { AppContext } from '../context.ts';

function row(stored: StoredMessage): MessageRow {
  const { message } = stored;
  return {
    customer: stored.mine ? message.to : message.from,
    id: message.id,
    mine: stored.mine,
    thread: message.thread,
    seq: message.seq,
    ...(message.agreement === undefined ? {} : { agreement: message.agreement }),
    sent: message.time,
    message,
    status: stored.mine ? stored.status : stored.seen === true ? 'read' : 'delivered',
  };
}

/** Keeps these messages in the vendor store; `received` ones are the customer's new messages (a webhook each). */
export async function mirrorMessages(ctx: AppContext, stored: readonly StoredMessage[], received = false): Promise<void> {
  if (ctx.vendor === undefined || stored.length === 0) return;
  const store = await ctx.vendor.store();
  await store.keepMessages(stored.map(row), new Set(received ? stored.map((s) => s.message.id) : []));
}

/** Brings one conversation's rows up to date (statuses after receipts, or a catch-up after the store was down). */
export async function mirrorConversation(ctx: AppContext, peerId: string): Promise<void> {
  if (ctx.vendor === undefined) return;
  await mirrorMessages(ctx, await conversationMessages(await ctx.locker(), peerId));
}

export async function unmirrorConversation(ctx: AppContext, customer: string): Promise<void> {
  if (ctx.vendor === undefined) return;
  await (await ctx.vendor.store()).deleteMessages(customer);
}
