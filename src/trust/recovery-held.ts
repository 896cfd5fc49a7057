// A friend's side of social recovery: the shares it holds for others, one per owner, kept
// sealed as received in the locker's encrypted `recovery-held` collection. A share is taken
// only from a contact, for a statement that contact signed and that names this node as a
// friend, when it opens with this node's key and matches its commitment; a newer setup of
// the same owner replaces an older one, never the other way round. What the friend sees is
// only whose share it holds and since when.
import { z } from 'zod';
import { KithError } from '../base/errors.ts';
import { parseWith } from '../base/schema.ts';
import type { Signer } from '../identity/signer.ts';
import type { Locker } from '../store/locker.ts';
import type { Contact } from './contacts.ts';
import { openShare, sealedShareSchema, type SealedShare } from './recovery-seal.ts';
import { shareCommitment } from './recovery-shares.ts';
import { commitmentFor, readStatement, signHeldReceipt, type HeldReceipt, type SetupStatement } from './recovery-statement.ts';
import { RecoveryRefused } from './recovery-refusals.ts';

export const RECOVERY_HELD = 'recovery-held';

export const holdSchema = z.strictObject({ statement: z.record(z.string(), z.unknown()), share: sealedShareSchema });
export const dropSchema = z.strictObject({ setup: z.string().regex(/^[A-Za-z0-9_-]{22}$/u) });

const heldSchema = z.strictObject({
  owner: z.strictObject({ peerId: z.string(), did: z.string() }),
  statement: z.record(z.string(), z.unknown()),
  share: sealedShareSchema,
  received: z.iso.datetime(),
});
export interface HeldShare {
  readonly owner: { readonly peerId: string; readonly did: string };
  readonly statement: SetupStatement;
  readonly share: SealedShare;
  readonly received: string;
}

/** What opening a held share needs of this node's key (OwnerKey is one). */
export interface HolderKey extends Signer {
  agree(peerPublic: Uint8Array): Uint8Array;
}

export async function listHeld(locker: Locker): Promise<HeldShare[]> {
  return (await locker.collections.list(RECOVERY_HELD)).map((item) => toHeld(item.value));
}

export async function getHeld(locker: Locker, ownerPeerId: string): Promise<HeldShare | undefined> {
  const value = await locker.collections.get(RECOVERY_HELD, ownerPeerId);
  return value === undefined ? undefined : toHeld(value);
}

function toHeld(value: unknown): HeldShare {
  const held = parseWith(heldSchema, value, 'stored recovery share');
  return { ...held, statement: readStatement(held.statement) };
}

/** The share of a held setup, opened with this node's key and checked against its commitment. */
export function openHeld(key: HolderKey, statement: SetupStatement, share: SealedShare): Uint8Array {
  const opened = openShare(share, key, ['hold', statement.setup, key.did]);
  if (shareCommitment(statement.setup, key.did, opened) !== commitmentFor(statement, key.did)) {
    opened.fill(0);
    throw new RecoveryRefused('forged');
  }
  return opened;
}

/** Takes `owner`'s share (see above) and returns the signed receipt; a repeat of the same setup is answered again. */
export async function receiveHold(locker: Locker, key: HolderKey, owner: Contact, message: z.output<typeof holdSchema>): Promise<HeldReceipt> {
  const statement = readStatement(message.statement);
  if (statement.owner !== owner.did) throw new KithError('NotTrusted', 'The setup statement is not signed by the contact who sent it.');
  if (commitmentFor(statement, key.did) === undefined) throw new RecoveryRefused('stranger');
  openHeld(key, statement, message.share).fill(0);
  const existing = await getHeld(locker, owner.peerId);
  if (existing !== undefined && existing.statement.setup !== statement.setup && existing.statement.created > statement.created) throw new RecoveryRefused('old-setup');
  if (existing?.statement.setup !== statement.setup) {
    const held = { owner: { peerId: owner.peerId, did: owner.did }, statement, share: message.share, received: new Date().toISOString() };
    await locker.commit(key, {
      items: [{ collection: RECOVERY_HELD, id: owner.peerId, value: held }],
      audit: [{ kind: 'recovery.share-held', details: { owner: owner.peerId, setup: statement.setup, threshold: statement.threshold, friends: statement.friends.length } }],
    });
  }
  return signHeldReceipt(key, statement);
}

/** Deletes `owner`'s share of `setup` (replaced by a setup without us); false if we hold no such share. */
export async function receiveDrop(locker: Locker, signer: Signer, owner: Contact, setup: string): Promise<boolean> {
  const existing = await getHeld(locker, owner.peerId);
  if (existing?.statement.setup !== setup) return false;
  await locker.commit(signer, {
    items: [{ collection: RECOVERY_HELD, id: owner.peerId, value: null }],
    audit: [{ kind: 'recovery.share-dropped', details: { owner: owner.peerId, setup } }],
  });
  return true;
}
