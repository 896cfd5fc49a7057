// The pure half of the Conversations screens: a message's delivery state in words, the
// composer's limit, what a reply answers, gaps in a sender's numbering, the agreement a
// message is tied to, and the vendor inbox's search. No React here, so it is unit-tested.
import type { AgreementView } from '../../src/api/methods/agreements.ts';
import { MAX_MESSAGE_TEXT, type ConversationView, type MessageStatus, type MessageView } from '../../src/api/methods/conversations.ts';

/** What each state means to the person who wrote the message. */
export const STATUS_WORDS: Readonly<Record<MessageStatus, { readonly label: string; readonly explain: string }>> = {
  sent: { label: 'Sent', explain: 'On its way, or waiting for their node to come online' },
  delivered: { label: 'Delivered', explain: 'Their node has it and signed a receipt' },
  read: { label: 'Read', explain: 'They opened it' },
};

/** "12 of 4000 characters"; past the limit, how many to remove. */
export function textCount(text: string, limit = MAX_MESSAGE_TEXT): string {
  const over = text.length - limit;
  if (over > 0) return `${text.length} of ${limit} characters: remove ${over}`;
  return `${text.length} of ${limit} characters`;
}

/** What is wrong with the text before it is sent, in words; undefined when it can go. */
export function textProblem(text: string, limit = MAX_MESSAGE_TEXT): string | undefined {
  if (text.trim() === '') return 'Write something first.';
  if (text.length > limit) return `A message holds at most ${limit} characters: remove ${text.length - limit}.`;
  return undefined;
}

/** The start of a message, for a reply's quote or a notification: its first line, shortened. */
export function quoteOf(text: string, most = 80): string {
  const line = (text.split('\n').find((candidate) => candidate.trim() !== '') ?? '').trim();
  return line.length <= most ? line : `${line.slice(0, most - 1).trimEnd()}…`;
}

/**
 * The message a reply answers, in a sentence: whose, and how it began. One that is not in
 * this view (deleted, or of a thread not shown) is said to be so rather than dropped.
 */
export function replyWords(messages: readonly MessageView[], replyTo: string, peerName: string): string {
  const answered = messages.find((message) => message.id === replyTo);
  if (answered === undefined) return 'In answer to a message that is no longer here';
  return `In answer to ${answered.mine ? 'you' : peerName}: “${quoteOf(answered.text)}”`;
}

/**
 * The ids of messages that come after a gap in their sender's numbering (1, 2, 4: a message
 * is missing before 4), with how many are missing. The other side numbers its messages in
 * this conversation; a gap means one has not arrived (yet), which the thread says.
 */
export function sequenceGaps(messages: readonly MessageView[]): ReadonlyMap<string, number> {
  const lastSeen = new Map<string, number>();
  const gaps = new Map<string, number>();
  for (const message of [...messages].sort((a, b) => a.seq - b.seq)) {
    const previous = lastSeen.get(message.from) ?? 0;
    if (message.seq > previous + 1) gaps.set(message.id, message.seq - previous - 1);
    lastSeen.set(message.from, Math.max(previous, message.seq));
  }
  return gaps;
}

/** "the agreement with Livraria for “Delivery of my orders”", or what we know of one we no longer have. */
export function agreementWords(agreements: readonly AgreementView[] | undefined, id: string): string {
  const agreement = agreements?.find((candidate) => candidate.id === id);
  if (agreement === undefined) return agreements === undefined ? 'an agreement' : 'an agreement that is no longer listed';
  const ended = agreement.status === 'active' ? '' : ' (ended)';
  return `the agreement with ${agreement.with.petname} for “${agreement.purpose}”${ended}`;
}

/** The agreements a new message to `peer` can be tied to: those in force with them, newest first. */
export function agreementsWith(agreements: readonly AgreementView[] | undefined, peer: string): AgreementView[] {
  return (agreements ?? []).filter((agreement) => agreement.with.did === peer && agreement.status === 'active').sort((a, b) => b.created.localeCompare(a.created));
}

/** The line under a conversation's name in the list. */
export function lastLine(conversation: ConversationView): string {
  const last = conversation.last;
  if (last === undefined) return 'No messages yet';
  return last.mine ? `You: ${last.summary}` : last.summary;
}

/** All unread messages, for the count beside Conversations in the navigation. */
export function unreadTotal(conversations: readonly ConversationView[] | undefined): number {
  return (conversations ?? []).reduce((sum, conversation) => sum + conversation.unread, 0);
}

/** "3 unread", "1 unread". */
export function unreadWords(unread: number): string {
  return `${unread} unread`;
}

/**
 * The vendor inbox's search, done here rather than by the node: conversations.list answers
 * every conversation at once (a node has as many as it has contacts), so a filter over what
 * is already on screen is instant. It matches the customer's name, their DID, and the
 * newest message (its summary: the first line, as the list gives it), case-insensitively.
 */
export function filterConversations(conversations: readonly ConversationView[], search: string): ConversationView[] {
  const needle = search.trim().toLowerCase();
  if (needle === '') return [...conversations];
  return conversations.filter((conversation) =>
    [conversation.peerName, conversation.peer, conversation.last?.summary ?? ''].some((haystack) => haystack.toLowerCase().includes(needle)),
  );
}

/** Newest first (the node answers in this order already; a list built here keeps it). */
export function newestFirst(conversations: readonly ConversationView[]): ConversationView[] {
  return [...conversations].sort((a, b) => (b.last?.time ?? '').localeCompare(a.last?.time ?? ''));
}
