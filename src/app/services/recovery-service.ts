// recovery.setup / status / held / approve: the owner choosing friends to hold shares of its
// key, and a friend approving a recovery with the share it holds. The recovering device's
// side is in recovery-session-service.ts.
import type { AppApi } from '../../api/contract.ts';
import type { HeldShareView, RecoveryStatusView } from '../../api/methods/recovery.ts';
import { KithError } from '../../base/errors.ts';
import type { OwnerKey } from '../../identity/identity.ts';
import { sendApproval } from '../../net/protocols/recovery/recovery-protocol.ts';
import type { Locker } from '../../store/locker.ts';
import { listContacts, resolveContact, unknownPeerName, type Contact } from '../../trust/contacts.ts';
import { pending } from '../../trust/outbox.ts';
import { readRecoveryCode } from '../../trust/recovery-code.ts';
import { getHeld, listHeld, openHeld, type HeldShare } from '../../trust/recovery-held.ts';
import { sealShare } from '../../trust/recovery-seal.ts';
import { confirmations, currentSetup, planSetup, RECOVERY_SUBJECT } from '../../trust/recovery-setup.ts';
import { signApproval } from '../../trust/recovery-statement.ts';
import type { AppContext } from '../context.ts';
import type { Network } from '../network.ts';
import { recallFrom } from '../recovery-recall.ts';

type RecoveryApi = Pick<AppApi, 'recovery.setup' | 'recovery.status' | 'recovery.held' | 'recovery.approve' | 'recovery.recall'>;

function nameOf(contacts: readonly Contact[], peerId: string): string {
  return contacts.find((c) => c.peerId === peerId)?.petname ?? unknownPeerName(peerId);
}

async function ownerStatus(locker: Locker): Promise<RecoveryStatusView> {
  const setup = await currentSetup(locker);
  if (setup === undefined) return {};
  const contacts = await listContacts(locker);
  const confirmed = await confirmations(locker, setup.statement.setup);
  const chosen = new Set(setup.friends.map((f) => f.peerId));
  const waiting = (await pending(locker)).filter((item) => item.subject === RECOVERY_SUBJECT && item.message['type'] === 'drop' && !chosen.has(item.peer));
  return {
    setup: {
      id: setup.statement.setup,
      threshold: setup.statement.threshold,
      created: setup.statement.created,
      friends: setup.friends.map((friend) => {
        const receipt = confirmed.get(friend.peerId);
        return {
          peerId: friend.peerId,
          did: friend.did,
          petname: contacts.find((c) => c.peerId === friend.peerId)?.petname ?? friend.petname,
          holds: receipt !== undefined,
          ...(receipt === undefined ? {} : { confirmed: receipt.time }),
        };
      }),
      dropping: waiting.map((item) => ({ peerId: item.peer, did: contacts.find((c) => c.peerId === item.peer)?.did ?? '', petname: nameOf(contacts, item.peer) })),
    },
  };
}

function heldView(held: HeldShare, contacts: readonly Contact[]): HeldShareView {
  return {
    owner: { peerId: held.owner.peerId, did: held.owner.did, petname: nameOf(contacts, held.owner.peerId) },
    since: held.received,
    setup: held.statement.setup,
    threshold: held.statement.threshold,
    friends: held.statement.friends.length,
  };
}

/** The share to approve with: the one for `name`, else the only one held. */
async function chooseHeld(locker: Locker, name: string | undefined): Promise<HeldShare> {
  if (name !== undefined) {
    const owner = await resolveContact(locker, name);
    const held = await getHeld(locker, owner.peerId);
    if (held === undefined) throw new KithError('NotFound', `You hold no recovery share for ${owner.petname}.`, { hint: 'See whose you hold with `kith recovery status`.' });
    return held;
  }
  const all = await listHeld(locker);
  const [only] = all;
  if (only === undefined) throw new KithError('NotFound', 'You hold no recovery shares.', { hint: 'A contact who chose you as a recovery friend sends you one.' });
  if (all.length > 1) {
    const contacts = await listContacts(locker);
    throw new KithError('InvalidInput', `You hold recovery shares for ${all.map((h) => nameOf(contacts, h.owner.peerId)).join(', ')}: say whose recovery you approve.`, {
      hint: 'Add --for NAME (the person who gave you the code).',
    });
  }
  return only;
}

export function recoveryService(ctx: AppContext, current: () => Network | undefined): RecoveryApi {
  const online = (): Network => {
    const network = current();
    if (network === undefined) throw new KithError('Unreachable', 'Your node is not online.', { hint: 'Start it with `kith start` (and unlock it) first.' });
    return network;
  };
  return {
    async 'recovery.setup'({ friends, threshold }) {
      const locker = await ctx.locker();
      const owner: OwnerKey = ctx.signer();
      const chosen: Contact[] = [];
      for (const name of friends) chosen.push(await resolveContact(locker, name));
      const { setup, changes } = await planSetup(owner, chosen, threshold, await currentSetup(locker));
      await locker.commit(owner, {
        items: changes,
        audit: [{ kind: 'recovery.setup', details: { setup: setup.statement.setup, threshold, friends: setup.friends.map((f) => f.peerId) } }],
      });
      ctx.emit('recovery.changed', {});
      ctx.emit('log.appended', {});
      return ownerStatus(locker);
    },

    async 'recovery.status'() {
      return ownerStatus(await ctx.locker());
    },

    async 'recovery.held'() {
      const locker = await ctx.locker();
      const contacts = await listContacts(locker);
      return (await listHeld(locker)).map((held) => heldView(held, contacts));
    },

    async 'recovery.approve'({ code, for: name }) {
      // What can be checked here comes first: a bad code or a missing share needs no network.
      const session = readRecoveryCode(code);
      const locker = await ctx.locker();
      const key = ctx.signer();
      if (session.peer === key.peerIdString) throw new KithError('InvalidInput', 'This is your own node’s code.', { hint: 'Approve on a friend’s device, not on the one recovering.' });
      const held = await chooseHeld(locker, name);
      const network = online();
      const { statement } = held;
      const share = openHeld(key, statement, held.share);
      let sealed;
      try {
        sealed = sealShare(share, session.publicKey, ['approve', statement.setup, key.did, session.peer, session.nonce]);
      } finally {
        share.fill(0);
      }
      const card = await network.card({ shareName: true });
      const approval = signApproval(key, {
        owner: statement.owner,
        setup: statement.setup,
        session: session.peer,
        nonce: session.nonce,
        share: sealed,
        statement,
        card: { ...(card.name === undefined ? {} : { name: card.name }), addrs: card.addrs },
      });
      const targets = session.addrs.length > 0 ? session.addrs.map((addr) => (addr.endsWith(`/p2p/${session.peer}`) ? addr : `${addr}/p2p/${session.peer}`)) : [session.peer];
      const answer = await sendApproval(network.node, targets, approval);
      await locker.commit(key, {
        audit: [{ kind: 'recovery.approved', details: { owner: held.owner.peerId, setup: statement.setup, session: session.peer, status: answer.status } }],
      });
      ctx.emit('log.appended', {});
      const contacts = await listContacts(locker);
      return {
        owner: { peerId: held.owner.peerId, did: held.owner.did, petname: nameOf(contacts, held.owner.peerId) },
        status: answer.status,
        ...(answer.status === 'accepted' ? { approvals: answer.approvals, threshold: answer.threshold } : {}),
      };
    },

    async 'recovery.recall'() {
      const network = online();
      const locker = await ctx.locker();
      const owner = ctx.signer();
      const people = (await listContacts(locker)).filter((c) => c.kind === 'person');
      // One contact at a time: each commit checks "not here yet" against the one before.
      const outcomes = [];
      for (const contact of people) outcomes.push(await recallFrom(network.node, locker, owner, contact));
      const records = outcomes.reduce((sum, o) => sum + o.returned, 0);
      if (outcomes.some((o) => o.returned > 0 || o.skipped > 0)) {
        ctx.emit('records.changed', {});
        ctx.emit('log.appended', {});
      }
      return { records, contacts: outcomes };
    },
  };
}
