// vendor.profile.*, agreements.*: agreements with vendors. The customer proffers terms
// and keeps what the vendor countersigned; ending one revokes every grant made under it
// (the usual revoke path: notices through the outbox, deletion receipts back) and tells
// the vendor.
import type { AppApi } from '../../api/contract.ts';
import type { AgreementView, VendorProfileView } from '../../api/methods/agreements.ts';
import { KithError } from '../../base/errors.ts';
import { askProfile, proffer } from '../../net/protocols/agreement/agreement-protocol.ts';
import { PeerError } from '../../net/protocols/wire.ts';
import type { Locker } from '../../store/locker.ts';
import { agreementFrom, agreementSigners, endAgreement, getAgreement, keepAgreement, listAgreements, proposeAgreement, type Agreement } from '../../trust/agreements.ts';
import { type Contact, listContacts, noteSelfName, resolveContact, unknownPeerName } from '../../trust/contacts.ts';
import { isLive, listGrants, revokeGrant } from '../../trust/grants.ts';
import { describeClause, parseTerms } from '../../trust/terms.ts';
import { chosenName, getVendorProfile, parsePolicy, setVendorProfile, type VendorProfile } from '../../trust/vendor-profile.ts';
import type { AppContext } from '../context.ts';
import type { Network } from '../network.ts';
import { revocationChanges } from '../sharing/releases.ts';
import { tellPendingEnds } from '../sharing/agreements-online.ts';

type AgreementsApi = Pick<AppApi, 'vendor.profile.get' | 'vendor.profile.set' | 'agreements.propose' | 'agreements.list' | 'agreements.end'>;

function profileView(did: string, profile: VendorProfile): VendorProfileView {
  return {
    did,
    name: profile.name,
    ...(profile.site === undefined ? {} : { site: profile.site }),
    categories: [...profile.categories],
    policy: {
      accepts: [...profile.policy.accepts],
      ...(profile.policy.minDeleteAfterDays === undefined ? {} : { minDeleteAfterDays: profile.policy.minDeleteAfterDays }),
      ...(profile.policy.shortestBreachNoticeHours === undefined ? {} : { shortestBreachNoticeHours: profile.policy.shortestBreachNoticeHours }),
    },
    updated: profile.updated,
  };
}

async function agreementView(locker: Locker, agreement: Agreement, contacts?: readonly Contact[]): Promise<AgreementView> {
  const other = agreement.role === 'customer' ? agreement.vendor : agreement.customer;
  const known = (contacts ?? (await listContacts(locker))).find((c) => c.peerId === other.peerId);
  const grants = agreement.role === 'customer' ? (await listGrants(locker)).filter((g) => g.agreement === agreement.id).map((g) => g.id) : [];
  return {
    id: agreement.id,
    role: agreement.role,
    with: { peerId: other.peerId, did: other.did, petname: known?.petname ?? unknownPeerName(other.peerId) },
    purpose: agreement.purpose,
    terms: agreement.terms.map(describeClause),
    created: agreement.created,
    status: agreement.status,
    ...(agreement.ended === undefined ? {} : { ended: agreement.ended }),
    ...(agreement.vendorTold === undefined ? {} : { vendorTold: agreement.vendorTold }),
    ...(agreement.role === 'customer' ? { receipts: agreement.receipts ?? true } : {}),
    signers: agreementSigners(agreement),
    grants,
    credential: agreement.credential,
  };
}

/** A vendor contact, by the name a person types. */
async function vendorContact(locker: Locker, name: string): Promise<Contact> {
  const contact = await resolveContact(locker, name);
  if (contact.kind !== 'vendor') {
    throw new KithError('InvalidInput', `${contact.petname} is a person, not a vendor: agreements are made with vendor nodes.`, { hint: 'Share with people directly with `kith grant`.' });
  }
  return contact;
}

/** A peer's "not a vendor node" answer, said in words. */
function explained(error: unknown, vendor: Contact): unknown {
  if (error instanceof PeerError && error.peerCode === 'Unsupported') {
    return new KithError('Unsupported', `${vendor.petname} is not running as a vendor node, so it cannot countersign.`, { hint: 'Its node must run `kith start --vendor`.' });
  }
  return error;
}

export function agreementsService(ctx: AppContext, current: () => Network | undefined): AgreementsApi {
  const online = (): Network => {
    const network = current();
    if (network === undefined) throw new KithError('Unreachable', 'Your node is not online.', { hint: 'Start it with `kith start` (and unlock it) first.' });
    return network;
  };
  return {
    async 'vendor.profile.get'({ vendor }) {
      const locker = await ctx.locker();
      if (vendor === undefined) return profileView((await ctx.identity()).did, await getVendorProfile(locker));
      const contact = await vendorContact(locker, vendor);
      const profile = await askProfile(online().node, contact).catch((error: unknown) => {
        throw explained(error, contact);
      });
      const name = chosenName(profile);
      if (name !== undefined && (await noteSelfName(locker, ctx.signer(), contact.peerId, name))) ctx.emit('contacts.changed', {});
      return profileView(contact.did, profile);
    },

    async 'vendor.profile.set'(input) {
      const profile = await setVendorProfile(await ctx.locker(), ctx.signer(), {
        ...(input.name === undefined ? {} : { name: input.name }),
        // An empty site removes it.
        ...(input.site === undefined ? {} : { site: input.site === '' ? null : input.site }),
        ...(input.categories === undefined ? {} : { categories: input.categories }),
        ...(input.accepts === undefined ? {} : { policy: parsePolicy(input.accepts) }),
      });
      ctx.emit('log.appended', {});
      return profileView(ctx.signer().did, profile);
    },

    async 'agreements.propose'(input) {
      const network = online();
      const locker = await ctx.locker();
      const customer = ctx.signer();
      const vendor = await vendorContact(locker, input.vendor);
      const terms = parseTerms(input.terms ?? '', input.clauses ?? []);
      const { id, credential } = proposeAgreement(customer, { vendor: vendor.did, purpose: input.purpose, terms });
      const outcome = await proffer(network.node, customer, vendor, credential, terms).catch((error: unknown) => {
        throw explained(error, vendor);
      });
      if (!outcome.accepted) {
        await locker.commit(customer, { items: [], audit: [{ kind: 'agreement.refused', details: { agreement: id, vendor: vendor.did, refused: outcome.refused.map((r) => r.id) } }] });
        ctx.emit('log.appended', {});
        return { accepted: false as const, vendor: vendor.petname, refused: outcome.refused };
      }
      const kept = agreementFrom(outcome.facts, 'customer', { did: customer.did, peerId: network.node.peerId }, { did: vendor.did, peerId: vendor.peerId }, outcome.agreement);
      await keepAgreement(locker, customer, kept, 'agreement.made');
      ctx.emit('agreements.changed', {});
      ctx.emit('log.appended', {});
      return { accepted: true as const, agreement: await agreementView(locker, kept) };
    },

    async 'agreements.list'() {
      const locker = await ctx.locker();
      const contacts = await listContacts(locker);
      return Promise.all((await listAgreements(locker)).map((a) => agreementView(locker, a, contacts)));
    },

    async 'agreements.end'({ id }) {
      const locker = await ctx.locker();
      const owner = ctx.signer();
      const agreement = await getAgreement(locker, id);
      if (agreement.role !== 'customer') throw new KithError('InvalidInput', 'Only the customer ends an agreement; a vendor keeps it until then.');
      // End it first, so that no new grant can be made under it, then revoke each grant
      // under it as `kith revoke` would; running this again finishes an interrupted end.
      if (agreement.status === 'active') await endAgreement(locker, owner, id, { vendorTold: false });
      const revoked: string[] = [];
      for (const grant of await listGrants(locker)) {
        if (grant.agreement !== id || !isLive(grant)) continue;
        await revokeGrant(locker, owner, grant.id, (g) => revocationChanges(locker, owner, g));
        revoked.push(grant.id);
      }
      const network = current();
      if (network !== undefined) await tellPendingEnds(ctx, network.node, agreement.vendor.peerId);
      ctx.emit('agreements.changed', {});
      ctx.emit('grants.changed', {});
      ctx.emit('log.appended', {});
      return { ...(await agreementView(locker, await getAgreement(locker, id))), revoked };
    },
  };
}
