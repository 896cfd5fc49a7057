// /kith/recovery/1.0.0 — social recovery between an owner, the friends who hold shares of
// its key, and the owner's new device.
//
//   hold    { statement, share }   owner -> friend          -> { receipt }   (a signed "I hold it")
//   drop    { setup }              owner -> former friend   -> { dropped }
//   approve { approval }           friend -> recovering node -> { status: accepted | recovered | refused, … }
//   return  {}                     recovered owner -> friend -> { credentials, truncated }
//
// `return` gives a contact back what it shared with us (its own credentials, as kept): how
// a recovered device gets back data its friends still hold. It checks each one itself.
// A friend's node serves hold and drop, to contacts only (the sender is the
// Noise-authenticated PeerId); the recovering node's session serves approve, to anyone
// (it has no contacts yet), but takes an approval only from a friend named in the owner's
// signed statement (trust/recovery-session.ts). A refusal says why in a stable reason.
import { z } from 'zod';
import { KithError } from '../../../base/errors.ts';
import { didKeyFromPublicKey } from '../../../identity/did-key.ts';
import { ed25519PublicKeyFromPeerId } from '../../../identity/peer-id.ts';
import type { Locker } from '../../../store/locker.ts';
import type { Contact } from '../../../trust/contacts.ts';
import { dropSchema, holdSchema, receiveDrop, receiveHold, type HolderKey } from '../../../trust/recovery-held.ts';
import { RecoveryRefused, refusalReason } from '../../../trust/recovery-refusals.ts';
import type { AcceptResult, RecoverySession } from '../../../trust/recovery-session.ts';
import type { KithNode } from '../../node.ts';
import { protocolId } from '../protocol-id.ts';

export const RECOVERY_PROTOCOL = protocolId('recovery');

export const recoveryMessageSchema = z.discriminatedUnion('type', [
  holdSchema.extend({ type: z.literal('hold') }),
  dropSchema.extend({ type: z.literal('drop') }),
  z.strictObject({ type: z.literal('approve'), approval: z.record(z.string(), z.unknown()) }),
  z.strictObject({ type: z.literal('return') }),
]);
export type RecoveryMessage = z.output<typeof recoveryMessageSchema>;

/** What one `return` answer carries at most: the rest is for a later version (a page at a time). */
export const MAX_RETURNED = 500;
const RETURN_BYTES = 900 * 1024;

export const holdAnswerSchema = z.strictObject({ receipt: z.record(z.string(), z.unknown()) });
export const dropAnswerSchema = z.strictObject({ dropped: z.boolean() });
export const returnAnswerSchema = z.strictObject({ credentials: z.array(z.record(z.string(), z.unknown())).max(MAX_RETURNED), truncated: z.boolean() });
export const approveAnswerSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('accepted'), approvals: z.int().min(1).max(10), threshold: z.int().min(2).max(10) }),
  z.strictObject({ status: z.literal('recovered') }),
  z.strictObject({ status: z.literal('refused'), reason: refusalReason }),
]);
export type ApproveAnswer = z.output<typeof approveAnswerSchema>;

/**
 * A statement for ten friends is under 2 KiB; an approval carries it, a sealed share and
 * the friend's addresses (12 of at most 300 characters). The answer to `return` is the
 * largest message: up to MAX_RETURNED credentials in under 1 MiB. Recovery is a person's
 * action, rarely repeated: a low rate.
 */
export const RECOVERY_LIMITS = {
  maxRequestBytes: 16 * 1024,
  maxResponseBytes: 1024 * 1024,
  // The last approval is answered once the key is written (scrypt) and the new locker made.
  handlerTimeoutMs: 60_000,
  rate: { perSecond: 0.5, burst: 10 },
};

/** The did:key of a Noise-authenticated PeerId (the same Ed25519 key). */
export function didOfPeer(peerId: string): string {
  return didKeyFromPublicKey(ed25519PublicKeyFromPeerId(peerId));
}

export interface HoldingComponents {
  readonly node: KithNode;
  readonly locker: () => Promise<Locker>;
  readonly key: () => HolderKey;
  /** The sender as a contact (only contacts may give or take back shares), or undefined. */
  readonly contact: (peerId: string) => Promise<Contact | undefined>;
  readonly onChange: () => void;
  /** What the contact `peerId` shared with us and did not revoke: its credentials, as kept. */
  readonly sharedBy: (peerId: string) => Promise<Record<string, unknown>[]>;
}

/** Up to MAX_RETURNED credentials, in under RETURN_BYTES. */
function returnAnswer(credentials: readonly Record<string, unknown>[]): z.output<typeof returnAnswerSchema> {
  const kept: Record<string, unknown>[] = [];
  let bytes = 0;
  for (const credential of credentials) {
    bytes += JSON.stringify(credential).length;
    if (kept.length === MAX_RETURNED || bytes > RETURN_BYTES) return { credentials: kept, truncated: true };
    kept.push(credential);
  }
  return { credentials: kept, truncated: false };
}

/** The friend's side, on the owner's everyday node: hold and drop. */
export async function startRecoveryHolding(components: HoldingComponents): Promise<void> {
  await components.node.handle(
    RECOVERY_PROTOCOL,
    async (message, { remotePeer }) => {
      if (message.type === 'approve') throw new KithError('Unsupported', 'This node is not recovering an identity.');
      const owner = await components.contact(remotePeer);
      if (owner === undefined) throw new KithError('NotTrusted', 'Only contacts may ask this node to hold a recovery share.');
      if (message.type === 'return') return returnAnswer(await components.sharedBy(remotePeer));
      const locker = await components.locker();
      if (message.type === 'drop') {
        const dropped = await receiveDrop(locker, components.key(), owner, message.setup);
        if (dropped) components.onChange();
        return { dropped };
      }
      const { type: _type, ...hold } = message;
      const receipt = await receiveHold(locker, components.key(), owner, hold);
      components.onChange();
      return { receipt };
    },
    { schema: recoveryMessageSchema, limits: RECOVERY_LIMITS },
  );
}

export interface SessionComponents {
  readonly node: KithNode;
  readonly session: RecoverySession;
  /** Called with every accepted approval; for the last one, finishes the recovery before the friend is answered. */
  readonly onAccepted: (result: AcceptResult) => Promise<void>;
}

/** The recovering node's side, on its session node: approve. */
export async function startRecoverySession(components: SessionComponents): Promise<void> {
  await components.node.handle(
    RECOVERY_PROTOCOL,
    async (message, { remotePeer }): Promise<ApproveAnswer> => {
      if (message.type !== 'approve') throw new KithError('Unsupported', 'A recovering node holds no shares.');
      let result: AcceptResult;
      try {
        result = await components.session.accept(message.approval, { did: didOfPeer(remotePeer), peerId: remotePeer });
      } catch (error) {
        if (error instanceof RecoveryRefused) return { status: 'refused', reason: error.reason };
        throw error;
      }
      await components.onAccepted(result);
      return result.status === 'recovered' ? { status: 'recovered' } : result;
    },
    { schema: recoveryMessageSchema, limits: RECOVERY_LIMITS },
  );
}

/** Sends an approval to the recovering node at `targets` (its addresses, else its PeerId); a refusal is thrown as RecoveryRefused. */
export async function sendApproval(node: KithNode, targets: readonly string[], approval: Record<string, unknown>): Promise<Exclude<ApproveAnswer, { status: 'refused' }>> {
  let lastError: unknown;
  for (const target of targets) {
    try {
      const answer = await node.request(target, RECOVERY_PROTOCOL, { type: 'approve', approval }, { responseSchema: approveAnswerSchema, timeoutMs: 90_000 });
      if (answer.status === 'refused') throw new RecoveryRefused(answer.reason);
      return answer;
    } catch (error) {
      if (error instanceof KithError && error.code !== 'Unreachable' && error.code !== 'Timeout') throw error;
      lastError = error;
    }
  }
  throw new KithError('Unreachable', 'The recovering device could not be reached at any address in its code.', {
    hint: 'It must be running and waiting (`kith recovery start`); ask for the code it shows now.',
    cause: lastError,
  });
}
