// Social recovery: choose friends who each hold a share of your key (any `threshold` of
// them together can help you get it back, fewer learn nothing); as a friend, see whose
// shares you hold and approve a recovery; on a new device, start a recovery session and
// follow its approvals until the identity is back.
import { z } from 'zod';
import { method, none } from '../method.ts';

const passphrase = z.string().min(1, 'must not be empty').max(1024, 'must be at most 1024 characters');
const contactName = z.string().trim().min(1, 'must name a contact').max(200);
const peerRef = z.strictObject({ peerId: z.string(), did: z.string(), petname: z.string() });

const setupFriend = peerRef.extend({
  /** A signed receipt for the current share came back. */
  holds: z.boolean(),
  /** When that receipt came. */
  confirmed: z.string().optional(),
});

const ownerStatus = z.strictObject({
  /** Absent: no setup yet. */
  setup: z
    .strictObject({
      id: z.string(),
      threshold: z.int(),
      created: z.string(),
      friends: z.array(setupFriend),
      /** Friends of an earlier setup not yet told to delete their old share (offline). */
      dropping: z.array(peerRef),
    })
    .optional(),
});

const heldShare = z.strictObject({
  owner: peerRef,
  since: z.string(),
  setup: z.string(),
  threshold: z.int(),
  friends: z.int(),
});

const approver = z.strictObject({ did: z.string(), peerId: z.string(), name: z.string().optional(), received: z.string() });

const sessionStatus = z.strictObject({
  /** none: no session on this node; waiting: for approvals; recovered: the identity is back; failed: see `problem`. */
  state: z.enum(['none', 'waiting', 'recovered', 'failed']),
  code: z.string().optional(),
  /** The session's temporary PeerId (the code's node), and where it listens. */
  sessionPeerId: z.string().optional(),
  addresses: z.array(z.string()),
  started: z.string().optional(),
  /** Whose identity the approvals so far are for, and how many it takes. */
  owner: z.string().optional(),
  threshold: z.int().optional(),
  approvals: z.array(approver),
  /** Approvals refused (a stranger, a replay, a forgery…). */
  refused: z.int().nonnegative(),
  /** Once recovered: the identity, the same DID and PeerId as before. */
  identity: z.strictObject({ did: z.string(), peerId: z.string() }).optional(),
  problem: z.string().optional(),
});

export const recoveryMethods = {
  'recovery.setup': method({
    kind: 'command',
    summary: 'Split your key among friends (contacts), any `threshold` of whom can help you recover it; replaces an earlier setup',
    input: z.strictObject({
      friends: z.array(contactName).min(2, 'must name at least 2 friends').max(10, 'must name at most 10 friends'),
      threshold: z.int().min(2, 'must be at least 2, so no friend can recover alone').max(10),
    }),
    output: ownerStatus,
    signs: true,
  }),
  'recovery.status': method({ kind: 'query', summary: 'Your recovery setup: which friends hold the current share, and since when', input: none, output: ownerStatus }),
  'recovery.held': method({ kind: 'query', summary: 'The recovery shares you hold for others (whose, since when)', input: none, output: z.array(heldShare) }),
  'recovery.approve': method({
    kind: 'command',
    summary: "Approve a friend's recovery: send your share to the new device whose code they gave you",
    input: z.strictObject({
      code: z.string().trim().min(1, 'must be a recovery code').max(4096),
      /** Whose share to send, when you hold several. */
      for: contactName.optional(),
    }),
    output: z.strictObject({
      owner: peerRef,
      status: z.enum(['accepted', 'recovered']),
      approvals: z.int().optional(),
      threshold: z.int().optional(),
    }),
    signs: true,
  }),
  'recovery.recall': method({
    kind: 'command',
    summary: 'After a recovery: ask your contacts for what you had shared with them, and keep each record that comes back whole and genuine',
    input: none,
    output: z.strictObject({
      records: z.int().nonnegative(),
      contacts: z.array(
        z.strictObject({ peerId: z.string(), petname: z.string(), returned: z.int().nonnegative(), skipped: z.int().nonnegative(), error: z.string().optional() }),
      ),
    }),
    signs: true,
  }),
  'recovery.start': method({
    kind: 'command',
    summary: 'On a new device (an empty data folder, node running): wait for friends to approve; returns the code to give them',
    input: z.strictObject({ passphrase }),
    output: sessionStatus,
    keyless: true,
  }),
  'recovery.session': method({ kind: 'query', summary: 'The recovery session on this device: approvals so far and the threshold', input: none, output: sessionStatus, keyless: true }),
  'recovery.cancel': method({ kind: 'command', summary: 'End the recovery session on this device', input: none, output: sessionStatus, keyless: true }),
} as const;

export type RecoveryStatusView = z.output<typeof ownerStatus>;
export type HeldShareView = z.output<typeof heldShare>;
export type RecoverySessionView = z.output<typeof sessionStatus>;
