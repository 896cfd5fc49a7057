// The vendor console: a vendor node's customers, what each has shared (every version, with
// its grant and agreement), and the export for CRM imports. Only on a vendor node.
import { z } from 'zod';
import { method, none } from '../method.ts';

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

const webhookView = z.strictObject({ id: z.string(), url: z.string(), enabled: z.boolean(), disabledReason: z.string().optional(), created: z.string() });
const deliveryView = z.strictObject({
  id: z.string(),
  endpoint: z.string(),
  type: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  nextAttempt: z.string(),
  lastStatus: z.number().int().optional(),
  lastError: z.string().optional(),
  created: z.string(),
  finished: z.string().optional(),
});

export const vendorMethods = {
  'vendor.customers': method({
    kind: 'query',
    summary: "A vendor node's customers, newest first: agreements in force, records shared now, since when (search by name or DID; a page with limit and offset)",
    input: z.strictObject({
      search: z.string().max(200).optional(),
      /** At most this many (the console asks for a page at a time); all without it. */
      limit: z.number().int().min(1).max(1000).optional(),
      /** Skip this many first (with the same search and order). */
      offset: z.number().int().min(0).max(100_000_000).optional(),
    }),
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
  'vendor.webhooks.add': method({
    kind: 'command',
    summary: 'Add a webhook endpoint for the CRM bridge; its signing secret is shown this once',
    input: z.strictObject({ url: z.string().max(2000) }),
    output: z.strictObject({ id: z.string(), secret: z.string() }),
  }),
  'vendor.webhooks.list': method({ kind: 'query', summary: 'The webhook endpoints, enabled or not (a 410 answer disables one)', input: none, output: z.array(webhookView) }),
  'vendor.webhooks.remove': method({ kind: 'command', summary: 'Remove a webhook endpoint and its queued deliveries', input: z.strictObject({ id: z.string().max(100) }), output: none }),
  'vendor.webhooks.test': method({ kind: 'command', summary: 'Queue a webhook.test event for one endpoint', input: z.strictObject({ id: z.string().max(100) }), output: none }),
  'vendor.webhooks.deliveries': method({
    kind: 'query',
    summary: 'The webhook delivery log, newest first',
    input: z.strictObject({ limit: z.number().int().min(1).max(1000).optional() }),
    output: z.array(deliveryView),
  }),
} as const;
