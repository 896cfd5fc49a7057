// The signed objects of social recovery (eddsa-jcs-2022 Data Integrity proofs, like every
// other signed object in Kith):
//   setup statement   the owner: "my seed is split `threshold` of these friends; here is a
//                     commitment to each one's share" (one per setup, sent to every friend);
//   held receipt      a friend: "I hold the share of this setup" (the owner's status);
//   approval          a friend, to a recovering node: "here is my share of this setup,
//                     sealed to your session key, for your session nonce".
// Each reader parses from unknown and checks the proof and the signer it must have.
import { z } from 'zod';
import { KithError } from '../base/errors.ts';
import { addProof, verifyDocument } from '../credentials/data-integrity.ts';
import type { Signer } from '../identity/signer.ts';
import { MAX_FRIENDS, MIN_THRESHOLD } from './recovery-shares.ts';
import { sealedShareSchema } from './recovery-seal.ts';
import { RecoveryRefused } from './recovery-refusals.ts';

const did = z.string().max(200).startsWith('did:key:z6Mk');
const id = z.string().regex(/^[A-Za-z0-9_-]{22}$/u, 'must be a 22-character id');
const commitment = z.string().regex(/^[A-Za-z0-9_-]{43}$/u, 'must be a SHA-256 in base64url');
const time = z.iso.datetime();
const proof = z.record(z.string(), z.unknown());

export const statementSchema = z.strictObject({
  type: z.literal('KithRecoverySetup'),
  owner: did,
  setup: id,
  threshold: z.int().min(MIN_THRESHOLD).max(MAX_FRIENDS),
  friends: z.array(z.strictObject({ did, commitment })).min(MIN_THRESHOLD).max(MAX_FRIENDS),
  created: time,
  proof,
}).refine((s) => s.threshold <= s.friends.length && new Set(s.friends.map((f) => f.did)).size === s.friends.length, 'threshold or friends out of shape');
export type SetupStatement = z.output<typeof statementSchema>;

export const heldReceiptSchema = z.strictObject({
  type: z.literal('KithRecoveryShareHeld'),
  owner: did,
  setup: id,
  holder: did,
  commitment,
  created: time,
  proof,
});
export type HeldReceipt = z.output<typeof heldReceiptSchema>;

/** What a friend tells the recovering node about itself, so the owner gets the contact back. */
export const approverCardSchema = z.strictObject({
  name: z.string().trim().min(1).max(64).optional(),
  addrs: z.array(z.string().max(300)).max(12),
});

export const approvalSchema = z.strictObject({
  type: z.literal('KithRecoveryApproval'),
  owner: did,
  setup: id,
  holder: did,
  /** The recovering node's session PeerId, and the nonce its code carries. */
  session: z.string().max(100),
  nonce: id,
  share: sealedShareSchema,
  statement: z.record(z.string(), z.unknown()),
  card: approverCardSchema,
  created: time,
  proof,
});
export type Approval = z.output<typeof approvalSchema>;

function nowSeconds(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/u, 'Z');
}

/** Whether `document` carries exactly one valid proof, by `signer`. */
function signedBy(document: unknown, signer: string): boolean {
  try {
    const proofs = verifyDocument(document);
    return proofs.length === 1 && proofs[0]?.signer === signer;
  } catch {
    return false;
  }
}

export function signStatement(owner: Signer, body: Omit<SetupStatement, 'type' | 'owner' | 'proof' | 'created'>): SetupStatement {
  return addProof({ type: 'KithRecoverySetup', owner: owner.did, ...body, created: nowSeconds() }, owner) as SetupStatement;
}

/** A statement from anywhere: well formed and signed by the owner it names, else RecoveryRefused('forged'). */
export function readStatement(value: unknown): SetupStatement {
  const parsed = statementSchema.safeParse(value);
  if (!parsed.success || !signedBy(value, parsed.data.owner)) throw new RecoveryRefused('forged');
  return parsed.data;
}

/** The commitment the statement makes to `holder`'s share; undefined: not one of its friends. */
export function commitmentFor(statement: SetupStatement, holder: string): string | undefined {
  return statement.friends.find((friend) => friend.did === holder)?.commitment;
}

export function signHeldReceipt(holder: Signer, statement: SetupStatement): HeldReceipt {
  const committed = commitmentFor(statement, holder.did);
  if (committed === undefined) throw new KithError('NotTrusted', 'This setup does not name you as a friend.');
  return addProof({ type: 'KithRecoveryShareHeld', owner: statement.owner, setup: statement.setup, holder: holder.did, commitment: committed, created: nowSeconds() }, holder) as HeldReceipt;
}

/** A friend's receipt for `statement`: signed by `holder`, for this setup and share; NotTrusted otherwise. */
export function readHeldReceipt(value: unknown, statement: SetupStatement, holder: string): HeldReceipt {
  const parsed = heldReceiptSchema.safeParse(value);
  const ok =
    parsed.success &&
    parsed.data.holder === holder &&
    parsed.data.owner === statement.owner &&
    parsed.data.setup === statement.setup &&
    parsed.data.commitment === commitmentFor(statement, holder) &&
    signedBy(value, holder);
  if (!ok || !parsed.success) throw new KithError('NotTrusted', 'The friend answered with a receipt that is not theirs for this share.');
  return parsed.data;
}

export function signApproval(holder: Signer, body: Omit<Approval, 'type' | 'holder' | 'proof' | 'created'>): Approval {
  return addProof({ type: 'KithRecoveryApproval', holder: holder.did, ...body, created: nowSeconds() }, holder) as Approval;
}

/**
 * An approval as the recovering node receives it from `sender` (the DID of the
 * Noise-authenticated peer): well formed, signed by its holder, who is the sender, and
 * carrying the owner's genuine statement for the same setup. What it says about the
 * session, and the share itself, the session checks (recovery-session.ts).
 */
export function readApproval(value: unknown, sender: string): { approval: Approval; statement: SetupStatement } {
  const parsed = approvalSchema.safeParse(value);
  if (!parsed.success) throw new KithError('InvalidInput', 'The approval is malformed.');
  const approval = parsed.data;
  if (approval.holder !== sender) throw new RecoveryRefused('stranger');
  if (!signedBy(value, approval.holder)) throw new RecoveryRefused('forged');
  const statement = readStatement(approval.statement);
  if (statement.owner !== approval.owner || statement.setup !== approval.setup) throw new RecoveryRefused('forged');
  if (commitmentFor(statement, approval.holder) === undefined) throw new RecoveryRefused('stranger');
  return { approval, statement };
}
