// The node on the network: its status, and invites that turn into contacts.
import { z } from 'zod';
import { method, none } from '../method.ts';
import { contactView } from './people.ts';

/**
 * A contact connected now, and how. via 'direct': at least one connection goes straight
 * to their node (a relayed one that DCUtR upgraded counts as direct). via 'relay': only
 * through a relay (Circuit Relay v2, a limited connection); `relay` is that relay's PeerId
 * when the connection's address names it.
 */
const connectedContact = z.strictObject({
  peerId: z.string(),
  petname: z.string(),
  via: z.enum(['direct', 'relay']),
  relay: z.string().optional(),
});

const nodeStatus = z.strictObject({
  running: z.boolean(),
  vendor: z.boolean(),
  peerId: z.string().optional(),
  did: z.string().optional(),
  addresses: z.array(z.string()),
  /** From AutoNAT: can others dial us directly? */
  reachability: z.enum(['public', 'private', 'unknown']),
  /** PeerIds of the relays we hold a reservation on (others reach us through them). */
  relays: z.array(z.string()),
  connectedContacts: z.array(connectedContact),
  /** Every peer connected now, contacts or not (relays, DHT peers…). */
  connectedPeers: z.number().int().nonnegative(),
});

export const networkMethods = {
  'node.status': method({ kind: 'query', summary: 'PeerId, addresses, reachability, relays, connected contacts', input: none, output: nodeStatus, keyless: true }),
  'invites.create': method({
    kind: 'command',
    summary: 'A signed invite code (and kith: link) for someone to become your contact',
    input: z.strictObject({
      uses: z.number().int().min(1).max(1000).optional(),
      hours: z.number().int().min(1).max(24 * 30).optional(),
      /** Tell whoever redeems it your name (your name record); default yes. A vendor always gives its profile name. */
      shareName: z.boolean().optional(),
    }),
    output: z.strictObject({ code: z.string(), link: z.string(), expires: z.string(), uses: z.number().int() }),
    signs: true,
  }),
  'invites.accept': method({
    kind: 'command',
    summary: "Accept someone's invite: both of you become each other's contacts",
    input: z.strictObject({ code: z.string().max(8192), shareName: z.boolean().optional() }),
    output: contactView,
    signs: true,
  }),
} as const;

export type NodeStatusView = z.output<typeof nodeStatus>;
export type ConnectedContactView = z.output<typeof connectedContact>;
