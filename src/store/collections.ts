// Named collections of JSON items beside the records — contacts, circles, grants, the
// outbox… — for the layers above (trust, net) that need durable state written in the
// same atomic batch as their audit entries. The store keeps them opaque: callers parse
// what they read back (it came from disk: untrusted).
//
//   x:<collection>␀<id>   item JSON
import { KithError } from '../base/errors.ts';
import { parseJson } from '../base/schema.ts';
import { type LockerDb, getManyText } from './db.ts';
import { SEP, isKeySafe } from './keys.ts';
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

function itemKey(collection: string, id: string): string {
  return `x:${collection}${SEP}${id}`;
}

function checkName(collection: string, id?: string): void {
  if (!COLLECTION_NAME.test(collection)) throw new KithError('InvalidInput', `"${collection.slice(0, 40)}" is not a collection name.`);
  if (id !== undefined && !isKeySafe(id, MAX_ITEM_ID_LENGTH)) throw new KithError('InvalidInput', 'An item id must be 1 to 256 characters with no control characters.');
}

export function planItems(changes: readonly ItemChange[]): BatchOp[] {
  return changes.map(({ collection, id, value }) => {
    checkName(collection, id);
    if (value === null) return { type: 'del', key: itemKey(collection, id) };
    const text = JSON.stringify(value);
    if (text === undefined || text.length > MAX_ITEM_BYTES) throw new KithError('InvalidInput', `An item of ${collection} is missing or larger than 1 MiB.`);
    return { type: 'put', key: itemKey(collection, id), value: text };
  });
}

export async function readItem(db: LockerDb, collection: string, id: string): Promise<unknown> {
  checkName(collection, id);
  const text = await db.get(itemKey(collection, id));
  return text === undefined ? undefined : parseJson(text, `stored ${collection} item`);
}

/** The items with these ids, in the same order (undefined where there is none): one read for them all. */
export async function readItemsById(db: LockerDb, collection: string, ids: readonly string[]): Promise<unknown[]> {
  for (const id of ids) checkName(collection, id);
  const texts = await getManyText(db, ids.map((id) => itemKey(collection, id)));
  return texts.map((text) => (text === undefined ? undefined : parseJson(text, `stored ${collection} item`)));
}

/** Every item of a collection in id order (optionally those whose id starts with `prefix`). */
export async function readItems(db: LockerDb, collection: string, prefix = ''): Promise<Item[]> {
  checkName(collection);
  const start = itemKey(collection, prefix);
  const items: Item[] = [];
  for await (const [key, text] of db.iterator({ gte: start, lt: `${start}\uffff` })) {
    items.push({ id: key.slice(`x:${collection}${SEP}`.length), value: parseJson(text, `stored ${collection} item`) });
  }
  return items;
}
