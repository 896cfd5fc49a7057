// Agreements with vendors (product.md item 6): the customer proffers first-party terms as
// a credential they sign (IEEE 7012 "MyTerms": the individual is the first party); the
// vendor node countersigns it — a second proof in the same proof set (VC Data Integrity
// §4.3) — or refuses. Both sides keep the countersigned credential in the `agreements`
// collection with its status; ending it is recorded on both sides too.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { KithError } from '../base/errors.ts';
import { parseWith } from '../base/schema.ts';
import { issueCredential, verifyCredential } from '../credentials/credential.ts';
import { addProof, verifyDocument } from '../credentials/data-integrity.ts';
import { canonicalize } from '../credentials/jcs.ts';
import type { JsonObject } from '../credentials/types.ts';
import type { Signer } from '../identity/signer.ts';
import type { ItemChange, Locker } from '../store/locker.ts';
import { termsSchema, type Clause } from './terms.ts';

export const AGREEMENTS = 'agreements';
export const AGREEMENT_TYPE = 'KithAgreement';
const ID_PREFIX = 'urn:kith:agreement:';
/** A customer's clock may run a little ahead of the vendor's; more than this is not "now". */
const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export const agreementIdSchema = z.string().regex(/^a[a-f0-9]{16}$/, 'must be an agreement id such as a1b2c3d4e5f60718');
const did = z.string().max(200);
const purposeSchema = z.string().trim().min(1, 'must say what it is for').max(500);

const subjectSchema = z.strictObject({ customer: did, vendor: did, purpose: purposeSchema, terms: termsSchema, created: z.iso.datetime() });
export type AgreementFacts = z.output<typeof subjectSchema> & { readonly id: string };

const credentialSchema = z.object({
  id: z.string().startsWith(ID_PREFIX),
  issuer: did,
  type: z.array(z.string().max(64)).max(4).refine((t) => t.includes(AGREEMENT_TYPE), 'is not an agreement'),
  credentialSubject: subjectSchema,
});

const party = z.strictObject({ did, peerId: z.string().max(200) });
export const storedAgreementSchema = z.strictObject({
  id: agreementIdSchema,
  /** Which side of it this node is. */
  role: z.enum(['customer', 'vendor']),
  customer: party,
  vendor: party,
  purpose: purposeSchema,
  terms: termsSchema,
  created: z.iso.datetime(),
  status: z.enum(['active', 'ended']),
  ended: z.iso.datetime().optional(),
  /** Customer side: whether the vendor has been told it ended (retried until it has). */
  vendorTold: z.boolean().optional(),
  /** Customer side: false when the customer takes no e-receipts from this vendor under it (absent: takes them). */
  receipts: z.boolean().optional(),
  credential: z.record(z.string(), z.unknown()),
});
export type Agreement = z.output<typeof storedAgreementSchema>;

/** The customer's side: a new agreement credential for `vendor`, signed by the customer only. */
export function proposeAgreement(customer: Signer, input: { vendor: string; purpose: string; terms: readonly Clause[] }, now = new Date()): { id: string; credential: JsonObject } {
  const id = `a${randomBytes(8).toString('hex')}`;
  const created = now.toISOString().replace(/\.\d{3}Z$/u, 'Z');
  const subject = parseWith(subjectSchema, { customer: customer.did, vendor: input.vendor, purpose: input.purpose, terms: input.terms, created }, 'The agreement');
  return { id, credential: issueCredential({ id: `${ID_PREFIX}${id}`, types: [AGREEMENT_TYPE], signer: customer, subject, validFrom: created }) };
}

function facts(credential: unknown): AgreementFacts {
  const parsed = parseWith(credentialSchema, credential, 'The agreement');
  const id = parseWith(agreementIdSchema, parsed.id.slice(ID_PREFIX.length), 'The agreement id');
  if (parsed.issuer !== parsed.credentialSubject.customer) throw new KithError('NotTrusted', 'The agreement is not issued by its customer.');
  return { id, ...parsed.credentialSubject };
}

function signersOf(credential: unknown): string[] {
  return verifyDocument(credential).map((proof) => proof.signer);
}

/**
 * The vendor's side: a proffer from `customer` (the authenticated peer), for us. It must be
 * signed by the customer and by nobody else yet, and name us as the vendor.
 */
export function readProffer(credential: unknown, expected: { customer: string; vendor: string }, now = new Date()): AgreementFacts {
  verifyCredential(credential);
  const proffered = facts(credential);
  if (proffered.customer !== expected.customer) throw new KithError('NotTrusted', 'The agreement is not from the peer that sent it.');
  if (proffered.vendor !== expected.vendor) throw new KithError('NotTrusted', 'The agreement names another vendor.');
  const signers = signersOf(credential);
  if (signers.length !== 1 || signers[0] !== expected.customer) throw new KithError('NotTrusted', 'A proffered agreement must carry only the customer’s signature.');
  if (new Date(proffered.created).getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) throw new KithError('InvalidInput', 'The agreement is dated in the future.');
  return proffered;
}

/** The vendor countersigns: its proof joins the customer's in one proof set. */
export function countersignAgreement(credential: JsonObject, vendor: Signer): JsonObject {
  return addProof(credential, vendor, { proofPurpose: 'assertionMethod' });
}

/**
 * The customer's side: the vendor's answer must be exactly what we proposed, now signed
 * by both of us (and nobody else).
 */
export function readCountersigned(answer: unknown, proposed: JsonObject, expected: { customer: string; vendor: string }): AgreementFacts {
  const { proof: _ours, ...asked } = proposed;
  const { proof: _theirs, ...got } = (answer ?? {}) as Record<string, unknown>;
  if (canonicalize(asked) !== canonicalize(got)) throw new KithError('NotTrusted', 'The vendor returned an agreement other than the one proposed.');
  verifyCredential(answer);
  const signers = new Set(signersOf(answer));
  if (signers.size !== 2 || !signers.has(expected.customer) || !signers.has(expected.vendor)) {
    throw new KithError('NotTrusted', 'The agreement is not signed by both you and the vendor.');
  }
  return facts(answer);
}

/** What a side keeps once both have signed. */
export function agreementFrom(facts: AgreementFacts, role: Agreement['role'], customer: Agreement['customer'], vendor: Agreement['vendor'], signed: Record<string, unknown>): Agreement {
  return { id: facts.id, role, customer, vendor, purpose: facts.purpose, terms: facts.terms, created: facts.created, status: 'active', credential: signed };
}

export function agreementChange(agreement: Agreement): ItemChange {
  return { collection: AGREEMENTS, id: agreement.id, value: parseWith(storedAgreementSchema, agreement, 'The agreement') };
}

export async function listAgreements(locker: Locker): Promise<Agreement[]> {
  return (await locker.collections.list(AGREEMENTS)).map((item) => parseWith(storedAgreementSchema, item.value, 'stored agreement'));
}

export async function findAgreement(locker: Locker, id: string): Promise<Agreement | undefined> {
  const value = await locker.collections.get(AGREEMENTS, id);
  return value === undefined ? undefined : parseWith(storedAgreementSchema, value, 'stored agreement');
}

export async function getAgreement(locker: Locker, id: string): Promise<Agreement> {
  const found = agreementIdSchema.safeParse(id).success ? await findAgreement(locker, id) : undefined;
  if (found === undefined) throw new KithError('NotFound', `There is no agreement ${id.slice(0, 40)}.`, { hint: 'See them with `kith agreements`.' });
  return found;
}

/** The customer's live agreements with the vendor at `peerId`, newest first. */
export async function liveAgreementsWith(locker: Locker, peerId: string): Promise<Agreement[]> {
  return (await listAgreements(locker)).filter((a) => a.role === 'customer' && a.status === 'active' && a.vendor.peerId === peerId).sort((a, b) => b.created.localeCompare(a.created));
}

/** The live agreements between this node and the peer at `peerId`, either side customer (a conversation may name one). */
export async function liveAgreementsBetween(locker: Locker, peerId: string): Promise<Agreement[]> {
  return (await listAgreements(locker)).filter((a) => a.status === 'active' && (a.vendor.peerId === peerId || a.customer.peerId === peerId));
}

/** Keeps an agreement just made (countersigned), logged as `kind`. */
export async function keepAgreement(locker: Locker, signer: Signer, agreement: Agreement, kind: 'agreement.made' | 'agreement.countersigned'): Promise<Agreement> {
  await locker.commit(signer, {
    items: [agreementChange(agreement)],
    audit: [{ kind, details: { agreement: agreement.id, customer: agreement.customer.did, vendor: agreement.vendor.did, purpose: agreement.purpose, terms: agreement.terms.map((c) => c.id) } }],
  });
  return agreement;
}

/**
 * Marks an agreement ended. On the customer's side `vendorTold` says whether the vendor
 * has heard; ending twice is refused there, but is a harmless repeat on the vendor's.
 */
export async function endAgreement(locker: Locker, signer: Signer, id: string, options: { vendorTold?: boolean } = {}): Promise<Agreement> {
  const agreement = await getAgreement(locker, id);
  if (agreement.status === 'ended') {
    if (agreement.role === 'vendor') return agreement;
    throw new KithError('InvalidInput', `Agreement ${id} already ended on ${agreement.ended ?? '?'}.`);
  }
  const ended: Agreement = { ...agreement, status: 'ended', ended: new Date().toISOString(), ...(options.vendorTold === undefined ? {} : { vendorTold: options.vendorTold }) };
  await locker.commit(signer, { items: [agreementChange(ended)], audit: [{ kind: 'agreement.ended', details: { agreement: id, role: agreement.role } }] });
  return ended;
}

/** The vendor acknowledged the end (customer side). */
export async function markVendorTold(locker: Locker, signer: Signer, id: string): Promise<void> {
  const agreement = await getAgreement(locker, id);
  if (agreement.vendorTold === true) return;
  await locker.commit(signer, { items: [agreementChange({ ...agreement, vendorTold: true })], audit: [{ kind: 'agreement.end.acknowledged', details: { agreement: id } }] });
}

/**
 * Whether the customer takes e-receipts from the vendor under this agreement. A vendor is
 * sent e-receipts' fate by the customer's live agreements with it: taken if any of them
 * says yes (a person with two agreements with one shop wants the receipts once, not never).
 */
export async function setAgreementReceipts(locker: Locker, signer: Signer, id: string, accept: boolean): Promise<Agreement> {
  const agreement = await getAgreement(locker, id);
  if (agreement.role !== 'customer') throw new KithError('InvalidInput', 'Only the customer of an agreement chooses whether to take e-receipts under it.');
  if ((agreement.receipts ?? true) === accept) return agreement;
  const next: Agreement = { ...agreement, receipts: accept };
  await locker.commit(signer, { items: [agreementChange(next)], audit: [{ kind: 'agreement.receipts', details: { agreement: id, accept } }] });
  return next;
}

/** The signers of a kept agreement (two for a countersigned one). */
export function agreementSigners(agreement: Agreement): string[] {
  try {
    return signersOf(agreement.credential);
  } catch {
    return [];
  }
}
