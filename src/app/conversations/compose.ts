// Writing, reading and deleting on a person's node (issue 12). A message is signed and
// kept, and queued in the outbox, in one commit (so it is sent exactly when it is kept);
// its attachments are shared first under a grant of their own, which the share protocol
// delivers and the document protocol brings the files of. Marking read sends one signed
// read receipt per 200 messages, unless the owner turned read receipts off.
import { KithError } from '../../base/errors.ts';
import type { Signer } from '../../identity/signer.ts';
import type { ItemChange, Locker } from '../../store/locker.ts';
import { agreementForGrant } from '../../trust/agreement-gate.ts';
import { liveAgreementsBetween, type Agreement } from '../../trust/agreements.ts';
import { isBlocked, listContacts, type Contact } from '../../trust/contacts.ts';
import { MAX_READ_IDS, signMessage, signReceipt, type Attachment } from '../../trust/conversation-message.ts';
import { CONVERSATIONS, conversationMessages, conversationState, messageChange, stateChange, type StoredMessage } from '../../trust/conversations.ts';
import { getDefaultTerms } from '../../trust/default-terms.ts';
import { createGrant } from '../../trust/grants.ts';
import { queueChange } from '../../trust/outbox.ts';
import { readReceiptsOn } from '../../trust/read-receipts.ts';
import { recordFacts } from '../records/record-credential.ts';
import { grantChanges } from '../sharing/releases.ts';

const ATTACHMENT_PURPOSE = 'Attached to a message';

/** The contact with this DID, not blocked; NotFound / NotTrusted otherwise. */
export async function contactByDid(locker: Locker, did: string): Promise<Contact> {
  const contact = (await listContacts(locker)).find((c) => c.did === did);
  if (contact === undefined) throw new KithError('NotFound', 'You can write only to your contacts, and this DID is not one of them.', { hint: 'Invite them first (`kith invite`), then write.' });
  if (await isBlocked(locker, contact.peerId)) throw new KithError('NotTrusted', `You blocked ${contact.petname}: unblock them first to write to them.`);
  return contact;
}

/** Sequence numbers in outbox subjects are zero-padded so that id order is send order. */
function seqSubject(seq: number): string {
  return `message:${String(seq).padStart(13, '0')}`;
}

async function agreementFor(locker: Locker, contact: Contact, id: string | undefined): Promise<Agreement | undefined> {
  if (id === undefined) return undefined;
  const agreement = (await liveAgreementsBetween(locker, contact.peerId)).find((a) => a.id === id);
  if (agreement === undefined) throw new KithError('NotFound', `You have no live agreement ${id} with ${contact.petname}.`, { hint: 'See your agreements with `kith agreements`.' });
  return agreement;
}

/** Shares the documents with the contact under one new grant; returns what the message says of each. */
async function attach(locker: Locker, signer: Signer, contact: Contact, ids: readonly string[], agreement: Agreement | undefined): Promise<Attachment[]> {
  if (ids.length === 0) return [];
  const documents = await Promise.all(
    ids.map(async (id) => {
      const head = await locker.records.head(id);
      if (head === undefined || head.deleted || head.type !== 'document') throw new KithError('NotFound', `There is no document ${id} to attach.`, { hint: 'Add the file first with `kith doc add FILE`.' });
      const data = recordFacts(head.credential).data as { name: string; mediaType: string; size: number; sha256: string };
      return { id, data };
    }),
  );
  const to = { kind: 'contact', peerId: contact.peerId } as const;
  const under = agreement ?? (await agreementForGrant(locker, to, ATTACHMENT_PURPOSE));
  const grant = await createGrant(
    locker,
    signer,
    {
      to,
      records: [...new Set(ids)].map((id) => ({ id })),
      purpose: under?.purpose ?? ATTACHMENT_PURPOSE,
      terms: under?.terms ?? [...(await getDefaultTerms(locker)).terms],
      ...(under === undefined ? {} : { agreement: under.id }),
    },
    (created) => grantChanges(locker, signer, created),
  );
  return documents.map(({ id, data }) => ({ record: id, grant: grant.id, name: data.name, mediaType: data.mediaType, size: data.size, sha256: data.sha256 }));
}

export interface Compose {
  readonly text: string;
  readonly agreementId?: string;
  readonly replyTo?: string;
  readonly attachments?: readonly string[];
}

export async function sendMessage(locker: Locker, signer: Signer, contact: Contact, input: Compose, now = new Date()): Promise<StoredMessage> {
  const agreement = await agreementFor(locker, contact, input.agreementId);
  let thread: string | undefined;
  if (input.replyTo !== undefined) {
    const answered = (await conversationMessages(locker, contact.peerId)).find((stored) => stored.message.id === input.replyTo);
    if (answered === undefined) throw new KithError('NotFound', `There is no message ${input.replyTo} in your conversation with ${contact.petname}.`);
    thread = answered.message.thread;
  }
  const attachments = await attach(locker, signer, contact, input.attachments ?? [], agreement);
  const state = await conversationState(locker, contact);
  const message = signMessage(
    signer,
    {
      to: contact.did,
      seq: state.nextSeq,
      text: input.text,
      ...(thread === undefined ? {} : { thread }),
      ...(input.replyTo === undefined ? {} : { replyTo: input.replyTo }),
      attachments,
      ...(agreement === undefined ? {} : { agreement: agreement.id }),
    },
    now,
  );
  const stored: StoredMessage = { peerId: contact.peerId, mine: true, message, status: 'sent', stored: now.toISOString(), receipts: [] };
  await locker.commit(signer, {
    items: [messageChange(stored), stateChange({ ...state, nextSeq: state.nextSeq + 1 }), queueChange(contact.peerId, seqSubject(message.seq), 'message', { message }, now)],
    audit: [
      {
        kind: 'message.sent',
        details: { peerId: contact.peerId, message: message.id, thread: message.thread, seq: message.seq, ...(agreement === undefined ? {} : { agreement: agreement.id }), attachments: attachments.length },
      },
    ],
  });
  return stored;
}

/** Marks their unread messages read; returns how many. */
export async function markRead(locker: Locker, signer: Signer, contact: Contact, now = new Date()): Promise<number> {
  const unread = (await conversationMessages(locker, contact.peerId)).filter((stored) => !stored.mine && stored.seen !== true);
  if (unread.length === 0) return 0;
  const receipts = await readReceiptsOn(locker);
  const changes: ItemChange[] = unread.map((stored) => messageChange({ ...stored, seen: true, status: 'read' }));
  if (receipts) {
    for (let i = 0; i < unread.length; i += MAX_READ_IDS) {
      const ids = unread.slice(i, i + MAX_READ_IDS).map((stored) => stored.message.id);
      const receipt = signReceipt(signer, { status: 'read', messages: ids, for: contact.did }, now);
      changes.push(queueChange(contact.peerId, `read:${now.getTime()}:${ids[0]}`, 'message-read', { type: 'read', receipt }, now));
    }
  }
  await locker.commit(signer, { items: changes, audit: [{ kind: 'conversation.read', details: { peerId: contact.peerId, count: unread.length, receipt: receipts } }] });
  return unread.length;
}

/**
 * Deletes this node's copy of the conversation. What is still on its way to them stays on
 * its way (it is theirs once sent). Their highest sequence number is kept, so a replay of
 * an old message of theirs is refused rather than brought back.
 */
export async function deleteConversation(locker: Locker, signer: Signer, peer: { peerId: string; did: string }): Promise<number> {
  const messages = await conversationMessages(locker, peer.peerId);
  const state = await conversationState(locker, peer);
  const theirs = Math.max(state.deletedThrough ?? 0, ...messages.filter((stored) => !stored.mine).map((stored) => stored.message.seq));
  const exists = messages.length > 0 || (await locker.collections.get(CONVERSATIONS, peer.peerId)) !== undefined;
  if (!exists) throw new KithError('NotFound', 'There is no conversation with this contact.');
  await locker.commit(signer, {
    items: [...messages.map((stored) => ({ ...messageChange(stored), value: null })), stateChange({ ...state, deletedThrough: theirs })],
    audit: [{ kind: 'conversation.deleted', details: { peerId: peer.peerId, count: messages.length } }],
  });
  return messages.length;
}
