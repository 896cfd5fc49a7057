// Sealing a locker written before encryption at rest (layout 1: plain values, types and item
// ids inside keys, head pointers under h:, the index under t:) into layout 2 (keys.ts: no
// head pointers, the index under i:). Crash-safe by construction:
// - the locker key is stored (synced) before this runs, so a resumed run seals with the same key;
// - each batch puts the sealed value under its layout-2 key and deletes the layout-1 key in
//   ONE LevelDB batch, so every entry exists exactly once, in one form or the other;
// - a sealed value starts with 0x01 and a layout-1 value never does (it is UTF-8 JSON or a
//   number), and h:/t: keys exist only in layout 1 (i: values are plain), so a run after a
//   kill -9 skips what is done and moves the rest;
// - m:format becomes 2 only after the last batch (the caller writes it, synced).
// The iterator reads a snapshot, so what this run writes is never read back by it.
import { KithError } from '../base/errors.ts';
import { CORRUPT_HINT } from './db.ts';
import { INDEX_PREFIX, META_FORMAT, META_OWNER, SEP, countKey, hiddenItemId, typeIndexKey } from './keys.ts';
import { META_LOCKER_KEY, deriveLockerKeys } from './locker-key.ts';
import { type RawDb, lockerSealing } from './sealed-db.ts';
import { isSealed } from './sealed-values.ts';

const PLAIN_META = new Set([META_OWNER, META_FORMAT, META_LOCKER_KEY]);
const BATCH = 500;

interface Moved {
  readonly key: string;
  readonly text: string;
}

/** Where a layout-1 entry goes in layout 2, and in what form (undefined: it has no place there). */
function layoutTwo(hide: (part: string) => string, key: string, text: string): Moved | undefined {
  if (key.startsWith('h:')) return undefined; // the head is now the last version
  const sep = key.indexOf(SEP);
  if (key.startsWith('c:')) {
    const count = Number(text);
    if (!Number.isSafeInteger(count) || count < 0) throw unreadable(key);
    return { key: countKey(hide, key.slice(2)), text: JSON.stringify({ type: key.slice(2), count }) };
  }
  if (key.startsWith('t:') && sep > 2) return { key: typeIndexKey(hide, key.slice(2, sep), key.slice(sep + 1)), text };
  if (key.startsWith('x:') && sep > 2) {
    const id = key.slice(sep + 1);
    return { key: `${key.slice(0, sep + 1)}${hiddenItemId(hide, id)}`, text: `{"id":${JSON.stringify(id)},"value":${text}}` };
  }
  return { key, text };
}

function unreadable(key: string): KithError {
  return new KithError('Corrupt', `The locker could not be encrypted: its entry ${JSON.stringify(key.slice(0, 80))} is unreadable.`, { hint: CORRUPT_HINT });
}

/** Seals every plain entry of `db` under `lockerKey`; returns how many it sealed. */
export async function migrateToSealed(db: RawDb, lockerKey: Uint8Array, options: { batchSize?: number; afterBatch?: () => Promise<void> } = {}): Promise<number> {
  const sealing = lockerSealing(deriveLockerKeys(lockerKey));
  const hide = (part: string) => sealing.hide(part);
  const batchSize = options.batchSize ?? BATCH;
  type Op = { type: 'put'; key: string; value: Uint8Array } | { type: 'del'; key: string };
  let ops: Op[] = [];
  let sealed = 0;
  const flush = async (sync: boolean) => {
    if (ops.length > 0 || sync) await db.batch(ops, { sync });
    ops = [];
    await options.afterBatch?.();
  };
  for await (const [key, bytes] of db.iterator()) {
    if (PLAIN_META.has(key) || key.startsWith(INDEX_PREFIX) || isSealed(bytes)) continue;
    const text = Buffer.from(bytes).toString('utf8');
    if (text.length > 0 && text.charCodeAt(0) < 0x20) throw unreadable(key); // neither layout's
    const moved = layoutTwo(hide, key, text);
    if (moved !== undefined) {
      const value = moved.key.startsWith(INDEX_PREFIX) ? Buffer.from(moved.text, 'utf8') : sealing.seal(moved.key, moved.text);
      ops.push({ type: 'put', key: moved.key, value });
    }
    if (moved?.key !== key) ops.push({ type: 'del', key });
    sealed++;
    if (sealed % batchSize === 0) await flush(false);
  }
  await flush(true);
  return sealed;
}
