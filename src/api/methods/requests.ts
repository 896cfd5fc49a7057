// Requests for data: ask a contact for records of some types, for a stated purpose and
// retention; as the owner, see what you were asked (the inbox) and approve all or part
// of it — which makes an ordinary grant — or deny it.
import { z } from 'zod';
import { RECORD_TYPES } from '../records.ts';
import { method, none } from '../method.ts';

const recordId = z.string().regex(/^[a-z0-9]{8,64}$/, 'must be a record id');
const requestId = z.string().trim().max(40);
const recordType = z.enum(RECORD_TYPES as [string, ...string[]], 'must be one of ' + RECORD_TYPES.join(', '));
const fields = z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'must be a field name')).min(1).max(32);

const requestView = z.strictObject({
  id: z.string(),
  /** The requester (inbox) or the contact asked (requests). */
  peer: z.strictObject({ peerId: z.string(), petname: z.string() }),
  types: z.array(z.string()),
  fields: z.array(z.string()).optional(),
  purpose: z.string(),
  retentionDays: z.number().int().optional(),
  status: z.enum(['pending', 'approved', 'denied']),
  created: z.string(),
  answered: z.string().optional(),
  grant: z.string().optional(),
  /** On approval: the records released. */
  records: z.array(z.string()).optional(),
  reason: z.string().optional(),
  /** Inbox, while pending: the owner's records of the types asked for (what approving releases by default). */
  available: z.array(z.strictObject({ id: z.string(), type: z.string() })).optional(),
});

export const requestsMethods = {
  'requests.ask': method({
    kind: 'command',
    summary: 'Ask a contact for data of some types, saying what for and for how long',
    input: z.strictObject({
      contact: z.string().trim().min(1, 'must name a contact').max(200),
      types: z.array(recordType).min(1, 'must name at least one record type').max(RECORD_TYPES.length),
      /** Only these fields of each record. */
      fields: fields.optional(),
      purpose: z.string().trim().min(1, 'must say what it is for').max(500),
      /** How long you will keep it, in days. */
      retentionDays: z.number().int().min(1).max(3650).optional(),
    }),
    output: requestView,
    signs: true,
  }),
  'requests.list': method({ kind: 'query', summary: 'Requests you sent, and their answers', input: none, output: z.array(requestView) }),
  'inbox.list': method({ kind: 'query', summary: 'Requests for your data from your contacts', input: none, output: z.array(requestView) }),
  'inbox.approve': method({
    kind: 'command',
    summary: 'Approve a request, all of it or only some records or fields: this makes a grant',
    input: z.strictObject({
      id: requestId,
      /** Some of your records of the types asked for; default all of them. */
      records: z.array(recordId).min(1).max(200).optional(),
      /** Only these fields (of those asked for, if the request named fields). */
      fields: fields.optional(),
      /** Your terms on top of the request's retention: presets, comma-separated, as for grants. */
      terms: z.string().max(500).optional(),
      /** Custom clauses in your own words. */
      clauses: z.array(z.string().max(500)).max(10).optional(),
    }),
    output: requestView,
    signs: true,
  }),
  'inbox.deny': method({
    kind: 'command',
    summary: 'Deny a request; the requester is told',
    input: z.strictObject({ id: requestId, reason: z.string().trim().max(500).optional() }),
    output: requestView,
    signs: true,
  }),
} as const;

export type RequestView = z.output<typeof requestView>;
