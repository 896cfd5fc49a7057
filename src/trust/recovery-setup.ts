// The owner's side of social recovery: a setup splits the seed among chosen contacts
// (recovery-shares.ts), seals each share to its friend (recovery-seal.ts), signs the
// statement that commits to them (recovery-statement.ts), and queues a `hold` message per
// friend in the outbox, so a friend who is offline gets theirs when they come back. A new
// setup replaces the old one whole: its friends get the new share in place of the old (the
// outbox item of a peer is replaced too), and friends no longer chosen get a `drop`.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { KithError } from '../base/errors.ts';
import { parseWith } from '../base/schema.ts';
import { publicKeyFromDidKey } from '../identity/did-key.ts';
import type { Signer } from '../identity/signer.ts';
import type { ItemChange, Locker } from '../store/locker.ts';
import type { Contact } from './contacts.ts';
import { queueChange } from './outbox.ts';
import { sealShare } from './recovery-seal.ts';
import { checkThreshold, shareCommitment, splitSeed } from './recovery-shares.ts';
import { readStatement, signStatement, type SetupStatement } from './recovery-statement.ts';

export const RECOVERY = 'recovery';
export const RECOVERY_CONFIRMED = 'recovery-confirmed';
const SETUP_ID = 'setup';
/** One outbox subject per friend: a newer message (a new share, a drop) replaces the waiting one. */
export const RECOVERY_SUBJECT = 'recovery';

const storedSetupSchema = z.strictObject({
  statement: z.record(z.string(), z.unknown()),
  friends: z.array(z.strictObject({ did: z.string(), peerId: z.string(), petname: z.string() })),
});
export type StoredSetup = { statement: SetupStatement; friends: { did: string; peerId: string; petname: string }[] };

const confirmationSchema = z.strictObject({ setup: z.string(), peerId: z.string(), time: z.iso.datetime(), receipt: z.record(z.string(), z.unknown()) });
export type Confirmation = z.output<typeof confirmationSchema>;

/** What the owner's key must give a setup: its signature and, for the split only, its seed. */
export interface RecoveryOwner extends Signer {
  exportSeed(): Uint8Array;
}

export async function currentSetup(locker: Locker): Promise<StoredSetup | undefined> {
  const value = await locker.collections.get(RECOVERY, SETUP_ID);
  if (value === undefined) return undefined;
  const stored = parseWith(storedSetupSchema, value, 'stored recovery setup');
  return { statement: readStatement(stored.statement), friends: stored.friends };
}

/**
 * The changes that make a new setup (commit them with its audit entry): the stored setup,
 * a sealed share in the outbox of each friend, a drop for each earlier friend not chosen again.
 */
export async function planSetup(owner: RecoveryOwner, friends: readonly Contact[], threshold: number, previous: StoredSetup | undefined): Promise<{ setup: StoredSetup; changes: ItemChange[] }> {
  checkThreshold(threshold, friends.length);
  if (new Set(friends.map((f) => f.peerId)).size !== friends.length) throw new KithError('InvalidInput', 'A friend is named twice.');
  const vendor = friends.find((f) => f.kind !== 'person');
  if (vendor !== undefined) throw new KithError('InvalidInput', `${vendor.petname} is a vendor; recovery shares go to people you trust.`);
  const setup = randomBytes(16).toString('base64url');
  const seed = owner.exportSeed();
  let shares: Uint8Array[];
  try {
    shares = await splitSeed(seed, friends.length, threshold);
  } finally {
    seed.fill(0);
  }
  const statement = signStatement(owner, {
    setup,
    threshold,
    friends: friends.map((friend, i) => ({ did: friend.did, commitment: shareCommitment(setup, friend.did, shares[i]!) })),
  });
  const changes: ItemChange[] = friends.map((friend, i) => {
    const share = sealShare(shares[i]!, publicKeyFromDidKey(friend.did), ['hold', setup, friend.did]);
    shares[i]!.fill(0);
    return queueChange(friend.peerId, RECOVERY_SUBJECT, 'recovery', { type: 'hold', statement, share });
  });
  const chosen = new Set(friends.map((f) => f.peerId));
  for (const old of previous?.friends ?? []) {
    if (!chosen.has(old.peerId)) changes.push(queueChange(old.peerId, RECOVERY_SUBJECT, 'recovery', { type: 'drop', setup: previous!.statement.setup }));
  }
  const stored: StoredSetup = { statement, friends: friends.map((f) => ({ did: f.did, peerId: f.peerId, petname: f.petname })) };
  changes.push({ collection: RECOVERY, id: SETUP_ID, value: stored });
  return { setup: stored, changes };
}

/** The change that keeps a friend's signed receipt for a share (with its delivery). */
export function confirmationChange(confirmation: Confirmation): ItemChange {
  return { collection: RECOVERY_CONFIRMED, id: `${confirmation.setup}:${confirmation.peerId}`, value: confirmation };
}

/** The receipts friends sent for the shares of `setup`, by PeerId. */
export async function confirmations(locker: Locker, setup: string): Promise<Map<string, Confirmation>> {
  const items = await locker.collections.list(RECOVERY_CONFIRMED, `${setup}:`);
  return new Map(items.map((item) => parseWith(confirmationSchema, item.value, 'stored recovery receipt')).map((c) => [c.peerId, c]));
}
