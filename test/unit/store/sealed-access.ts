// Test access to a closed locker's database as the store sees it (values opened and sealed
// with the locker key), for tests that play someone who edits entries with the key in hand:
// the audit chain's own checks must still catch them.
import { Level } from 'level';
import { deriveLockerKeys, unwrapLockerKey, META_LOCKER_KEY } from '../../../src/store/locker-key.ts';
import { lockerDbPath, type LockerUnlock } from '../../../src/store/locker.ts';
import { lockerSealing, sealedDb } from '../../../src/store/sealed-db.ts';

export interface SealedEditor {
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string): Promise<void>;
  del(key: string): Promise<void>;
}

export async function editSealed<T>(dir: string, owner: LockerUnlock, edit: (db: SealedEditor) => Promise<T>): Promise<T> {
  const raw = new Level<string, Uint8Array>(lockerDbPath(dir), { valueEncoding: 'view' });
  await raw.open();
  try {
    const stored: Uint8Array | undefined = await raw.get(META_LOCKER_KEY);
    if (stored === undefined) throw new Error('this locker has no locker key');
    const keys = deriveLockerKeys(unwrapLockerKey(owner.lockerWrappingKey(), owner.did, Buffer.from(stored).toString('utf8')));
    const db = sealedDb(raw, lockerSealing(keys));
    return await edit({
      get: (key) => db.get(key),
      put: (key, value) => db.put(key, value, { sync: true }),
      del: (key) => db.batch([{ type: 'del', key }], { sync: true }),
    });
  } finally {
    await raw.close();
  }
}

/** Flips one byte of the stored (sealed) value under `key`, as a bad sector or a person with a hex editor would. */
export async function flipStoredByte(dir: string, key: string, at = -20): Promise<void> {
  const raw = new Level<string, Uint8Array>(lockerDbPath(dir), { valueEncoding: 'view' });
  await raw.open();
  try {
    const bytes: Uint8Array | undefined = await raw.get(key);
    if (bytes === undefined) throw new Error(`no stored value under ${key}`);
    const copy = Uint8Array.from(bytes);
    const index = at < 0 ? copy.length + at : at;
    copy[index] = (copy[index] ?? 0) ^ 0x40;
    await raw.put(key, copy, { sync: true });
  } finally {
    await raw.close();
  }
}
