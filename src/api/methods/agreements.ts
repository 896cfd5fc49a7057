// Agreements with vendors: the customer proffers terms, the vendor node countersigns them
// by its policy (or refuses, naming the clause); both keep the agreement. And a vendor
// node's own profile and policy.
import { z } from 'zod';
import { method, none } from '../method.ts';

const name = z.string().trim().min(1, 'must name a contact').max(200);
const agreementId = z.string().max(40);

const policyView = z.strictObject({
  accepts: z.array(z.string()),
  minDeleteAfterDays: z.number().int().optional(),
  shortestBreachNoticeHours: z.number().int().optional(),
});

const profileView = z.strictObject({
  did: z.string(),
  name: z.string(),
  site: z.string().optional(),
  categories: z.array(z.string()),
  policy: policyView,
  /** When it was last changed; for another vendor's profile, when it was signed. */
  updated: z.string(),
});

const agreementView = z.strictObject({
  id: z.string(),
  role: z.enum(['customer', 'vendor']),
  /** The other side: the vendor for a customer, the customer for a vendor. */
  with: z.strictObject({ peerId: z.string(), did: z.string(), petname: z.string() }),
  purpose: z.string(),
  terms: z.array(z.string()),
  created: z.string(),
  status: z.enum(['active', 'ended']),
  ended: z.string().optional(),
  /** Customer side, after the end: whether the vendor has heard (it is retried until then). */
  vendorTold: z.boolean().optional(),
  /** Customer side: whether e-receipts from the vendor are taken under it (agreements.receipts). */
  receipts: z.boolean().optional(),
  /** Who signed it (customer and vendor, for an agreement in force). */
  signers: z.array(z.string()),
  /** Grants made under it (customer side). */
  grants: z.array(z.string()),
  credential: z.record(z.string(), z.unknown()),
});

const refusal = z.strictObject({ id: z.string(), text: z.string() });

export const agreementsMethods = {
  'vendor.profile.get': method({
    kind: 'query',
    summary: "This vendor node's profile and policy, or (with `vendor`) a vendor contact's signed profile",
    input: z.strictObject({ vendor: name.optional() }),
    output: profileView,
  }),
  'vendor.profile.set': method({
    kind: 'command',
    summary: "Change this vendor node's profile, and the terms it countersigns by itself",
    input: z.strictObject({
      name: z.string().trim().min(1).max(100).optional(),
      /** Empty removes the site. */
      site: z.string().trim().max(300).optional(),
      categories: z.array(z.string().max(40)).max(20).optional(),
      /** Clause ids, comma-separated; delete-after-90d and breach-notice-24h set bounds. */
      accepts: z.string().max(500).optional(),
    }),
    output: profileView,
    signs: true,
  }),
  'agreements.propose': method({
    kind: 'command',
    summary: 'Proffer your terms to a vendor; its node countersigns them or names the clauses it refuses',
    input: z.strictObject({
      vendor: name,
      purpose: z.string().trim().min(1, 'must say what it is for').max(500),
      /** Presets, comma-separated, as for grants. */
      terms: z.string().max(500).optional(),
      clauses: z.array(z.string().max(500)).max(10).optional(),
    }),
    output: z.union([
      z.strictObject({ accepted: z.literal(true), agreement: agreementView }),
      z.strictObject({ accepted: z.literal(false), vendor: z.string(), refused: z.array(refusal) }),
    ]),
    signs: true,
  }),
  'agreements.list': method({ kind: 'query', summary: 'Your agreements, as customer or as vendor', input: none, output: z.array(agreementView) }),
  'agreements.end': method({
    kind: 'command',
    summary: 'End an agreement: the grants under it are revoked and the vendor deletes the data',
    input: z.strictObject({ id: agreementId }),
    output: agreementView.extend({ revoked: z.array(z.string()) }),
    signs: true,
  }),
} as const;

export type AgreementView = z.output<typeof agreementView>;
export type VendorProfileView = z.output<typeof profileView>;
