// The invites this node has issued, by id, with their secret and how many uses remain.
// Redeeming one proves knowledge of the secret bound to both PeerIds (see inviteProof),
// so a code overheard in transit cannot be replayed from another node, and a used-up or
// expired invite is refused with the reason.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { KithError } from '../base/errors.ts';
import { parseWith } from '../base/schema.ts';
import type { Signer } from '../identity/signer.ts';
import type { Locker } from '../store/locker.ts';
import { contactKind, type InvitePayload } from './invite-code.ts';

export const INVITES = 'invites';
export const MAX_INVITE_USES = 1000;

const issuedSchema = z.strictObject({
  id: z.string(),
  secret: z.string(),
  kind: contactKind,
  uses: z.number().int().min(1).max(MAX_INVITE_USES),
  used: z.number().int().nonnegative(),
  expires: z.iso.datetime(),
  created: z.iso.datetime(),
  /** Whether the owner's name record goes to whoever redeems it (absent: yes, as before the choice). */
  shareName: z.boolean().optional(),
});
export type IssuedInvite = z.output<typeof issuedSchema>;

/** HMAC-SHA256 under the invite secret over both PeerIds: proves the secret, for this pair only. */
export function inviteProof(secret: string, inviterPeerId: string, acceptorPeerId: string): string {
  return createHmac('sha256', Buffer.from(secret, 'base64url')).update(`kith-invite/1\n${inviterPeerId}\n${acceptorPeerId}`).digest('base64url');
}

export async function recordIssued(locker: Locker, signer: Signer, payload: InvitePayload, uses: number, shareName = true): Promise<IssuedInvite> {
  const issued: IssuedInvite = { id: payload.id, secret: payload.secret, kind: payload.kind, uses, used: 0, expires: payload.expires, created: new Date().toISOString(), shareName };
  await locker.commit(signer, {
    items: [{ collection: INVITES, id: issued.id, value: issued }],
    audit: [{ kind: 'invite.created', details: { invite: issued.id, uses, expires: issued.expires } }],
  });
  return issued;
}

function refused(why: string): KithError {
  return new KithError('NotTrusted', `The invite ${why}.`, { hint: 'Ask for a new invite.' });
}

/**
 * Checks a redemption and, if it holds, counts the use; returns the invite. The count and
 * the new contact are written by the caller in one commit with `useChange`.
 */
export async function checkRedemption(locker: Locker, inviteId: string, proof: string, inviterPeerId: string, acceptorPeerId: string, now = new Date()): Promise<IssuedInvite> {
  const value = await locker.collections.get(INVITES, inviteId);
  if (value === undefined) throw refused('is unknown here');
  const issued = parseWith(issuedSchema, value, 'stored invite');
  const expected = Buffer.from(inviteProof(issued.secret, inviterPeerId, acceptorPeerId));
  const given = Buffer.from(proof);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw refused('proof is wrong');
  if (new Date(issued.expires).getTime() <= now.getTime()) throw refused('has expired');
  if (issued.used >= issued.uses) throw refused('has already been used');
  return issued;
}

export function useChange(issued: IssuedInvite) {
  return { collection: INVITES, id: issued.id, value: { ...issued, used: issued.used + 1 } };
}
