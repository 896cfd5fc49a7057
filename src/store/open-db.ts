// Opening the locker's LevelDB database: mapping LevelDB's errors to Kith's (a held LOCK
// is another Kith process), binding the locker to its owner on first open, and finding its
// locker key (made on first open, unwrapped after; a plain locker of layout 1 is sealed
// first, see migrate-to-sealed.ts).
import { mkdir } from 'node:fs/promises';
import { Level } from 'level';
import { KithError } from '../base/errors.ts';
import { fromHex, toHex, equalBytes } from '../base/bytes.ts';
import { CORRUPT_HINT, decodeStored, ownerSchema } from './db.ts';
import { FORMAT_VERSION, META_FORMAT, META_OWNER, PLAIN_FORMAT_VERSION } from './keys.ts';
import { META_LOCKER_KEY, newLockerKey, unwrapLockerKey } from './locker-key.ts';
import { migrateToSealed } from './migrate-to-sealed.ts';
import type { RawDb } from './sealed-db.ts';

export interface LockerOwner {
  readonly did: string;
  readonly publicKey: Uint8Array;
}

const LOCKED_HINT = 'Close the other Kith window or stop the running `kith` daemon, then try again.';

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}

export async function openDb(path: string): Promise<RawDb> {
  const db = new Level<string, Uint8Array>(path, { valueEncoding: 'view' });
  try {
    try {
      await db.open();
    } catch (error) {
      // LevelDB creates only the last folder of the path; make the rest and try once more
      // (not up front: every syscall counts on the open path).
      if (errorCodes(error).includes('LEVEL_LOCKED')) throw error;
      await mkdir(path, { recursive: true });
      await db.open();
    }
    return db;
  } catch (error) {
    const codes = errorCodes(error);
    if (codes.includes('LEVEL_LOCKED')) throw new KithError('Locked', 'The locker is in use by another Kith process.', { hint: LOCKED_HINT, cause: error });
    if (codes.includes('LEVEL_CORRUPTION')) throw new KithError('Corrupt', 'The locker database is damaged.', { hint: CORRUPT_HINT, cause: error });
    throw new KithError('Internal', 'The locker could not be opened.', { hint: 'Check that its folder exists and is writable.', cause: error });
  }
}

/** `level` types the browser-and-Node API; in Node it is classic-level, which can compact. */
interface Compactable {
  compactRange(start: string, end: string): Promise<void>;
}
function compactable(db: object): db is Compactable {
  return typeof (db as Partial<Compactable>).compactRange === 'function';
}

const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8'));
const bytesOf = (value: string) => Buffer.from(value, 'utf8');

/**
 * Checks (or, for a new locker, records) the owner and returns the locker key; NotTrusted if
 * the locker is someone else's. A plain locker (layout 1) is sealed here before it is used.
 */
export async function unlockDb(db: RawDb, owner: LockerOwner, wrappingKey: Uint8Array): Promise<Uint8Array> {
  const [ownerBytes, formatBytes, keyBytes]: (Uint8Array | undefined)[] = await db.getMany([META_OWNER, META_FORMAT, META_LOCKER_KEY]);
  const storedOwner = text(ownerBytes);
  const format = text(formatBytes);
  if (format !== undefined && format !== String(FORMAT_VERSION) && format !== String(PLAIN_FORMAT_VERSION)) {
    throw new KithError('Unsupported', 'The locker was written by a newer version of Kith.', { hint: 'Update Kith to open it.' });
  }
  if (storedOwner === undefined) {
    // A locker with data but no owner was tampered with: claiming it would hand it to anyone.
    if ((await db.keys({ limit: 1 }).all()).length > 0) throw new KithError('Corrupt', 'The locker has data but no recorded owner.', { hint: CORRUPT_HINT });
    const { key, stored } = newLockerKey(wrappingKey, owner.did);
    const value = JSON.stringify({ did: owner.did, publicKey: toHex(owner.publicKey) });
    await db.batch(
      [
        { type: 'put', key: META_OWNER, value: bytesOf(value) },
        { type: 'put', key: META_FORMAT, value: bytesOf(String(FORMAT_VERSION)) },
        { type: 'put', key: META_LOCKER_KEY, value: bytesOf(stored) },
      ],
      { sync: true },
    );
    return key;
  }
  const stored = decodeStored(ownerSchema, storedOwner, 'locker owner');
  if (stored.did !== owner.did || !equalBytes(fromHex(stored.publicKey), owner.publicKey)) {
    throw new KithError('NotTrusted', 'This locker belongs to a different identity.', {
      hint: 'Open it with the identity that created it, or choose another locker folder.',
    });
  }
  const storedKey = text(keyBytes);
  if (format === String(FORMAT_VERSION)) {
    if (storedKey === undefined) throw new KithError('Corrupt', 'The locker’s key is missing.', { hint: CORRUPT_HINT });
    return unwrapLockerKey(wrappingKey, owner.did, storedKey);
  }
  // Layout 1, from before encryption at rest. The key is written (synced) before any value
  // is sealed with it, so a migration cut short finds the same key when it resumes.
  let key: Uint8Array;
  if (storedKey === undefined) {
    const made = newLockerKey(wrappingKey, owner.did);
    await db.put(META_LOCKER_KEY, bytesOf(made.stored), { sync: true });
    key = made.key;
  } else {
    key = unwrapLockerKey(wrappingKey, owner.did, storedKey);
  }
  await migrateToSealed(db, key);
  await db.put(META_FORMAT, bytesOf(String(FORMAT_VERSION)), { sync: true });
  // The plain values are superseded but still in older table and log files until LevelDB
  // compacts them away: compact everything now, so none of them stays readable on disk.
  if (compactable(db)) await db.compactRange('', '\uffff');
  return key;
}
