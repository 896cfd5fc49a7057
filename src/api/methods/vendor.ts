// The vendor console: a vendor node's customers, what each has shared (every version, with
// its grant and agreement), and the export for CRM imports. Only on a vendor node.
import { z } from 'zod';
import { method } from '../method.ts';

const did = z.string().regex(/^did:key:z[1-9A-HJ-NP-Za-km-z]+$/, 'must be a did:key');
const filePath = z.string().min(1, 'must name a file').max(4096);

const customerView = z.strictObject({
  did: z.string(),
  name: z.string().optional(),
  /** Agreements in force. */
  agreements: z.number().int().nonnegative(),
  /** Records shared now (under grants not revoked, not deleted by the customer). */
  records: z.number().int().nonnegative(),
  /** First seen (an agreement or a delivery). */
  since: z.string(),
});
export type CustomerView = z.output<typeof customerView>;

const versionView = z.strictObject({ version: z.number().int(), credentialId: z.string(), sharedAt: z.string(), receivedAt: z.string() });

const holdingsView = z.strictObject({
  customer: customerView,
  agreements: z.array(z.strictObject({ id: z.string(), purpose: z.string(), terms: z.unknown(), status: z.enum(['active', 'ended']), created: z.string(), ended: z.string().optional() })),
  grants: z.array(
    z.strictObject({ id: z.string(), agreement: z.string().optional(), purpose: z.string().optional(), terms: z.unknown(), expires: z.string().optional(), firstReceived: z.string(), revoked: z.string().optional() }),
  ),
  records: z.array(
    z.strictObject({
      grant: z.string(),
      id: z.string(),
      type: z.string(),
      version: z.number().int(),
      deleted: z.boolean(),
      /** null once revoked (the data is deleted) or deleted by the customer. */
      data: z.unknown(),
      sharedAt: z.string(),
      receivedAt: z.string(),
      revoked: z.string().optional(),
      versions: z.array(versionView),
    }),
  ),
  scheduledDeletions: z.array(z.strictObject({ grant: z.string(), due: z.string(), reason: z.string(), done: z.string().optional() })),
});
export type HoldingsView = z.output<typeof holdingsView>;

export const vendorMethods = {
  'vendor.customers': method({
    kind: 'query',
    summary: "A vendor node's customers: agreements in force, records shared now, since when (search by name or DID)",
    input: z.strictObject({ search: z.string().max(200).optional() }),
    output: z.array(customerView),
  }),
  'vendor.holdings': method({
    kind: 'query',
    summary: 'Everything a vendor node holds about one customer: agreements, grants, each record with every version, deletions owed',
    input: z.strictObject({ customer: did }),
    output: holdingsView,
  }),
  'vendor.export': method({
    kind: 'command',
    summary: 'Export what customers share under live grants, as CSV for CRM imports or JSON Lines; to a file, or returned when none is named',
    input: z.strictObject({ format: z.enum(['csv', 'jsonl'], 'must be csv or jsonl'), outPath: filePath.optional(), overwrite: z.boolean().optional() }),
    output: z.strictObject({ rows: z.number().int().nonnegative(), path: z.string().optional(), content: z.string().optional() }),
  }),
} as const;
