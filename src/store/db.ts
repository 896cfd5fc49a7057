// How values read back from the locker's database (sealed-db.ts) are parsed: what is on
// disk is untrusted (another program, a bad sector or a person may have changed it), so a
// value that does not parse is reported as Corrupt, never used as is.
import { z } from 'zod';
import { KithError } from '../base/errors.ts';
import { parseJson } from '../base/schema.ts';
import type { LockerDb } from './sealed-db.ts';

export type { LockerDb } from './sealed-db.ts';

export const CORRUPT_HINT = 'Run `kith log --verify` to see what changed, or restore the locker from a backup.';

/** A value from disk, parsed; Corrupt (naming `what`) if it is not valid JSON of the expected shape. */
export function decodeStored<S extends z.ZodType>(schema: S, text: string, what: string): z.output<S> {
  let value: unknown;
  try {
    value = parseJson(text, what);
  } catch {
    throw new KithError('Corrupt', `The stored ${what} is not valid JSON.`, { hint: CORRUPT_HINT });
  }
  const result = schema.safeParse(value);
  if (!result.success) throw new KithError('Corrupt', `The stored ${what} does not have the expected shape.`, { hint: CORRUPT_HINT });
  return result.data;
}

export async function readStored<S extends z.ZodType>(
  db: LockerDb,
  key: string,
  schema: S,
  what: string,
): Promise<z.output<S> | undefined> {
  const text = await db.get(key);
  return text === undefined ? undefined : decodeStored(schema, text, what);
}

export const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
export const seqNumber = z.number().int().min(0);

/** `{ seq, hash }`: the audit head pointer and the checkpoint share this shape. */
export const chainPointSchema = z.strictObject({ seq: seqNumber, hash: hex64 });
export type ChainPoint = z.output<typeof chainPointSchema>;

export const ownerSchema = z.strictObject({ did: z.string().min(1), publicKey: z.string().regex(/^[0-9a-f]{64}$/) });
export type StoredOwner = z.output<typeof ownerSchema>;
