// Named collections of JSON items beside the records — contacts, circles, grants, the
// outbox… — for the layers above (trust, net) that need durable state written in the
// same atomic batch as their audit entries. The store keeps them opaque: callers parse
// what they read back (it came from disk: untrusted).
//
//   x:<collection>␀<hidden id>   {"id","value"}   (keys.ts: the id's parts are hidden in the key)
//
// Prefixes select whole ':'-separated parts of ids ("<peer>:" lists one peer's items).
import { z } from 'zod';
import { KithError } from '../base/errors.ts';
import { type LockerDb, decodeStored } from './db.ts';
import { DAMAGED } from './sealed-db.ts';
import { isKeySafe, itemKey, itemPrefix } from './keys.ts';
import type { BatchOp } from './records.ts';

export const MAX_ITEM_ID_LENGTH = 256;
export const MAX_ITEM_BYTES = 1024 * 1024;
const COLLECTION_NAME = /^[a-z][a-z0-9-]{0,31}$/;

export interface ItemChange {
  readonly collection: string;
  readonly id: string;
  /** The new value, or null to delete the item. */
  readonly value: unknown;
}

export interface Item {
  readonly id: string;
  readonly value: unknown;
}

const storedItemSchema = z.strictObject({ id: z.string(), value: z.json() });

function decodeItem(collection: string, text: string): { id: string; value: unknown } {
  return decodeStored(storedItemSchema, text, `${collection} item`);
}

function checkName(collection: string, id?: string): void {
  if (!COLLECTION_NAME.test(collection)) throw new KithError('InvalidInput', `"${collection.slice(0, 40)}" is not a collection name.`);
  if (id !== undefined && !isKeySafe(id, MAX_ITEM_ID_LENGTH)) throw new KithError('InvalidInput', 'An item id must be 1 to 256 characters with no control characters.');
}

export function planItems(db: LockerDb, changes: readonly ItemChange[]): BatchOp[] {
  return changes.map(({ collection, id, value }) => {
    checkName(collection, id);
    const key = itemKey(db.hide, collection, id);
    if (value === null) return { type: 'del', key };
    const text = JSON.stringify(value);
    if (text === undefined || text.length > MAX_ITEM_BYTES) throw new KithError('InvalidInput', `An item of ${collection} is missing or larger than 1 MiB.`);
    return { type: 'put', key, value: `{"id":${JSON.stringify(id)},"value":${text}}` };
  });
}

export async function readItem(db: LockerDb, collection: string, id: string): Promise<unknown> {
  return (await readItemsById(db, collection, [id]))[0];
}

/** The items with these ids, in the same order (undefined where there is none): one read for them all. */
export async function readItemsById(db: LockerDb, collection: string, ids: readonly string[]): Promise<unknown[]> {
  for (const id of ids) checkName(collection, id);
  const texts = await db.getMany(ids.map((id) => itemKey(db.hide, collection, id)));
  return texts.map((text) => (text === undefined ? undefined : decodeItem(collection, text).value));
}

/**
 * Every item of a collection in id order; `prefix` (whole ':'-separated parts, e.g. "<peer>:")
 * narrows to ids that start with it. An item that fails its integrity check is left out (the
 * locker lists it in `damaged`), so one bad item never hides the others.
 */
export async function readItems(db: LockerDb, collection: string, prefix = ''): Promise<Item[]> {
  checkName(collection);
  const start = itemPrefix(db.hide, collection, prefix);
  const items: Item[] = [];
  for await (const [, text] of db.entries({ gte: start, lt: `${start}\uffff` })) {
    if (text === DAMAGED) continue;
    const item = decodeItem(collection, text);
    if (!item.id.startsWith(prefix)) continue; // only a clash of hidden names could bring one here
    items.push({ id: item.id, value: item.value });
  }
  // Stored order is the order of the hidden names; callers rely on id order (outbox sequence numbers).
  return items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
