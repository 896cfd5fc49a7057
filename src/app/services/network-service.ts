// node.status and invites.*: the parts of the API that need the node online. The network
// runs only inside a daemon (`kith start`); it starts once the key is unlocked.
import type { AppApi } from '../../api/contract.ts';
import { KithError } from '../../base/errors.ts';
import { listContacts } from '../../trust/contacts.ts';
import { createInvite } from '../../trust/invite-code.ts';
import { recordIssued } from '../../trust/invites.ts';
import type { AppContext } from '../context.ts';
import type { Network } from '../network.ts';
import { contactViews } from './people-service.ts';

type NetworkApi = Pick<AppApi, 'node.status' | 'invites.create' | 'invites.accept'>;

const DEFAULT_INVITE_HOURS = 72;

export function networkService(ctx: AppContext, current: () => Network | undefined): NetworkApi {
  const online = (): Network => {
    const network = current();
    if (network === undefined) {
      throw new KithError('Unreachable', 'Your node is not online.', { hint: 'Start it with `kith start` (and unlock it) first.' });
    }
    return network;
  };
  return {
    async 'node.status'() {
      const network = current();
      if (network === undefined) {
        const identity = (await ctx.hasIdentity()) ? await ctx.identity() : undefined;
        return {
          running: false,
          vendor: false,
          ...(identity === undefined ? {} : { peerId: identity.peerId, did: identity.did }),
          addresses: [],
          reachability: 'unknown' as const,
          relays: [],
          connectedContacts: [],
          connectedPeers: 0,
        };
      }
      const status = network.node.status();
      const contacts = await listContacts(await ctx.locker());
      const links = new Map(status.links.map((link) => [link.peerId, link]));
      return {
        running: true,
        vendor: network.vendor,
        peerId: status.peerId,
        did: ctx.signer().did,
        addresses: [...status.addresses],
        reachability: status.reachability,
        relays: [...status.relays],
        // Each with how it is connected: { via: 'direct' } or { via: 'relay', relay? }.
        connectedContacts: contacts.flatMap(({ peerId, petname }) => {
          const link = links.get(peerId);
          return link === undefined ? [] : [{ ...link, peerId, petname }];
        }),
        connectedPeers: status.connectedPeers.length,
      };
    },

    async 'invites.create'({ uses, hours, shareName }) {
      const network = online();
      const signer = ctx.signer();
      const card = await network.card({ shareName: shareName !== false });
      const invite = createInvite(signer, {
        kind: card.kind,
        addrs: card.addrs,
        expires: new Date(Date.now() + (hours ?? DEFAULT_INVITE_HOURS) * 3_600_000),
        ...(card.name === undefined ? {} : { name: card.name }),
      });
      // A vendor's invite is typically posted for many customers; a person's is for one.
      const allowed = uses ?? (network.vendor ? 1000 : 1);
      await recordIssued(await ctx.locker(), signer, invite.payload, allowed, shareName !== false);
      ctx.emit('log.appended', {});
      return { code: invite.code, link: invite.link, expires: invite.payload.expires, uses: allowed };
    },

    async 'invites.accept'({ code, shareName }) {
      const contact = await online().acceptInvite(code, shareName === undefined ? {} : { shareName });
      const found = (await contactViews(await ctx.locker())).find((c) => c.peerId === contact.peerId);
      if (found === undefined) throw new KithError('Internal', 'The new contact was not stored.');
      return found;
    },
  };
}
