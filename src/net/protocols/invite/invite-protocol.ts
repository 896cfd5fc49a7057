// /kith/invite/1.0.0 — turning an invite code into a mutual contact.
//
//   acceptor -> inviter   { invite, proof, card }      proof = inviteProof(secret, inviter, acceptor)
//   inviter  -> acceptor  { card }
//
// Both PeerIds are authenticated by Noise, and a card's DID must be the same key as the
// PeerId that sent it, so neither side can claim another identity. The inviter counts the
// use and stores the acceptor in one commit; the acceptor stores the inviter on answer.
import { z } from 'zod';
import { KithError } from '../../../base/errors.ts';
import { publicKeyFromDidKey } from '../../../identity/did-key.ts';
import { ed25519PublicKeyFromPeerId } from '../../../identity/peer-id.ts';
import type { Signer } from '../../../identity/signer.ts';
import type { Locker } from '../../../store/locker.ts';
import { CONTACTS, contactSchema, generatedName, getContact, listContacts, withSelfName, type Contact } from '../../../trust/contacts.ts';
import { contactKind, MAX_ADDRESSES, readInvite } from '../../../trust/invite-code.ts';
import { checkRedemption, inviteProof, useChange } from '../../../trust/invites.ts';
import type { KithNode } from '../../node.ts';
import { protocolId } from '../protocol-id.ts';

export const INVITE_PROTOCOL = protocolId('invite');

const cardSchema = z.strictObject({
  did: z.string().max(200),
  kind: contactKind,
  name: z.string().trim().min(1).max(64).optional(),
  addrs: z.array(z.string().max(300)).max(MAX_ADDRESSES),
});
export type Card = z.output<typeof cardSchema>;

const requestSchema = z.strictObject({ invite: z.string().max(64), proof: z.string().max(64), card: cardSchema });
const answerSchema = z.strictObject({ card: cardSchema });
/** The messages as schemas, for the fuzz targets (test/fuzz/targets/protocol-messages.ts). */
export { requestSchema as inviteRequestSchema, answerSchema as inviteAnswerSchema };

export interface InviteComponents {
  readonly node: KithNode;
  readonly locker: () => Promise<Locker>;
  readonly signer: () => Signer;
  /** What this node says about itself in a handshake. */
  readonly card: (options: { shareName?: boolean }) => Promise<Card>;
  /** Called after a contact was made or refreshed (e.g. to tell the UI). */
  readonly onContact: (contact: Contact) => void;
}

/** The card must speak for the PeerId that sent it: its DID is the same Ed25519 key. */
function checkCard(card: Card, peerId: string): void {
  let same = false;
  try {
    same = Buffer.from(publicKeyFromDidKey(card.did)).equals(Buffer.from(ed25519PublicKeyFromPeerId(peerId)));
  } catch {
    same = false;
  }
  if (!same) throw new KithError('NotTrusted', 'The peer presented an identity that is not its own.');
}

/** `shareName`: whether the owner's own name goes to this contact, now and when asked later (the latest invite's choice). */
async function storeContact(
  locker: Locker,
  signer: Signer,
  peerId: string,
  card: Card,
  shareName: boolean,
  extra: { items?: ReturnType<typeof useChange>[]; audit: Record<string, unknown> },
): Promise<Contact> {
  const existing = await getContact(locker, peerId);
  const base: Contact = existing === undefined
    ? { peerId, did: card.did, petname: generatedName(card.kind, peerId), kind: card.kind, addrs: card.addrs, added: new Date().toISOString(), named: 'generated', shareName }
    : { ...existing, did: card.did, kind: card.kind, addrs: card.addrs, shareName };
  // The name the contact gives itself, unless the owner chose one; the key's tail last.
  const contact = contactSchema.parse(withSelfName(base, card.name, await listContacts(locker)) ?? base);
  await locker.commit(signer, {
    items: [{ collection: CONTACTS, id: peerId, value: contact }, ...(extra.items ?? [])],
    audit: [{ kind: existing === undefined ? 'contact.added' : 'contact.updated', details: { peerId, did: card.did, kind: card.kind, name: contact.petname, ...extra.audit } }],
  });
  return contact;
}

export async function startInviteProtocol(components: InviteComponents): Promise<void> {
  // Redemptions run one at a time, so two peers racing for a single-use invite cannot both
  // read "unused" before either has counted its use.
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  await components.node.handle(
    INVITE_PROTOCOL,
    (request, { remotePeer }) =>
      oneAtATime(async () => {
        checkCard(request.card, remotePeer);
        const locker = await components.locker();
        const issued = await checkRedemption(locker, request.invite, request.proof, components.node.peerId, remotePeer);
        // Invites made before the choice existed shared the name, as they did then.
        const shareName = issued.shareName !== false;
        const contact = await storeContact(locker, components.signer(), remotePeer, request.card, shareName, {
          items: [useChange(issued)],
          audit: { via: 'invite-issued', invite: issued.id },
        });
        components.onContact(contact);
        return { card: await components.card({ shareName }) };
      }),
    { schema: requestSchema, limits: { maxRequestBytes: 8 * 1024, maxResponseBytes: 8 * 1024, rate: { perSecond: 0.2, burst: 5 } } },
  );
}

/**
 * Redeems a code: dials the inviter at the addresses it gave, proves the secret, stores
 * the contact. An address may already end in the inviter's id; a relay address
 * (…/p2p/RELAY/p2p-circuit) names another peer first and still needs it appended.
 */
export async function acceptInvite(components: InviteComponents, code: string, options: { shareName?: boolean } = {}): Promise<Contact> {
  const invite = readInvite(code);
  if (invite.peerId === components.node.peerId) throw new KithError('InvalidInput', 'This is your own invite.', { hint: 'Send it to the person you want to connect with.' });
  const message = { invite: invite.id, proof: inviteProof(invite.secret, invite.peerId, components.node.peerId), card: await components.card(options) };
  const targets = invite.addrs.length > 0 ? invite.addrs.map((addr) => (addr.endsWith(`/p2p/${invite.peerId}`) ? addr : `${addr}/p2p/${invite.peerId}`)) : [invite.peerId];
  let lastError: unknown;
  for (const target of targets) {
    try {
      const answer = await components.node.request(target, INVITE_PROTOCOL, message, { responseSchema: answerSchema, timeoutMs: 15_000 });
      checkCard(answer.card, invite.peerId);
      const locker = await components.locker();
      const contact = await storeContact(locker, components.signer(), invite.peerId, { ...answer.card, kind: invite.kind }, options.shareName !== false, { audit: { via: 'invite-accepted', invite: invite.id } });
      components.onContact(contact);
      return contact;
    } catch (error) {
      // The inviter answered with a refusal: that is final, whatever address we used. Only
      // its code crosses the wire, so say here what that code means for an invite.
      if (error instanceof KithError && error.code === 'NotTrusted') {
        throw new KithError('NotTrusted', 'The inviter refused this invite: it was already used, has expired, or was withdrawn.', {
          hint: 'Ask for a new invite.',
        });
      }
      if (error instanceof KithError && error.code !== 'Unreachable' && error.code !== 'Timeout') throw error;
      lastError = error;
    }
  }
  throw new KithError('Unreachable', 'The inviter could not be reached at any address in the invite.', {
    hint: 'Both of you need Kith running (kith start); ask for a new invite if their addresses changed.',
    cause: lastError,
  });
}
