// Opening the locker's LevelDB database: mapping LevelDB's errors to Kith's (a held LOCK
// is another Kith process), and binding the locker to its owner on first open.
import { mkdir } from 'node:fs/promises';
import { Level } from 'level';
import { KithError } from '../base/errors.ts';
import { fromHex, toHex, equalBytes } from '../base/bytes.ts';
import { type LockerDb, CORRUPT_HINT, decodeStored, ownerSchema } from './db.ts';
import { FORMAT_VERSION, META_FORMAT, META_OWNER } from './keys.ts';

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

export async function openDb(path: string): Promise<LockerDb> {
  const db = new Level<string, string>(path, { valueEncoding: 'utf8' });
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

/** Checks (or, for a new locker, records) the owner; NotTrusted if it is someone else's. */
export async function checkOwner(db: LockerDb, owner: LockerOwner, storedText: string | undefined, formatText: string | undefined): Promise<void> {
  if (formatText !== undefined && formatText !== String(FORMAT_VERSION)) {
    throw new KithError('Unsupported', 'The locker was written by a newer version of Kith.', { hint: 'Update Kith to open it.' });
  }
  if (storedText === undefined) {
    // A locker with data but no owner was tampered with: claiming it would hand it to anyone.
    const any = await db.keys({ limit: 1 }).all();
    if (any.length > 0) throw new KithError('Corrupt', 'The locker has data but no recorded owner.', { hint: CORRUPT_HINT });
    const value = JSON.stringify({ did: owner.did, publicKey: toHex(owner.publicKey) });
    await db.batch(
      [
        { type: 'put', key: META_OWNER, value },
        { type: 'put', key: META_FORMAT, value: String(FORMAT_VERSION) },
      ],
      { sync: true },
    );
    return;
  }
  const stored = decodeStored(ownerSchema, storedText, 'locker owner');
  if (stored.did !== owner.did || !equalBytes(fromHex(stored.publicKey), owner.publicKey)) {
    throw new KithError('NotTrusted', 'This locker belongs to a different identity.', {
      hint: 'Open it with the identity that created it, or choose another locker folder.',
    });
  }
}
