// /kith/share/1.0.0 — what an owner's node sends to the holders of its grants, and what
// a holder answers. Only contacts may use it; everything is checked against the sender's
// own key before it touches the locker.
//
//   deliver { credentials[], receipts[] } -> { results[], receipts[] }
//       a batch of shared-record versions (so a holder coming back online catches up in a
//       few messages, not one per record) and the consent receipts of their grants; each
//       result says 'stored', 'stale' (an equal or newer version is here) or 'refused' with
//       a stable code; the receipt of each grant with a record that passed comes back
//       countersigned. One commit per batch.
//   revoke  { notice }                    -> { receipt }   a deletion receipt
import { z } from 'zod';
import { KithError } from '../../../base/errors.ts';
import { KeyedQueue } from '../../../base/keyed-queue.ts';
import { addProof, verifyDocument } from '../../../credentials/data-integrity.ts';
import { isPlainObject } from '../../../credentials/proof.ts';
import type { JsonObject } from '../../../credentials/types.ts';
import type { Signer } from '../../../identity/signer.ts';
import type { Locker } from '../../../store/locker.ts';
import { CONSENT_RECEIPT_TYPE } from '../../../trust/consent-receipt.ts';
import type { Contact } from '../../../trust/contacts.ts';
import { lockerHoldings, type Holdings } from '../../../trust/holdings.ts';
import { deletionReceipt, readRevocation } from '../../../trust/revocation.ts';
import { checkSharedCredentials, type SharedCheck } from '../../../trust/shared-credential.ts';
import type { SharedCredentialChecker } from '../../../trust/shared-credential-checker.ts';
import type { Delivery } from '../../../trust/shared-with-me.ts';
import type { KithNode } from '../../node.ts';
import { protocolId } from '../protocol-id.ts';

export const SHARE_PROTOCOL = protocolId('share');

/** Records per deliver message: a catch-up of 10,000 changes is some 50 messages. */
export const MAX_BATCH = 200;

const credential = z.record(z.string(), z.unknown());
export const shareRequestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('deliver'), credentials: z.array(credential).min(1).max(MAX_BATCH), receipts: z.array(credential).min(1).max(MAX_BATCH) }),
  z.strictObject({ type: z.literal('revoke'), notice: credential }),
]);
export type ShareRequest = z.output<typeof shareRequestSchema>;
export type DeliverRequest = Extract<ShareRequest, { type: 'deliver' }>;
const deliveryResult = z.union([
  z.strictObject({ status: z.enum(['stored', 'stale']) }),
  z.strictObject({ status: z.literal('refused'), code: z.string().max(64) }),
]);
export type DeliveryResult = z.output<typeof deliveryResult>;
export const deliverAnswerSchema = z.strictObject({ results: z.array(deliveryResult).max(MAX_BATCH), receipts: z.array(credential).max(MAX_BATCH) });
export type DeliverAnswer = z.output<typeof deliverAnswerSchema>;
export const revokeAnswerSchema = z.strictObject({ receipt: credential });

/**
 * A batch fills at most 192 KiB (the deliverer packs to BATCH_BYTES); a single record of
 * up to 64 KiB with its proof and receipt always fits. Answers carry the countersigned
 * receipts back. An owner sends to its holders in bursts (an edit fans out to every
 * holder, a catch-up is dozens of batches), so a stream carries many requests.
 */
export const BATCH_BYTES = 192 * 1024;
export const SHARE_LIMITS = { maxRequestBytes: 256 * 1024, maxResponseBytes: 512 * 1024, rate: { perSecond: 50, burst: 200 }, requestsPerStream: 256 };
/** How an owner's node asks on this protocol: the same sizes, and a kept stream per holder. */
export const SHARE_ASKING = { maxRequestBytes: SHARE_LIMITS.maxRequestBytes, maxResponseBytes: SHARE_LIMITS.maxResponseBytes, requestsPerStream: SHARE_LIMITS.requestsPerStream };

export interface ShareComponents {
  readonly node: KithNode;
  /** Where what arrives is kept: the locker on a person's node, the vendor store on a vendor's. */
  readonly holdings: () => Promise<Holdings>;
  readonly signer: () => Signer;
  /** The sender as a contact (only contacts may share with us), or undefined. */
  readonly contact: (peerId: string) => Promise<Contact | undefined>;
  readonly onChange: () => void;
  /** Checks the credentials of large batches on worker threads; its owner closes it. */
  readonly checker: SharedCredentialChecker;
}

/** The grant a consent receipt is for (Kith's receipts name it in their subject). */
export function receiptGrant(receipt: Record<string, unknown>): string | undefined {
  const grant = (receipt['credentialSubject'] as { grant?: unknown } | undefined)?.grant;
  return typeof grant === 'string' ? grant : undefined;
}

/**
 * Checks that `receipt` is the owner's consent receipt naming us as holder; returns the
 * grant it is for. Throws NotTrusted otherwise.
 */
function checkConsentReceipt(receipt: Record<string, unknown>, owner: string, holder: Signer): string {
  const proofs = verifyDocument(receipt);
  const types = receipt['type'];
  const controllers = (receipt['credentialSubject'] as { piiControllers?: unknown } | undefined)?.piiControllers;
  if (!Array.isArray(types) || !types.includes(CONSENT_RECEIPT_TYPE) || receipt['issuer'] !== owner || !proofs.some((p) => p.signer === owner)) {
    throw new KithError('NotTrusted', 'The consent receipt is not from the owner of the data.');
  }
  // Each controller checked to be an object: a signed receipt listing `null` must be refused
  // as NotTrusted, not fail as a TypeError (found by fuzzing: test/unit/fuzz/regressions.test.ts).
  if (!Array.isArray(controllers) || !controllers.some((c: unknown) => isPlainObject(c) && c['id'] === holder.did)) throw new KithError('NotTrusted', 'The consent receipt names another holder.');
  const grant = receiptGrant(receipt);
  if (grant === undefined) throw new KithError('InvalidInput', 'The consent receipt names no grant.');
  return grant;
}

/** The owner's consent receipt, countersigned by us as the holder it names. */
export function countersign(receipt: Record<string, unknown>, owner: string, holder: Signer): JsonObject {
  checkConsentReceipt(receipt, owner, holder);
  if (verifyDocument(receipt).some((p) => p.signer === holder.did)) return receipt as JsonObject;
  return addProof(receipt as JsonObject, holder, { proofPurpose: 'assertionMethod' });
}

/** What is known of a batch before the locker is read: the grants with receipts, each credential's check. */
interface CheckedBatch {
  readonly grants: ReadonlySet<string>;
  readonly checks: readonly SharedCheck[];
}

/**
 * The signature checks of a batch, which need no locker: every receipt must be the owner's
 * and name us, else the whole batch is refused (it did not come from an honest owner);
 * each credential is checked on its own — on the checker's workers if the batch is large.
 */
async function checkBatch(holder: Signer, sender: Contact, request: DeliverRequest, checker?: SharedCredentialChecker): Promise<CheckedBatch> {
  const grants = new Set(request.receipts.map((receipt) => checkConsentReceipt(receipt, sender.did, holder)));
  const expected = { owner: sender.did, holder: holder.did };
  const checks = checker === undefined ? checkSharedCredentials(request.credentials, expected) : await checker.check(request.credentials, expected);
  return { grants, checks };
}

/**
 * Accepts a checked batch as its holder: each record is kept, found stale, or refused on its
 * own — one bad record does not hold up the rest. Only the receipts of grants with a record
 * that passed are countersigned, kept and returned: we sign for what we accepted, nothing
 * else, and the answer goes back only after the holdings committed it.
 */
async function keepBatch(holdings: Holdings, holder: Signer, sender: Contact, request: DeliverRequest, checked: CheckedBatch): Promise<DeliverAnswer> {
  const results: DeliveryResult[] = [];
  const valid: { index: number; delivery: Delivery }[] = [];
  checked.checks.forEach((check, index) => {
    if (!check.ok) results.push({ status: 'refused', code: check.code });
    // No consent receipt came with this grant: the owner's consent to give it to us is not shown.
    else if (!checked.grants.has(check.facts.grant.id)) results.push({ status: 'refused', code: 'NotTrusted' });
    else {
      valid.push({ index, delivery: { facts: check.facts, credential: request.credentials[index]! } });
      results.push({ status: 'stale' });
    }
  });
  const passed = new Set(valid.map((v) => v.delivery.facts.grant.id));
  const receipts = request.receipts.filter((receipt) => passed.has(receiptGrant(receipt)!)).map((receipt) => countersign(receipt, sender.did, holder));
  const outcomes = await holdings.keep({
    from: { peerId: sender.peerId, did: sender.did },
    deliveries: valid.map((v) => v.delivery),
    receipts: receipts.map((credential) => ({ grant: receiptGrant(credential)!, credential })),
    time: new Date(),
  });
  valid.forEach(({ index }, i) => (results[index] = { status: outcomes[i]! }));
  return { results, receipts };
}

/**
 * The holder's side of one deliver message, kept in a locker: checked, kept and answered in
 * one commit. With a checker, a large batch's credentials are checked on its worker
 * threads; without, here.
 */
export async function receiveDeliveries(locker: Locker, holder: Signer, sender: Contact, request: DeliverRequest, checker?: SharedCredentialChecker): Promise<DeliverAnswer> {
  return receiveInto(lockerHoldings(locker, () => holder), holder, sender, request, checker);
}

/** receiveDeliveries into any holdings (a vendor's store). */
export async function receiveInto(holdings: Holdings, holder: Signer, sender: Contact, request: DeliverRequest, checker?: SharedCredentialChecker): Promise<DeliverAnswer> {
  return keepBatch(holdings, holder, sender, request, await checkBatch(holder, sender, request, checker));
}

export async function startShareProtocol(components: ShareComponents): Promise<void> {
  // One batch per sender at a time: a version check and its write must not interleave
  // with another batch's for the same records.
  const perSender = new KeyedQueue();
  await components.node.handle(
    SHARE_PROTOCOL,
    async (request, { remotePeer }) => {
      const sender = await components.contact(remotePeer);
      if (sender === undefined) throw new KithError('NotTrusted', 'Only contacts may share with this node.');
      const holder = components.signer();
      const holdings = await components.holdings();
      if (request.type === 'deliver') {
        // The signature checks need no locker, so they start at once, beside the previous
        // batch's commit (a catch-up sends two batches deep); keeping waits its turn.
        const checked = checkBatch(holder, sender, request, components.checker);
        checked.catch(() => undefined); // awaited in its turn: not an unhandled rejection meanwhile
        const answer = await perSender.run(remotePeer, async () => keepBatch(holdings, holder, sender, request, await checked));
        components.onChange();
        return answer;
      }
      const grant = readRevocation(request.notice, { owner: sender.did, holder: holder.did });
      const receipt = await perSender.run(remotePeer, () =>
        holdings.forget({ peerId: sender.peerId, did: sender.did }, grant, (records) => deletionReceipt(holder, { owner: sender.did, grant, records })),
      );
      components.onChange();
      return { receipt };
    },
    { schema: shareRequestSchema, limits: SHARE_LIMITS },
  );
}
