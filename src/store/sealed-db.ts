// The locker's database as the rest of the store sees it: string keys, JSON text values —
// and on disk every value sealed under the locker key (sealed-values.ts), bound to its key.
// Only the three metadata keys needed before the locker key is known stay plain
// (m:owner, m:format, m:lockerkey, written by open-db.ts), and the index's version numbers. Personal parts of keys are hidden by the key layout
// itself (keys.ts, through `hide`), so this layer never has to parse a key.
//
// A value that does not authenticate was altered on disk (or moved, or written by someone
// without the key). A direct read raises Corrupt naming what it was (record id, audit seq,
// collection); a scan yields DAMAGED in its place, so the readers above report or skip that
// one item and go on serving the rest, and the locker remembers it for `warnings`.
import { createHmac, createSecretKey } from 'node:crypto';
import type { Level } from 'level';
import { KithError } from '../base/errors.ts';
import { INDEX_PREFIX } from './keys.ts';
import { openValue, sealValue } from './sealed-values.ts';

export type RawDb = Level<string, Uint8Array>;

export interface KeyRange {
  readonly gt?: string;
  readonly gte?: string;
  readonly lt?: string;
  readonly lte?: string;
  readonly limit?: number;
  readonly reverse?: boolean;
}

export type BatchOp = { type: 'put'; key: string; value: string } | { type: 'del'; key: string };

/** What a scan yields for a value that failed its integrity check: never valid JSON. */
export const DAMAGED = '\u0000damaged';

export interface LockerDb {
  get(key: string): Promise<string | undefined>;
  getMany(keys: readonly string[]): Promise<(string | undefined)[]>;
  put(key: string, value: string, options?: { sync?: boolean }): Promise<void>;
  batch(ops: readonly BatchOp[], options?: { sync?: boolean }): Promise<void>;
  entries(range: KeyRange): AsyncGenerator<[string, string]>;
  keys(range: KeyRange): Promise<string[]>;
  /** The keyed name (HMAC) that stands for a personal part of a key: stable, not reversible. */
  hide(part: string): string;
  /** What scans found damaged since the locker opened, in words. */
  damaged(): readonly string[];
  close(): Promise<void>;
}

const NAME_CACHE_LIMIT = 10_000;
const DAMAGE_LIMIT = 100;

/** What a stored key holds, for a person reading an error (keys.ts layout). */
export function describeStoredKey(key: string): string {
  const sep = key.indexOf('\u0000');
  if (key.startsWith('v:')) return `record ${JSON.stringify(key.slice(2, sep < 0 ? undefined : sep))}`;
  if (key.startsWith('a:')) return `audit entry ${Number(key.slice(2))}`;
  if (key.startsWith('x:')) return `an item of ${key.slice(2, sep < 0 ? undefined : sep)}`;
  if (key.startsWith('m:')) return 'the locker’s audit head';
  return 'an index of the locker';
}

export function damagedError(key: string): KithError {
  return new KithError('Corrupt', `The stored data of ${describeStoredKey(key)} failed its integrity check: it was altered or damaged on disk.`, {
    hint: 'Restore the locker from a backup or an exported bundle; the rest of it is still served.',
  });
}

/** How values are sealed and key parts hidden; `lockerSealing` is the only one the app uses. */
export interface Sealing {
  seal(storedKey: string, text: string): Uint8Array;
  /** undefined when the bytes do not authenticate under `storedKey`. */
  open(storedKey: string, bytes: Uint8Array): string | undefined;
  hide(part: string): string;
}

/** AES-256-GCM values (sealed-values.ts) and HMAC-SHA256 names (128 bits, base64url: no ':' or control characters). */
export function lockerSealing(keys: { values: Uint8Array; names: Uint8Array }): Sealing {
  const names = new Map<string, string>();
  const valueKey = createSecretKey(keys.values);
  return {
    seal: (storedKey, text) => sealValue(valueKey, storedKey, text),
    open: (storedKey, bytes) => openValue(valueKey, storedKey, bytes),
    hide(part) {
      let name = names.get(part);
      if (name === undefined) {
        name = createHmac('sha256', keys.names).update(part, 'utf8').digest().subarray(0, 16).toString('base64url');
        if (names.size >= NAME_CACHE_LIMIT) names.clear();
        names.set(part, name);
      }
      return name;
    },
  };
}

export function sealedDb(raw: RawDb, sealing: Sealing): LockerDb {
  const damage = new Set<string>(); // a damaged value read twice is one problem
  // Index values are plain version numbers (keys.ts says why); everything else is sealed.
  const plain = (key: string) => key.startsWith(INDEX_PREFIX);
  const open = (key: string, bytes: Uint8Array): string | undefined => {
    if (!plain(key)) return sealing.open(key, bytes);
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return /^[1-9][0-9]{0,9}$/.test(text) ? text : undefined;
  };
  const note = (key: string) => {
    if (damage.size < DAMAGE_LIMIT) damage.add(describeStoredKey(key));
  };
  const seal = (key: string, value: string) => (plain(key) ? Buffer.from(value, 'utf8') : sealing.seal(key, value));
  const opened = (key: string, bytes: Uint8Array | undefined): string | undefined => {
    if (bytes === undefined) return undefined;
    const text = open(key, bytes);
    if (text === undefined) {
      note(key);
      throw damagedError(key);
    }
    return text;
  };
  const scanned = (key: string, bytes: Uint8Array): string => {
    const text = open(key, bytes);
    if (text !== undefined) return text;
    note(key);
    return DAMAGED;
  };

  return {
    async get(key) {
      // level's typings claim `get` always returns a value; it returns undefined for a missing key.
      const bytes: Uint8Array | undefined = await raw.get(key);
      return opened(key, bytes);
    },
    async getMany(keyList) {
      const values: (Uint8Array | undefined)[] = await raw.getMany([...keyList]);
      return values.map((bytes, i) => opened(keyList[i] ?? '', bytes));
    },
    async put(key, value, options) {
      await raw.put(key, seal(key, value), { sync: options?.sync === true });
    },
    async batch(ops, options) {
      await raw.batch(
        ops.map((op) => (op.type === 'del' ? op : { type: 'put' as const, key: op.key, value: seal(op.key, op.value) })),
        { sync: options?.sync === true },
      );
    },
    async *entries(range) {
      for await (const [key, bytes] of raw.iterator({ ...range })) yield [key, scanned(key, bytes)];
    },
    async keys(range) {
      return raw.keys({ ...range }).all();
    },
    hide: (part) => sealing.hide(part),
    damaged: () => [...damage],
    close: () => raw.close(),
  };
}
