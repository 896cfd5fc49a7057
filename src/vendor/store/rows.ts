// Row shapes as the vendor store's queries return them, parsed at this boundary like any
// other input read back from disk. Both drivers hand timestamptz over as a Date and jsonb
// already parsed; counts are cast to int in SQL so they arrive as numbers.
import { z } from 'zod';
import { parseWith } from '../../base/schema.ts';

export const timestamp = z.union([z.date(), z.string()]).transform((value) => new Date(value).toISOString());
export const json = z.unknown();
export const jsonObject = z.record(z.string(), z.unknown());

export function rows<S extends z.ZodType>(schema: S, value: readonly unknown[], what: string): z.output<S>[] {
  return parseWith(z.array(schema), value, `vendor store, ${what}`);
}

export const sharedRow = z.object({
  peer_id: z.string(),
  customer_did: z.string(),
  grant_id: z.string(),
  purpose: z.string().nullable(),
  terms: json,
  expires_at: timestamp.nullable(),
  record_id: z.string(),
  record_type: z.string(),
  version: z.number().int(),
  deleted: z.boolean(),
  data: json,
  credential: jsonObject.nullable(),
  received_at: timestamp,
  revoked_at: timestamp.nullable(),
});

export const headRow = z.object({ grant_id: z.string(), record_id: z.string(), version: z.number().int() });
