// Conversations (issue 12): two contacts, a customer and a vendor first of all, write to
// each other node to node over /kith/message/1.0.0. Every message is signed by its sender,
// kept by both sides, and answered with a signed delivery receipt (and a read receipt,
// unless the reader turned them off in Settings). A thread starts with its first message's
// id (DIDComm's `thid`); a conversation is everything between two people.
import { z } from 'zod';
import { method } from '../method.ts';

const did = z.string().regex(/^did:key:z[1-9A-HJ-NP-Za-km-z]+$/, 'must be a did:key');
/** Message ids are made by the sender's node: 26 characters of lowercase base32 (128 random bits). */
export const messageId = z.string().regex(/^[a-z2-7]{26}$/, 'must be a message id such as 3k9x0c7w2m5qabcdefghijklmn');
const recordId = z.string().regex(/^[a-z0-9]{8,64}$/, 'must be a document id');
const agreementId = z.string().min(1).max(40);

/** The most text one message carries, in UTF-16 code units (what a text box counts). */
export const MAX_MESSAGE_TEXT = 4000;
/** The most documents one message attaches. */
export const MAX_ATTACHMENTS = 10;

export const messageText = z
  .string()
  .max(MAX_MESSAGE_TEXT, `must be at most ${MAX_MESSAGE_TEXT} characters`)
  .refine((text) => text.trim() !== '', 'must not be empty');

/** sent: on its way or queued for an offline peer; delivered: their node signed a receipt; read: they opened it. */
export const messageStatus = z.enum(['sent', 'delivered', 'read']);

const attachmentView = z.strictObject({
  /** The document record (on the receiving side, the record as shared with me). */
  id: z.string(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string(),
  /** On the receiving side: whether the file has arrived (it comes over the document protocol). */
  received: z.boolean().optional(),
});

export const messageView = z.strictObject({
  id: messageId,
  threadId: messageId,
  replyTo: messageId.optional(),
  /** The sender's DID (mine for messages I wrote). */
  from: z.string(),
  /** Whether I wrote it. */
  mine: z.boolean(),
  text: z.string(),
  /** When the sender's node signed it (ISO 8601). */
  time: z.iso.datetime(),
  /** The sender's sequence number in this conversation: 1, 2, 3 … (a gap shows a missing message). */
  seq: z.number().int().positive(),
  status: messageStatus,
  agreementId: z.string().optional(),
  attachments: z.array(attachmentView),
});

const conversationView = z.strictObject({
  peer: z.string(),
  /** My petname for them. */
  peerName: z.string(),
  kind: z.enum(['person', 'vendor']),
  unread: z.number().int().nonnegative(),
  /** The newest message (absent for none). */
  last: z
    .strictObject({
      id: messageId,
      from: z.string(),
      mine: z.boolean(),
      /** The first line of its text, at most 120 characters. */
      summary: z.string(),
      time: z.iso.datetime(),
      status: messageStatus,
    })
    .optional(),
  /** The agreement the newest message was tied to, if any. */
  agreementId: z.string().optional(),
});

export const conversationsMethods = {
  'conversations.send': method({
    kind: 'command',
    summary: 'Write to a contact: signed, sent now or when they are next online, kept by both sides',
    input: z.strictObject({
      peer: did,
      text: messageText,
      /** Ties the message to an agreement with this vendor (its terms cover the vendor's side). */
      agreementId: agreementId.optional(),
      /** A message of this conversation that this one answers (it joins that message's thread). */
      replyTo: messageId.optional(),
      /** Document records to attach: the message makes a grant for them to the peer. */
      attachments: z.array(recordId).max(MAX_ATTACHMENTS, `a message attaches at most ${MAX_ATTACHMENTS} documents`).optional(),
    }),
    output: messageView,
    signs: true,
  }),
  'conversations.list': method({
    kind: 'query',
    summary: 'Your conversations, the newest first, with unread counts',
    input: z.strictObject({}),
    output: z.array(conversationView),
  }),
  'conversations.thread': method({
    kind: 'query',
    summary: 'The messages of one conversation, oldest first',
    input: z.strictObject({
      peer: did,
      /** Only the messages of one thread. */
      threadId: messageId.optional(),
    }),
    output: z.array(messageView),
  }),
  'conversations.markRead': method({
    kind: 'command',
    summary: "Mark a conversation read (sends read receipts unless they are off in Settings)",
    input: z.strictObject({ peer: did }),
    output: z.strictObject({ peer: z.string(), marked: z.number().int().nonnegative() }),
    signs: true,
  }),
  'conversations.delete': method({
    kind: 'command',
    summary: 'Delete your own copy of a conversation (the other side keeps theirs)',
    input: z.strictObject({ peer: did }),
    output: z.strictObject({ peer: z.string(), deleted: z.number().int().nonnegative() }),
    signs: true,
  }),
} as const;

export type MessageView = z.output<typeof messageView>;
export type ConversationView = z.output<typeof conversationView>;
export type MessageStatus = z.output<typeof messageStatus>;
