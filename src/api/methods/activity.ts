// Activity: the audit trail said in sentences (src/api/activity/audit-sentences.ts), with
// names and records resolved, filterable by person and by record; each item carries its
// raw signed entry for whoever wants to check it.
import { z } from 'zod';
import { method } from '../method.ts';

export const auditEntryView = z.strictObject({
  seq: z.number().int().nonnegative(),
  time: z.string(),
  kind: z.string(),
  details: z.record(z.string(), z.unknown()),
  prev: z.string(),
  hash: z.string(),
  signer: z.string(),
  sig: z.string(),
});

const activityItem = z.strictObject({
  seq: z.number().int().nonnegative(),
  time: z.string(),
  kind: z.string(),
  /** What happened, in words: names, not keys. */
  sentence: z.string(),
  /** The people it concerns (PeerId and the name you know them by), and your records (id and words). */
  people: z.array(z.strictObject({ peerId: z.string(), name: z.string() })),
  records: z.array(z.strictObject({ id: z.string(), words: z.string() })),
  /** The signed entry itself. */
  entry: auditEntryView,
});

export const activityMethods = {
  'log.activity': method({
    kind: 'query',
    summary: 'The audit trail in sentences, newest first (or oldest first from `from`), by person or record',
    input: z.strictObject({
      /** Oldest first, starting at this seq (as log.list); without it, newest first. */
      from: z.number().int().nonnegative().optional(),
      /** Newest first, entries before this seq (the next page). */
      before: z.number().int().nonnegative().optional(),
      limit: z.number().int().positive().max(10_000).optional(),
      kind: z.string().max(100).optional(),
      /** Only entries about this contact (petname, DID or PeerId). */
      person: z.string().trim().min(1).max(200).optional(),
      /** Only entries about this record (its id), directly or through a grant of it. */
      record: z.string().trim().min(1).max(64).optional(),
    }),
    output: z.array(activityItem),
  }),
} as const;

export type ActivityItem = z.output<typeof activityItem>;
