// Sharing under the owner's terms: grants (and their revocation), what others shared with
// us, and the receipts that show who holds what and who complied.
import { z } from 'zod';
import { method, none } from '../method.ts';

const recordId = z.string().regex(/^[a-z0-9]{8,64}$/, 'must be a record id');

const holderView = z.strictObject({
  peerId: z.string(),
  petname: z.string(),
  /** Every release under this grant has reached them. */
  upToDate: z.boolean(),
  /** They countersigned the consent receipt. */
  receipt: z.boolean(),
  /** After revocation: they returned a signed deletion receipt. */
  deleted: z.boolean(),
});

const grantView = z.strictObject({
  id: z.string(),
  to: z.strictObject({ kind: z.enum(['contact', 'circle']), name: z.string() }),
  records: z.array(z.strictObject({ id: z.string(), fields: z.array(z.string()).optional() })),
  purpose: z.string(),
  terms: z.array(z.string()),
  created: z.string(),
  expires: z.string().optional(),
  revoked: z.string().optional(),
  live: z.boolean(),
  holders: z.array(holderView),
});

/**
 * The file of a shared document, where the shared fields name one: here (it can be saved),
 * fetching, waiting to retry (with the last failure's code), on-request (too large to fetch
 * unasked: `shared.fetch`), offline (the node is not running) or unavailable (the grant
 * has expired, so its owner no longer sends it).
 */
const sharedFileView = z.strictObject({
  state: z.enum(['here', 'fetching', 'waiting', 'on-request', 'offline', 'unavailable']),
  size: z.number().int().nonnegative(),
  /** Bytes received so far, while fetching. */
  received: z.number().int().nonnegative().optional(),
  /** Why the last attempt failed (a stable error code), while waiting to retry. */
  error: z.string().optional(),
  retryAt: z.string().optional(),
});

const sharedView = z.strictObject({
  from: z.strictObject({ peerId: z.string(), did: z.string(), petname: z.string() }),
  grant: z.strictObject({ id: z.string(), purpose: z.string(), terms: z.array(z.string()), expires: z.string().optional() }),
  record: z.strictObject({ id: z.string(), type: z.string(), version: z.number().int(), deleted: z.boolean(), data: z.unknown() }),
  received: z.string(),
  revoked: z.string().optional(),
  /** Only for a document whose file the grant releases. */
  file: sharedFileView.optional(),
});

const receiptView = z.strictObject({
  kind: z.enum(['consent', 'deletion']),
  grant: z.string(),
  holder: z.string(),
  /** On a holder's side: the DID of the owner whose grant it is. */
  owner: z.string().optional(),
  time: z.string(),
  credential: z.record(z.string(), z.unknown()),
});

export const sharingMethods = {
  'grants.create': method({
    kind: 'command',
    summary: 'Let a contact or circle hold chosen records, for a purpose, under your terms',
    input: z.strictObject({
      to: z.string().trim().min(1, 'must name a contact or circle').max(200),
      records: z.array(recordId).min(1, 'must name at least one record').max(200),
      /** Only these fields of each record. */
      fields: z.array(z.string().max(64)).min(1).max(32).optional(),
      purpose: z.string().trim().min(1, 'must say what it is for').max(500),
      /** Presets, comma-separated: delivery-only, no-tracking, no-onward-sharing, delete-on-revocation, delete-after-30d, breach-notice-48h. */
      terms: z.string().max(500).optional(),
      /** Custom clauses in your own words. */
      clauses: z.array(z.string().max(500)).max(10).optional(),
      /** ISO date-time, or a duration such as 30d or 12h. */
      expires: z.string().max(40).optional(),
    }),
    output: grantView,
    signs: true,
  }),
  'grants.list': method({ kind: 'query', summary: 'Your grants, their holders and compliance', input: none, output: z.array(grantView) }),
  'grants.revoke': method({
    kind: 'command',
    summary: 'End a grant: holders are told, stop getting updates, and delete the data',
    input: z.strictObject({ grant: z.string().max(40) }),
    output: grantView,
    signs: true,
  }),
  'shared.list': method({ kind: 'query', summary: 'What contacts have shared with you', input: none, output: z.array(sharedView) }),
  'shared.fetch': method({
    kind: 'command',
    summary: 'Fetch the file of a document shared with you now (any size); returns at once',
    input: z.strictObject({ id: recordId }),
    output: sharedFileView,
  }),
  'shared.get': method({
    kind: 'command',
    summary: 'Write the file of a document shared with you to a path (fetching it first if needed)',
    input: z.strictObject({ id: recordId, outPath: z.string().min(1, 'must name a file').max(4096), overwrite: z.boolean().optional() }),
    output: z.strictObject({ path: z.string(), name: z.string(), mediaType: z.string(), size: z.number().int(), sha256: z.string() }),
  }),
  'receipts.list': method({ kind: 'query', summary: 'Consent and deletion receipts', input: none, output: z.array(receiptView) }),
} as const;

export type GrantView = z.output<typeof grantView>;
export type SharedView = z.output<typeof sharedView>;
export type SharedFileView = z.output<typeof sharedFileView>;
