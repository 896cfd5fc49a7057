// Grants: the owner's decision that a contact, or everyone in a circle, may hold chosen
// records (or chosen fields of them) for a stated purpose, under terms, until an optional
// expiry or until revoked. Nothing leaves the node without one (net/ delivers only what a
// live grant covers). Kept in the `grants` collection.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { recordSchemas, type RecordType } from '../api/records.ts';
import { KithError } from '../base/errors.ts';
import { parseWith } from '../base/schema.ts';
import type { Signer } from '../identity/signer.ts';
import type { ItemChange, Locker } from '../store/locker.ts';
import { termsSchema } from './terms.ts';

export const GRANTS = 'grants';
export const MAX_GRANT_RECORDS = 200;

const recipientSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('contact'), peerId: z.string().max(200) }),
  z.strictObject({ kind: z.literal('circle'), circleId: z.string().max(40) }),
]);
export type Recipient = z.output<typeof recipientSchema>;

const grantedRecordSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]{8,64}$/),
  /** Only these top-level fields; absent = the whole record. */
  fields: z.array(z.string().max(64)).min(1).max(32).optional(),
});
export type GrantedRecord = z.output<typeof grantedRecordSchema>;

export const grantSchema = z.strictObject({
  id: z.string().regex(/^g[a-f0-9]{16}$/),
  to: recipientSchema,
  records: z.array(grantedRecordSchema).min(1).max(MAX_GRANT_RECORDS),
  purpose: z.string().trim().min(1, 'must say what it is for').max(500),
  terms: termsSchema,
  created: z.iso.datetime(),
  expires: z.iso.datetime().optional(),
  revoked: z.iso.datetime().optional(),
  /** The vendor agreement it is made under (a grant to a vendor needs one: trust/agreement-gate.ts). */
  agreement: z.string().regex(/^a[a-f0-9]{16}$/).optional(),
});
export type Grant = z.output<typeof grantSchema>;

export function isLive(grant: Grant, now = new Date()): boolean {
  return grant.revoked === undefined && (grant.expires === undefined || new Date(grant.expires).getTime() > now.getTime());
}

export async function listGrants(locker: Locker): Promise<Grant[]> {
  return (await locker.collections.list(GRANTS)).map((item) => parseWith(grantSchema, item.value, 'stored grant'));
}

export async function getGrant(locker: Locker, id: string): Promise<Grant> {
  const value = await locker.collections.get(GRANTS, id);
  if (value === undefined) throw new KithError('NotFound', `There is no grant ${id.slice(0, 40)}.`, { hint: 'See them with `kith grants`.' });
  return parseWith(grantSchema, value, 'stored grant');
}

/** Checks that each record exists, is live, and has the fields named. */
async function checkRecords(locker: Locker, records: readonly GrantedRecord[]): Promise<void> {
  for (const { id, fields } of records) {
    const head = await locker.records.head(id);
    if (head === undefined || head.deleted) throw new KithError('NotFound', `There is no record ${id} to share.`, { hint: 'See your records with `kith data list`.' });
    if (fields === undefined) continue;
    const schema = recordSchemas[head.type as RecordType];
    const known = 'shape' in schema ? Object.keys(schema.shape) : undefined;
    const unknown = known === undefined ? [] : fields.filter((field) => !known.includes(field));
    if (unknown.length > 0) throw new KithError('InvalidInput', `A ${head.type} record has no field ${unknown.join(', ')}.`, { hint: known === undefined ? undefined : `Its fields: ${known.join(', ')}.` });
  }
}

export interface NewGrant {
  readonly to: Recipient;
  readonly records: readonly GrantedRecord[];
  readonly purpose: string;
  readonly terms: Grant['terms'];
  readonly expires?: Date;
  readonly agreement?: string;
}

/** Changes to commit together with a grant's own (e.g. the deliveries it causes). */
export type Consequences = (grant: Grant) => Promise<ItemChange[]>;

export async function createGrant(locker: Locker, signer: Signer, input: NewGrant, consequences?: Consequences): Promise<Grant> {
  if (input.expires !== undefined && input.expires.getTime() <= Date.now()) throw new KithError('InvalidInput', 'The expiry is in the past.');
  await checkRecords(locker, input.records);
  const grant = parseWith(
    grantSchema,
    {
      id: `g${randomBytes(8).toString('hex')}`,
      to: input.to,
      records: input.records,
      purpose: input.purpose,
      terms: input.terms,
      created: new Date().toISOString(),
      ...(input.expires === undefined ? {} : { expires: input.expires.toISOString() }),
      ...(input.agreement === undefined ? {} : { agreement: input.agreement }),
    },
    'The grant',
  );
  await locker.commit(signer, {
    items: [{ collection: GRANTS, id: grant.id, value: grant }, ...((await consequences?.(grant)) ?? [])],
    audit: [{ kind: 'grant.created', details: { grant: grant.id, to: grant.to, records: grant.records.map((r) => r.id), purpose: grant.purpose, ...(grant.agreement === undefined ? {} : { agreement: grant.agreement }) } }],
  });
  return grant;
}

export async function revokeGrant(locker: Locker, signer: Signer, id: string, consequences?: Consequences): Promise<Grant> {
  const grant = await getGrant(locker, id);
  if (grant.revoked !== undefined) throw new KithError('InvalidInput', `Grant ${id} was already revoked on ${grant.revoked}.`);
  const revoked = { ...grant, revoked: new Date().toISOString() };
  await locker.commit(signer, {
    items: [{ collection: GRANTS, id, value: revoked }, ...((await consequences?.(grant)) ?? [])],
    audit: [{ kind: 'grant.revoked', details: { grant: id } }],
  });
  return revoked;
}

/** The part of a record's data a grant releases: the named fields only, or all of it. */
export function releasedData(data: Record<string, unknown>, granted: GrantedRecord): Record<string, unknown> {
  if (granted.fields === undefined) return data;
  return Object.fromEntries(Object.entries(data).filter(([key]) => granted.fields?.includes(key)));
}
