// contacts.* and circles.*: the people you know and how you group them.
import type { AppApi } from '../../api/contract.ts';
import type { CircleView, ContactView } from '../../api/methods/people.ts';
import { KithError } from '../../base/errors.ts';
import { publicKeyFromDidKey } from '../../identity/did-key.ts';
import { peerIdFromEd25519PublicKey } from '../../identity/peer-id.ts';
import type { Locker } from '../../store/locker.ts';
import { createCircle, deleteCircle, listCircles, renameCircle, setMembership, type Circle } from '../../trust/circles.ts';
import { type Contact, listBlocked, listContacts, renameContact, resolveContact, setBlocked, unknownPeerName } from '../../trust/contacts.ts';
import type { AppContext } from '../context.ts';
import { isLive, listGrants } from '../../trust/grants.ts';
import { grantChanges } from '../sharing/releases.ts';

type PeopleApi = Pick<
  AppApi,
  | 'contacts.list'
  | 'contacts.rename'
  | 'contacts.block'
  | 'contacts.unblock'
  | 'circles.list'
  | 'circles.create'
  | 'circles.rename'
  | 'circles.delete'
  | 'circles.add'
  | 'circles.remove'
>;

export async function contactViews(locker: Locker): Promise<ContactView[]> {
  const [contacts, circles, blocked] = await Promise.all([listContacts(locker), listCircles(locker), listBlocked(locker)]);
  const blockedIds = new Set(blocked.map((b) => b.peerId));
  return contacts.map((c) => ({
    peerId: c.peerId,
    did: c.did,
    petname: c.petname,
    kind: c.kind,
    blocked: blockedIds.has(c.peerId),
    circles: circles.filter((circle) => circle.members.includes(c.peerId)).map((circle) => circle.name),
    added: c.added,
  }));
}

function circleView(circle: Circle, contacts: readonly Contact[]): CircleView {
  return {
    id: circle.id,
    name: circle.name,
    members: circle.members.map((peerId) => ({ peerId, petname: contacts.find((c) => c.peerId === peerId)?.petname ?? unknownPeerName(peerId) })),
  };
}

/** A contact by name — or, to block a stranger, any PeerId or did:key. */
async function resolvePeer(locker: Locker, name: string): Promise<{ peerId: string; did?: string }> {
  try {
    return await resolveContact(locker, name);
  } catch (error) {
    if (!(error instanceof KithError) || error.code !== 'NotFound') throw error;
  }
  try {
    if (name.startsWith('did:key:')) return { peerId: peerIdFromEd25519PublicKey(publicKeyFromDidKey(name)).toString(), did: name };
    if (/^12D3KooW[1-9A-HJ-NP-Za-km-z]{44}$/.test(name)) return { peerId: name };
  } catch {
    // fall through to the plain answer
  }
  throw new KithError('NotFound', `"${name.slice(0, 80)}" is neither a contact nor a PeerId or did:key.`, { hint: 'See your contacts with `kith contacts`.' });
}

export function peopleService(ctx: AppContext): PeopleApi {
  const withCircle = async (task: (locker: Locker) => Promise<Circle>) => {
    const locker = await ctx.locker();
    const circle = await task(locker);
    ctx.emit('contacts.changed', {});
    return circleView(circle, await listContacts(locker));
  };
  const block = async (name: string, blocked: boolean) => {
    const locker = await ctx.locker();
    const peer = await resolvePeer(locker, name);
    await setBlocked(locker, ctx.signer(), peer, blocked);
    ctx.emit('contacts.changed', {});
    return { peerId: peer.peerId, blocked };
  };
  return {
    async 'contacts.list'() {
      return contactViews(await ctx.locker());
    },
    async 'contacts.rename'({ contact, petname }) {
      const locker = await ctx.locker();
      const renamed = await renameContact(locker, ctx.signer(), contact, petname);
      ctx.emit('contacts.changed', {});
      const view = (await contactViews(locker)).find((c) => c.peerId === renamed.peerId);
      if (view === undefined) throw new KithError('Internal', 'The contact vanished while it was renamed.');
      return view;
    },
    'contacts.block': ({ peer }) => block(peer, true),
    'contacts.unblock': ({ peer }) => block(peer, false),
    async 'circles.list'() {
      const locker = await ctx.locker();
      const contacts = await listContacts(locker);
      return (await listCircles(locker)).map((circle) => circleView(circle, contacts));
    },
    'circles.create': ({ name }) => withCircle((locker) => createCircle(locker, ctx.signer(), name)),
    'circles.rename': ({ circle, name }) => withCircle((locker) => renameCircle(locker, ctx.signer(), circle, name)),
    'circles.delete': ({ circle }) => withCircle((locker) => deleteCircle(locker, ctx.signer(), circle)),
    'circles.add': ({ circle, contact }) =>
      withCircle(async (locker) => {
        const member = await resolveContact(locker, contact);
        const owner = ctx.signer();
        // A new member receives what the circle's live grants release, in the same commit.
        const circleGrants = async (updated: Circle) => {
          const changes = [];
          for (const grant of await listGrants(locker)) {
            if (isLive(grant) && grant.to.kind === 'circle' && grant.to.circleId === updated.id) changes.push(...(await grantChanges(locker, owner, grant, [member])));
          }
          return changes;
        };
        const updated = await setMembership(locker, owner, circle, member, true, circleGrants);
        ctx.emit('grants.changed', {});
        return updated;
      }),
    'circles.remove': ({ circle, contact }) => withCircle(async (locker) => setMembership(locker, ctx.signer(), circle, await resolveContact(locker, contact), false)),
  };
}
