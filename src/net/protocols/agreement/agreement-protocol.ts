// /kith/agreement/1.0.0 — a customer and a vendor node making, and ending, an agreement.
// Only contacts may use it; only a vendor node (`kith start --vendor`) answers `profile`
// and `proffer`, countersigning by its policy with no person in the loop.
//
//   profile                   -> { profile }                            the vendor's signed profile
//   proffer { agreement }     -> { accepted: true, agreement }          countersigned (two proofs)
//                              | { accepted: false, refused: [{ id, text }] }
//   end     { agreementId }   -> { ended }
//
// A policy refusal is a normal result, not an error: the wire carries only stable codes,
// and the customer needs to know which clause to change.
import { z } from 'zod';
import { KithError } from '../../../base/errors.ts';
import type { JsonObject } from '../../../credentials/types.ts';
import type { Signer } from '../../../identity/signer.ts';
import type { Locker } from '../../../store/locker.ts';
import {
  agreementFrom,
  agreementIdSchema,
  countersignAgreement,
  endAgreement,
  findAgreement,
  keepAgreement,
  readCountersigned,
  readProffer,
  type AgreementFacts,
} from '../../../trust/agreements.ts';
import type { Contact } from '../../../trust/contacts.ts';
import { describeClause, type Clause } from '../../../trust/terms.ts';
import { getVendorProfile, readSignedProfile, refusedClauses, signedProfile, type VendorProfile } from '../../../trust/vendor-profile.ts';
import type { KithNode } from '../../node.ts';
import { protocolId } from '../protocol-id.ts';
import type { Holdings } from '../../../trust/holdings.ts';

export const AGREEMENT_PROTOCOL = protocolId('agreement');

const credential = z.record(z.string(), z.unknown());
const requestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('profile') }),
  z.strictObject({ type: z.literal('proffer'), agreement: credential }),
  z.strictObject({ type: z.literal('end'), agreementId: agreementIdSchema }),
]);
const refusalSchema = z.array(z.strictObject({ id: z.string().max(40), text: z.string().max(500) })).min(1).max(20);
const profferAnswerSchema = z.union([
  z.strictObject({ accepted: z.literal(true), agreement: credential }),
  z.strictObject({ accepted: z.literal(false), refused: refusalSchema }),
]);
const profileAnswerSchema = z.strictObject({ profile: credential });
const endAnswerSchema = z.strictObject({ ended: z.iso.datetime() });
/** The messages as schemas, for the fuzz targets (test/fuzz/targets/protocol-messages.ts). */
export { requestSchema as agreementRequestSchema, profferAnswerSchema, profileAnswerSchema, endAnswerSchema };

/** Twenty clauses of 500 characters, a purpose and two proofs fit with room to spare. */
export const AGREEMENT_LIMITS = { maxRequestBytes: 64 * 1024, maxResponseBytes: 64 * 1024, rate: { perSecond: 2, burst: 10 } };

export interface AgreementComponents {
  readonly node: KithNode;
  readonly locker: () => Promise<Locker>;
  readonly signer: () => Signer;
  /** The sender as a contact (only contacts may use this protocol), or undefined. */
  readonly contact: (peerId: string) => Promise<Contact | undefined>;
  /** Whether this node serves as a vendor (`kith start --vendor`). */
  readonly vendor: boolean;
  /**
   * The vendor's holdings keep the agreement too (a vendor store has a table of them);
   * called before the customer is answered, so a failure is a refusal they retry.
   */
  readonly holdings: () => Promise<Pick<Holdings, 'agreement'>>;
  readonly onChange: () => void;
}

function notVendor(): KithError {
  return new KithError('Unsupported', 'This node is not a vendor node.');
}

/** The vendor decides a proffer: countersign and keep it, or name the clauses its policy refuses. */
async function decide(components: AgreementComponents, customer: Contact, proffer: Record<string, unknown>) {
  const vendor = components.signer();
  const locker = await components.locker();
  const offered = readProffer(proffer, { customer: customer.did, vendor: vendor.did });
  const existing = await findAgreement(locker, offered.id);
  if (existing !== undefined) {
    // A retry of the same proffer (the answer was lost) gets the same countersigned copy.
    if (existing.status === 'active' && existing.customer.did === customer.did) {
      await (await components.holdings()).agreement(existing);
      return { accepted: true as const, agreement: existing.credential };
    }
    throw new KithError('AlreadyExists', 'That agreement was already made and ended.');
  }
  const refused = refusedClauses(await getVendorProfile(locker), offered.terms);
  if (refused.length > 0) {
    await locker.commit(vendor, { items: [], audit: [{ kind: 'agreement.refused', details: { agreement: offered.id, customer: customer.did, refused: refused.map((c) => c.id) } }] });
    return { accepted: false as const, refused: refused.map((clause) => ({ id: clause.id, text: describeClause(clause) })) };
  }
  const countersigned = countersignAgreement(proffer as JsonObject, vendor);
  const kept = await keepAgreement(locker, vendor, agreementFrom(offered, 'vendor', { did: customer.did, peerId: customer.peerId }, { did: vendor.did, peerId: components.node.peerId }, countersigned), 'agreement.countersigned');
  await (await components.holdings()).agreement(kept);
  components.onChange();
  return { accepted: true as const, agreement: countersigned };
}

export async function startAgreementProtocol(components: AgreementComponents): Promise<void> {
  await components.node.handle(
    AGREEMENT_PROTOCOL,
    async (request, { remotePeer }) => {
      const sender = await components.contact(remotePeer);
      if (sender === undefined) throw new KithError('NotTrusted', 'Only contacts may make agreements with this node.');
      if (request.type === 'profile') {
        if (!components.vendor) throw notVendor();
        return { profile: signedProfile(components.signer(), await getVendorProfile(await components.locker())) };
      }
      if (request.type === 'proffer') {
        if (!components.vendor) throw notVendor();
        return decide(components, sender, request.agreement);
      }
      // end: only the customer of that agreement may end it here.
      const locker = await components.locker();
      const agreement = await findAgreement(locker, request.agreementId);
      if (agreement === undefined || agreement.role !== 'vendor' || agreement.customer.peerId !== remotePeer) throw new KithError('NotFound', 'No such agreement with this peer.');
      const ended = await endAgreement(locker, components.signer(), agreement.id);
      await (await components.holdings()).agreement(ended);
      components.onChange();
      return { ended: ended.ended ?? new Date().toISOString() };
    },
    { schema: requestSchema, limits: AGREEMENT_LIMITS },
  );
}

// The customer's side of each exchange: send, then check the answer before it is kept.

export async function askProfile(node: KithNode, vendor: Contact): Promise<VendorProfile> {
  const answer = await node.request(vendor.peerId, AGREEMENT_PROTOCOL, { type: 'profile' }, { responseSchema: profileAnswerSchema });
  return readSignedProfile(answer.profile, vendor.did);
}

export type ProfferOutcome = { accepted: true; facts: AgreementFacts; agreement: Record<string, unknown> } | { accepted: false; refused: { id: Clause['id']; text: string }[] };

export async function proffer(node: KithNode, customer: Signer, vendor: Contact, proposed: JsonObject, offered: readonly Clause[]): Promise<ProfferOutcome> {
  const answer = await node.request(vendor.peerId, AGREEMENT_PROTOCOL, { type: 'proffer', agreement: proposed }, { responseSchema: profferAnswerSchema });
  if (answer.accepted) return { accepted: true, facts: readCountersigned(answer.agreement, proposed, { customer: customer.did, vendor: vendor.did }), agreement: answer.agreement };
  // Show our own words for the clauses it names (never the peer's text), and only clauses we offered.
  const refused = offered.filter((clause) => answer.refused.some((r) => r.id === clause.id && (clause.id !== 'custom' || r.text === clause.text)));
  if (refused.length === 0) throw new KithError('Protocol', 'The vendor refused the agreement without naming a clause it was offered.');
  return { accepted: false, refused: refused.map((clause) => ({ id: clause.id, text: describeClause(clause) })) };
}

export async function tellEnded(node: KithNode, vendorPeerId: string, agreementId: string): Promise<void> {
  await node.request(vendorPeerId, AGREEMENT_PROTOCOL, { type: 'end', agreementId }, { responseSchema: endAnswerSchema, timeoutMs: 10_000 });
}
