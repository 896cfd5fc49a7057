// The node on the network: its status, and invites that turn into contacts.
import { z } from 'zod';
import { method, none } from '../method.ts';
import { contactView } from './people.ts';

const nodeStatus = z.strictObject({
  running: z.boolean(),
  vendor: z.boolean(),
  peerId: z.string().optional(),
  did: z.string().optional(),
  addresses: z.array(z.string()),
  /** From AutoNAT: can others dial us directly? */
  reachability: z.enum(['public', 'private', 'unknown']),
  relays: z.array(z.string()),
  connectedContacts: z.array(z.strictObject({ peerId: z.string(), petname: z.string() })),
  connectedPeers: z.number().int().nonnegative(),
});

export const networkMethods = {
  'node.status': method({ kind: 'query', summary: 'PeerId, addresses, reachability, relays, connected contacts', input: none, output: nodeStatus }),
  'invites.create': method({
    kind: 'command',
    summary: 'A signed invite code (and kith: link) for someone to become your contact',
    input: z.strictObject({
      uses: z.number().int().min(1).max(1000).optional(),
      hours: z.number().int().min(1).max(24 * 30).optional(),
    }),
    output: z.strictObject({ code: z.string(), link: z.string(), expires: z.string(), uses: z.number().int() }),
    signs: true,
  }),
  'invites.accept': method({
    kind: 'command',
    summary: "Accept someone's invite: both of you become each other's contacts",
    input: z.strictObject({ code: z.string().max(8192) }),
    output: contactView,
    signs: true,
  }),
} as const;

export type NodeStatusView = z.output<typeof nodeStatus>;
