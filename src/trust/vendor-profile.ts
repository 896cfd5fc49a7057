// A vendor node's public face and its rules: the profile customers see (name, site,
// categories) and the policy of terms it countersigns without a person in the loop
// (product.md item 12, "automatic countersigning by policy"). Kept in the locker's
// `vendor` collection as one item, so it travels with exports and every change is logged.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { KithError } from '../base/errors.ts';
import { parseWith } from '../base/schema.ts';
import { issueCredential, verifyCredential } from '../credentials/credential.ts';
import type { JsonObject } from '../credentials/types.ts';
import type { Signer } from '../identity/signer.ts';
import type { Locker } from '../store/locker.ts';
import { clausesOutside, type Clause, type ClauseId } from './terms.ts';

export const VENDOR = 'vendor';
const PROFILE_ID = 'profile';
export const VENDOR_PROFILE_TYPE = 'KithVendorProfile';

export const CLAUSE_IDS = ['delivery-only', 'no-tracking', 'no-onward-sharing', 'delete-on-revocation', 'breach-notice', 'delete-after', 'custom'] as const satisfies readonly ClauseId[];

export const policySchema = z.strictObject({
  accepts: z.array(z.enum(CLAUSE_IDS)).max(CLAUSE_IDS.length),
  /** Refuse `delete-after` clauses shorter than this (records it must keep, e.g. for invoices). */
  minDeleteAfterDays: z.number().int().min(1).max(3650).optional(),
  /** Refuse `breach-notice` clauses that ask for notice sooner than this. */
  shortestBreachNoticeHours: z.number().int().min(1).max(24 * 30).optional(),
});
export type VendorPolicy = z.output<typeof policySchema>;

const categorySchema = z.string().trim().min(1).max(40).regex(/^[\p{L}\p{N} &/-]+$/u, 'letters, digits, spaces and & / - only');

export const profileSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100),
  site: z.url({ protocol: /^https?$/ }).max(300).optional(),
  categories: z.array(categorySchema).max(20),
  policy: policySchema,
  updated: z.iso.datetime(),
});
export type VendorProfile = z.output<typeof profileSchema>;

/**
 * What a vendor accepts until it says otherwise: the Customer Commons-style presets a
 * business can honour as a matter of course. Custom clauses are free text a machine cannot
 * judge, so countersigning them automatically is opt-in; a breach notice sooner than a day
 * and deletion sooner than a month are refused as commitments few businesses can keep.
 */
export const DEFAULT_POLICY: Readonly<VendorPolicy> = Object.freeze({
  accepts: ['delivery-only', 'no-tracking', 'no-onward-sharing', 'delete-on-revocation', 'breach-notice', 'delete-after'] as ClauseId[],
  minDeleteAfterDays: 30,
  shortestBreachNoticeHours: 24,
});

export async function getVendorProfile(locker: Locker): Promise<VendorProfile> {
  const stored = await locker.collections.get(VENDOR, PROFILE_ID);
  if (stored !== undefined) return parseWith(profileSchema, stored, 'stored vendor profile');
  return { name: 'Unnamed vendor', categories: [], policy: { ...DEFAULT_POLICY, accepts: [...DEFAULT_POLICY.accepts] }, updated: new Date(0).toISOString() };
}

/** The name a vendor chose for its profile, or undefined while it has not set one ("Unnamed vendor" is not a name). */
export function chosenName(profile: VendorProfile): string | undefined {
  return new Date(profile.updated).getTime() > 0 ? profile.name : undefined;
}

export interface ProfileChange {
  readonly name?: string;
  /** A new site, or null to remove it. */
  readonly site?: string | null;
  readonly categories?: readonly string[];
  readonly policy?: VendorPolicy;
}

export async function setVendorProfile(locker: Locker, signer: Signer, change: ProfileChange): Promise<VendorProfile> {
  const current = await getVendorProfile(locker);
  const site = change.site === null ? undefined : (change.site ?? current.site);
  const next = parseWith(
    profileSchema,
    {
      name: change.name ?? current.name,
      ...(site === undefined ? {} : { site }),
      categories: change.categories === undefined ? current.categories : [...new Set(change.categories.map((c) => c.trim().toLowerCase()))],
      policy: change.policy ?? current.policy,
      updated: new Date().toISOString(),
    },
    'The vendor profile',
  );
  await locker.commit(signer, {
    items: [{ collection: VENDOR, id: PROFILE_ID, value: next }],
    audit: [{ kind: 'vendor.profile.updated', details: { name: next.name, categories: next.categories, accepts: next.policy.accepts } }],
  });
  return next;
}

/**
 * A policy as typed: clause ids, comma-separated, where `delete-after-90d` and
 * `breach-notice-24h` accept those clauses with that bound (the same spelling as terms).
 */
export function parsePolicy(text: string): VendorPolicy {
  const accepts = new Set<ClauseId>();
  let minDeleteAfterDays: number | undefined;
  let shortestBreachNoticeHours: number | undefined;
  for (const raw of text.split(',').map((s) => s.trim()).filter((s) => s.length > 0)) {
    const days = /^delete-after-(\d{1,4})d?$/.exec(raw);
    const hours = /^breach-notice-(\d{1,3})h$/.exec(raw);
    if (days !== null) {
      accepts.add('delete-after');
      minDeleteAfterDays = Number(days[1]);
    } else if (hours !== null) {
      accepts.add('breach-notice');
      shortestBreachNoticeHours = Number(hours[1]);
    } else if ((CLAUSE_IDS as readonly string[]).includes(raw)) {
      accepts.add(raw as ClauseId);
    } else {
      throw new KithError('InvalidInput', `"${raw.slice(0, 40)}" is not a clause a policy can accept.`, {
        hint: `Use ${CLAUSE_IDS.join(', ')}; delete-after-90d or breach-notice-24h set a bound.`,
      });
    }
  }
  return parseWith(
    policySchema,
    {
      accepts: [...accepts],
      ...(minDeleteAfterDays === undefined ? {} : { minDeleteAfterDays }),
      ...(shortestBreachNoticeHours === undefined ? {} : { shortestBreachNoticeHours }),
    },
    'The policy',
  );
}

/** The offered clauses this vendor's policy does not accept (empty: it countersigns). */
export function refusedClauses(profile: VendorProfile, offered: readonly Clause[]): Clause[] {
  return clausesOutside(offered, profile.policy);
}

/** The profile as the vendor signs it for a customer who asks (who it is and what it accepts). */
export function signedProfile(vendor: Signer, profile: VendorProfile): JsonObject {
  const { updated: _updated, ...shown } = profile;
  return issueCredential({ id: `urn:uuid:${randomUUID()}`, types: [VENDOR_PROFILE_TYPE], signer: vendor, subject: { id: vendor.did, ...shown } });
}

const signedProfileSchema = z.object({
  issuer: z.string().max(200),
  type: z.array(z.string().max(64)).max(4).refine((t) => t.includes(VENDOR_PROFILE_TYPE), 'is not a vendor profile'),
  validFrom: z.iso.datetime({ offset: true }),
  credentialSubject: profileSchema.omit({ updated: true }).extend({ id: z.string().max(200) }),
});

/** A vendor's signed profile, once shown to be signed by `vendorDid` itself. */
export function readSignedProfile(credential: unknown, vendorDid: string): VendorProfile {
  verifyCredential(credential);
  const parsed = parseWith(signedProfileSchema, credential, 'The vendor profile');
  if (parsed.issuer !== vendorDid || parsed.credentialSubject.id !== vendorDid) throw new KithError('NotTrusted', 'The vendor profile is not signed by that vendor.');
  const { id: _id, ...profile } = parsed.credentialSubject;
  return { ...profile, updated: parsed.validFrom };
}
