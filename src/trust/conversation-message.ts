// A conversation message (issue 12) as it travels and is kept: a JSON object signed by its
// sender with an eddsa-jcs-2022 proof over its JCS form (the same Data Integrity proofs as
// every Kith credential), so either side can show later who said what, and when. Its
// receipts — "delivered" (the recipient's node kept it) and "read" (the recipient opened
// it) — are signed the same way by the recipient. The thread id follows DIDComm's `thid`:
// a thread starts with its first message, whose id it takes.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { KithError } from '../base/errors.ts';
import { MAX_ATTACHMENTS, MAX_MESSAGE_TEXT, messageId } from '../api/methods/conversations.ts';
import { addProof, verifyDocument } from '../credentials/data-integrity.ts';
import type { JsonObject } from '../credentials/types.ts';
import type { Signer } from '../identity/signer.ts';

export const MESSAGE_TYPE = 'KithMessage';
export const MESSAGE_RECEIPT_TYPE = 'KithMessageReceipt';
/** The most message ids one read receipt covers (markRead of a long unread run sends several). */
export const MAX_READ_IDS = 200;
/** How far ahead of our clock a message's time may be (clock skew between two laptops). */
const MAX_FUTURE_MS = 5 * 60 * 1000;

const did = z.string().regex(/^did:key:z[1-9A-HJ-NP-Za-km-z]+$/).max(200);
const iso = z.iso.datetime();

export const attachmentSchema = z.strictObject({
  /** The document record, shared under `grant` (the document protocol brings its file). */
  record: z.string().regex(/^[a-z0-9]{8,64}$/),
  grant: z.string().max(40),
  name: z.string().min(1).max(255),
  mediaType: z.string().max(255),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Attachment = z.output<typeof attachmentSchema>;

/** The signed fields; `proof` is checked by verifyDocument, not by this schema. */
export const messageSchema = z.strictObject({
  type: z.literal(MESSAGE_TYPE),
  id: messageId,
  thread: messageId,
  replyTo: messageId.optional(),
  from: did,
  to: did,
  seq: z.number().int().positive().max(2 ** 40),
  time: iso,
  // Counted in UTF-16 code units, as the contract counts it; the wire bound is the frame size.
  text: z.string().min(1).max(MAX_MESSAGE_TEXT),
  attachments: z.array(attachmentSchema).max(MAX_ATTACHMENTS).optional(),
  agreement: z.string().min(1).max(40).optional(),
  proof: z.unknown().refine((proof) => proof !== undefined, 'must be signed'),
});
export type Message = z.output<typeof messageSchema>;

export const messageReceiptSchema = z.strictObject({
  type: z.literal(MESSAGE_RECEIPT_TYPE),
  status: z.enum(['delivered', 'read']),
  /** The messages it is for: one for a delivery receipt, up to MAX_READ_IDS for a read receipt. */
  messages: z.array(messageId).min(1).max(MAX_READ_IDS),
  /** The recipient (who signs it) and the sender it is for. */
  by: did,
  for: did,
  time: iso,
  proof: z.unknown().refine((proof) => proof !== undefined, 'must be signed'),
});
export type MessageReceipt = z.output<typeof messageReceiptSchema>;

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** 26 base32 characters from 130 random bits (256 is a multiple of 32: each byte gives a uniform digit). */
export function newMessageId(): string {
  return [...randomBytes(26)].map((byte) => BASE32[byte & 31]).join('');
}

export interface NewMessage {
  readonly to: string;
  readonly seq: number;
  readonly text: string;
  readonly thread?: string;
  readonly replyTo?: string;
  readonly attachments?: readonly Attachment[];
  readonly agreement?: string;
}

export function signMessage(signer: Signer, input: NewMessage, now = new Date()): Message {
  const id = newMessageId();
  const unsigned: JsonObject = {
    type: MESSAGE_TYPE,
    id,
    thread: input.thread ?? id,
    ...(input.replyTo === undefined ? {} : { replyTo: input.replyTo }),
    from: signer.did,
    to: input.to,
    seq: input.seq,
    time: now.toISOString(),
    text: input.text,
    ...(input.attachments === undefined || input.attachments.length === 0 ? {} : { attachments: input.attachments.map((a) => ({ ...a })) }),
    ...(input.agreement === undefined ? {} : { agreement: input.agreement }),
  };
  return messageSchema.parse(addProof(unsigned, signer, { proofPurpose: 'assertionMethod' }));
}

/** The proof must verify and be the signer's; `what` names it in the error. */
function checkSigned(document: Record<string, unknown>, signer: string, what: string): void {
  let signers: string[];
  try {
    signers = verifyDocument(document).map((proof) => proof.signer);
  } catch (error) {
    if (error instanceof KithError) throw new KithError(error.code === 'Unsupported' ? 'Unsupported' : 'InvalidSignature', `The ${what}'s signature does not verify.`);
    throw error;
  }
  if (signers.length !== 1 || signers[0] !== signer) throw new KithError('NotTrusted', `The ${what} is not signed by its sender.`);
}

/**
 * A message from a peer: well formed, signed by `from` (the contact whose authenticated
 * connection brought it), addressed to `to` (us), and not dated in the future. Throws
 * InvalidInput, InvalidSignature or NotTrusted.
 */
export function readMessage(value: unknown, who: { from: string; to: string }, now = new Date()): Message {
  const parsed = messageSchema.safeParse(value);
  if (!parsed.success) throw new KithError('InvalidInput', 'The message is malformed.');
  const message = parsed.data;
  if (message.from !== who.from) throw new KithError('NotTrusted', 'The message names another sender than the peer that sent it.');
  if (message.to !== who.to) throw new KithError('NotTrusted', 'The message is addressed to someone else.');
  if (message.text.trim() === '') throw new KithError('InvalidInput', 'The message has no text.');
  if (message.replyTo !== undefined && message.thread === message.id) throw new KithError('InvalidInput', 'A message that replies to another cannot start a thread.');
  if (new Date(message.time).getTime() > now.getTime() + MAX_FUTURE_MS) throw new KithError('InvalidInput', 'The message is dated in the future.');
  checkSigned(message, who.from, 'message');
  return message;
}

export function signReceipt(signer: Signer, input: { status: MessageReceipt['status']; messages: readonly string[]; for: string }, now = new Date()): MessageReceipt {
  const unsigned: JsonObject = { type: MESSAGE_RECEIPT_TYPE, status: input.status, messages: [...input.messages], by: signer.did, for: input.for, time: now.toISOString() };
  return messageReceiptSchema.parse(addProof(unsigned, signer, { proofPurpose: 'assertionMethod' }));
}

/** A receipt from the peer `by`, for messages of ours (`for`). Throws InvalidInput, InvalidSignature or NotTrusted. */
export function readReceipt(value: unknown, who: { by: string; for: string }, status?: MessageReceipt['status']): MessageReceipt {
  const parsed = messageReceiptSchema.safeParse(value);
  if (!parsed.success) throw new KithError('InvalidInput', 'The message receipt is malformed.');
  const receipt = parsed.data;
  if (receipt.by !== who.by || receipt.for !== who.for) throw new KithError('NotTrusted', 'The message receipt is from or for someone else.');
  if (status !== undefined && receipt.status !== status) throw new KithError('InvalidInput', `Expected a ${status} receipt.`);
  checkSigned(receipt, who.by, 'message receipt');
  return receipt;
}
