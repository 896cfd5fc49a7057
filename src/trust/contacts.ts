// The people and vendors you know: each a verified identity (its DID and PeerId are one
// key) with a petname you chose, its kind, and the addresses it last gave. Contacts are
// made only by the invite handshake, which proves both sides; they live in the locker's
// `contacts` collection, keyed by PeerId, and every change is in the audit trail.
import { z } from 'zod';
import { KithError } from '../base/errors.ts';
import { parseWith } from '../base/schema.ts';
import type { Signer } from '../identity/signer.ts';
import type { Locker } from '../store/locker.ts';
import { contactKind, MAX_ADDRESSES } from './invite-code.ts';

export const CONTACTS = 'contacts';
export const BLOCKED = 'blocked';

export const petnameSchema = z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters');

// Control characters, and the bidi overrides and isolates that can make a name read as another.
const CONTROL = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
/** A name a contact gives itself: it comes from a peer, so bounded and without control characters. */
export const selfNameSchema = petnameSchema.refine((name) => !CONTROL.test(name), 'must not contain control characters');

export const contactSchema = z.strictObject({
  peerId: z.string().max(200),
  did: z.string().max(200),
  petname: petnameSchema,
  kind: contactKind,
  addrs: z.array(z.string().max(300)).max(MAX_ADDRESSES),
  added: z.iso.datetime(),
  // Both optional, so contacts stored before names came from the contact still load.
  /** Who chose the petname: the owner (kept forever), the contact itself, or generated. */
  named: z.enum(['owner', 'self', 'generated']).optional(),
  /** What the contact last said it is called (its invite card, a vendor's profile). */
  selfName: petnameSchema.optional(),
  /**
   * Whether the owner tells this contact their own name (the invite's choice: --hide-name or
   * the checkbox), asked again on each connection. Absent, for contacts stored before the
   * choice was kept: no, since that choice is not known.
   */
  shareName: z.boolean().optional(),
});
export type Contact = z.output<typeof contactSchema>;

/** What a peer that is not (or no longer) a contact is called where a name belongs: never its whole key. */
export function unknownPeerName(peerId: string): string {
  return `Unknown peer …${peerId.slice(-6)}`;
}

/** The last-resort name, from the key: "Vendor P2WfdP", "Contact 8kQ2xz". */
export function generatedName(kind: Contact['kind'], peerId: string): string {
  return `${kind === 'vendor' ? 'Vendor' : 'Contact'} ${peerId.slice(-6)}`;
}

/**
 * Whether the owner chose this petname. A contact stored before `named` existed counts as
 * the owner's unless its petname is a generated one (the key's tail, "(2)" etc. aside), so
 * an earlier rename is never overwritten.
 */
export function namedByOwner(contact: Contact): boolean {
  if (contact.named !== undefined) return contact.named === 'owner';
  const bare = contact.petname.replace(/ \(\d+\)$/, '');
  return bare !== generatedName(contact.kind, contact.peerId) && bare !== contact.peerId.slice(-8) && bare !== contact.selfName;
}

/**
 * The contact after it said it is called `selfName` (undefined: it did not say): its petname
 * follows unless the owner chose one. Returns undefined when nothing changes.
 */
export function withSelfName(contact: Contact, selfName: string | undefined, taken: readonly Contact[]): Contact | undefined {
  const parsed = selfName === undefined ? undefined : selfNameSchema.safeParse(selfName.slice(0, 64));
  const name = parsed?.success === true ? parsed.data : undefined;
  if (namedByOwner(contact)) {
    if (name === contact.selfName) return undefined;
    const { selfName: _old, ...rest } = contact;
    return { ...rest, ...(name === undefined ? {} : { selfName: name }), named: 'owner' };
  }
  const petname = uniquePetname(name ?? generatedName(contact.kind, contact.peerId), taken, contact.peerId);
  const named = name === undefined ? 'generated' : 'self';
  if (petname === contact.petname && name === contact.selfName && named === contact.named) return undefined;
  const { selfName: _old, ...rest } = contact;
  return { ...rest, petname, named, ...(name === undefined ? {} : { selfName: name }) };
}

/** Stores what a contact now says it is called (a vendor's new profile name, a person's new name record); true if anything changed. */
export async function noteSelfName(locker: Locker, signer: Signer, peerId: string, selfName: string | undefined): Promise<boolean> {
  const contact = await getContact(locker, peerId);
  if (contact === undefined) return false;
  const next = withSelfName(contact, selfName, await listContacts(locker));
  if (next === undefined) return false;
  await locker.commit(signer, {
    items: [{ collection: CONTACTS, id: peerId, value: next }],
    audit: [{ kind: 'contact.named', details: { peerId, name: next.petname, ...(next.selfName === undefined ? {} : { selfName: next.selfName }) } }],
  });
  return true;
}

// Not strict: blocks stored by an earlier version carried the whole contact; the extra
// fields are dropped on read rather than making every read (and the node's start) fail.
const blockedSchema = z.object({ peerId: z.string().max(200), did: z.string().max(200).optional(), since: z.iso.datetime() });
export type Blocked = z.output<typeof blockedSchema>;

export async function listContacts(locker: Locker): Promise<Contact[]> {
  const items = await locker.collections.list(CONTACTS);
  return items.map((item) => parseWith(contactSchema, item.value, 'stored contact'));
}

export async function getContact(locker: Locker, peerId: string): Promise<Contact | undefined> {
  const value = await locker.collections.get(CONTACTS, peerId);
  return value === undefined ? undefined : parseWith(contactSchema, value, 'stored contact');
}

/** A contact named by petname, DID or PeerId (as a person would type it). */
export async function resolveContact(locker: Locker, name: string): Promise<Contact> {
  const contacts = await listContacts(locker);
  const exact = contacts.find((c) => c.peerId === name || c.did === name);
  if (exact !== undefined) return exact;
  const byPetname = contacts.filter((c) => c.petname.toLowerCase() === name.trim().toLowerCase());
  if (byPetname.length === 1 && byPetname[0] !== undefined) return byPetname[0];
  throw new KithError('NotFound', `You have no contact called "${name.slice(0, 80)}".`, { hint: 'See them with `kith contacts`.' });
}

/** A petname not yet taken: "Ana", else "Ana (2)", "Ana (3)"… */
export function uniquePetname(wanted: string, taken: readonly Contact[], except?: string): string {
  const names = new Set(taken.filter((c) => c.peerId !== except).map((c) => c.petname.toLowerCase()));
  if (!names.has(wanted.toLowerCase())) return wanted;
  for (let n = 2; ; n++) if (!names.has(`${wanted} (${n})`.toLowerCase())) return `${wanted} (${n})`;
}

/** Adds or refreshes a contact proven by a handshake; the petname is kept if already set. */
export async function saveContact(locker: Locker, signer: Signer, contact: Omit<Contact, 'added' | 'petname'> & { petname?: string }): Promise<Contact> {
  const existing = await getContact(locker, contact.peerId);
  const all = await listContacts(locker);
  const saved: Contact = parseWith(
    contactSchema,
    {
      ...contact,
      petname: existing?.petname ?? uniquePetname(contact.petname ?? contact.peerId.slice(-8), all),
      added: existing?.added ?? new Date().toISOString(),
    },
    'The contact',
  );
  await locker.commit(signer, {
    items: [{ collection: CONTACTS, id: saved.peerId, value: saved }],
    audit: [{ kind: existing === undefined ? 'contact.added' : 'contact.updated', details: { peerId: saved.peerId, did: saved.did, kind: saved.kind } }],
  });
  return saved;
}

export async function renameContact(locker: Locker, signer: Signer, name: string, petname: string): Promise<Contact> {
  const contact = await resolveContact(locker, name);
  const wanted = parseWith(petnameSchema, petname, 'The new name');
  if (uniquePetname(wanted, await listContacts(locker), contact.peerId) !== wanted) {
    throw new KithError('AlreadyExists', `Another contact is already called "${wanted}".`);
  }
  const renamed: Contact = { ...contact, petname: wanted, named: 'owner' };
  await locker.commit(signer, {
    items: [{ collection: CONTACTS, id: contact.peerId, value: renamed }],
    audit: [{ kind: 'contact.renamed', details: { peerId: contact.peerId } }],
  });
  return renamed;
}

export async function listBlocked(locker: Locker): Promise<Blocked[]> {
  return (await locker.collections.list(BLOCKED)).map((item) => parseWith(blockedSchema, item.value, 'stored block'));
}

export async function isBlocked(locker: Locker, peerId: string): Promise<boolean> {
  return (await locker.collections.get(BLOCKED, peerId)) !== undefined;
}

export async function setBlocked(locker: Locker, signer: Signer, target: { peerId: string; did?: string }, blocked: boolean): Promise<void> {
  const value: Blocked | null = blocked ? { peerId: target.peerId, ...(target.did === undefined ? {} : { did: target.did }), since: new Date().toISOString() } : null;
  await locker.commit(signer, {
    items: [{ collection: BLOCKED, id: target.peerId, value }],
    audit: [{ kind: blocked ? 'peer.blocked' : 'peer.unblocked', details: { peerId: target.peerId } }],
  });
}
