// Record versions: their stored shape, the reads (head, list, history, count), and how a set
// of new versions becomes batch operations. A record's versions run 1..n; a tombstone
// (deleted: true) is a version like any other, so `rm` keeps the history. Credentials are
// stored opaquely: the app layer builds and signs them.
import { z } from 'zod';
import { KithError, isKithError } from '../base/errors.ts';
import { type LockerDb, decodeStored } from './db.ts';
import { type BatchOp, DAMAGED, damagedError } from './sealed-db.ts';
import {
  ALL_VERSIONS_RANGE,
  COUNT_RANGE,
  MAX_VERSION,
  countKey,
  historyRange,
  idFromTypeKey,
  isKeySafe,
  typeIndexKey,
  typeRange,
  versionKey,
} from './keys.ts';

export const MAX_ID_LENGTH = 256;
export const MAX_TYPE_LENGTH = 64;
/** A credential is one record version's signed VC; anything near this is a bug upstream. */
export const MAX_CREDENTIAL_BYTES = 1024 * 1024;

export interface RecordVersion {
  readonly id: string;
  readonly type: string;
  readonly version: number;
  readonly deleted: boolean;
  readonly time: string;
  readonly credential: Record<string, unknown>;
}

export interface RecordVersionInput {
  readonly id: string;
  readonly type: string;
  /** Must be the current head's version + 1, or 1 for a new id. */
  readonly version: number;
  readonly deleted?: boolean;
  /** ISO time of the version; defaults to the commit time. */
  readonly time?: string;
  readonly credential: Record<string, unknown>;
}

const isoTime = z.iso.datetime({ offset: true });

const recordVersionSchema = z.strictObject({
  id: z.string().min(1).max(MAX_ID_LENGTH),
  type: z.string().min(1).max(MAX_TYPE_LENGTH),
  version: z.number().int().min(1).max(MAX_VERSION),
  deleted: z.boolean(),
  time: isoTime,
  credential: z.record(z.string(), z.json()),
});

interface HeadPointer {
  readonly type: string;
  readonly version: number;
  readonly deleted: boolean;
}

const indexValueSchema = z.number().int().min(1).max(MAX_VERSION);
const countSchema = z.strictObject({ type: z.string().min(1).max(MAX_TYPE_LENGTH), count: z.number().int().min(0) });

function decodeVersion(text: string, id?: string): RecordVersion {
  return decodeStored(recordVersionSchema, text, id === undefined ? 'record version' : `version of record ${JSON.stringify(id)}`);
}

/** The record's last version: one reverse seek in its version range (keys.ts). */
export async function readHead(db: LockerDb, id: string): Promise<RecordVersion | undefined> {
  if (!isKeySafe(id, MAX_ID_LENGTH)) return undefined;
  for await (const [key, text] of db.entries({ ...historyRange(id), reverse: true, limit: 1 })) {
    if (text === DAMAGED) throw damagedError(key);
    const version = decodeVersion(text, id);
    if (version.id !== id || key !== versionKey(id, version.version)) throw corruptRecord(id);
    return version;
  }
  return undefined;
}

export async function readHistory(db: LockerDb, id: string): Promise<RecordVersion[]> {
  if (!isKeySafe(id, MAX_ID_LENGTH)) return [];
  const out: RecordVersion[] = [];
  for await (const [key, text] of db.entries(historyRange(id))) {
    if (text === DAMAGED) throw damagedError(key);
    out.push(decodeVersion(text, id));
  }
  return out;
}

/** Every version of every record, by id then version (what an export writes), streamed. */
export async function* readAllVersions(db: LockerDb): AsyncGenerator<RecordVersion> {
  for await (const [key, text] of db.entries(ALL_VERSIONS_RANGE)) {
    if (text === DAMAGED) throw damagedError(key); // an export must be whole or not at all
    yield decodeVersion(text);
  }
}

/** A batch of versions by key; one that fails its integrity check is left out (the locker lists it in `damaged`). */
async function readVersions(db: LockerDb, keys: string[]): Promise<RecordVersion[]> {
  // One damaged value fails the whole getMany: then read one by one, leaving out only the damaged.
  const damagedOnly = (error: unknown) => {
    if (isKithError(error) && error.code === 'Corrupt') return DAMAGED;
    throw error;
  };
  const texts = await db.getMany(keys).catch(async (error: unknown) => {
    damagedOnly(error);
    return Promise.all(keys.map((key) => db.get(key).catch(damagedOnly)));
  });
  const out: RecordVersion[] = [];
  texts.forEach((text, i) => {
    if (text === DAMAGED) return;
    if (text === undefined) throw corruptRecord(idFromTypeKey(keys[i] ?? ''));
    out.push(decodeVersion(text));
  });
  return out;
}

/**
 * Current non-deleted heads, ordered by type then id. A record whose stored data fails its
 * integrity check is left out and named in the locker's `damaged`: the rest is still served.
 */
export async function readList(db: LockerDb, type?: string): Promise<RecordVersion[]> {
  if (type !== undefined && !isKeySafe(type, MAX_TYPE_LENGTH)) return [];
  const out: RecordVersion[] = [];
  let keys: string[] = [];
  const flush = async () => {
    out.push(...(await readVersions(db, keys)));
    keys = [];
  };
  for await (const [key, text] of db.entries(typeRange(db.hide, type))) {
    if (text === DAMAGED) continue;
    const version = decodeStored(indexValueSchema, text, 'type index entry');
    keys.push(versionKey(idFromTypeKey(key), version));
    if (keys.length >= 500) await flush();
  }
  await flush();
  // Stored order is by hidden type name; the stable order callers see is type, then id.
  if (type === undefined) out.sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;
}

/** Live (non-deleted) records per type, as maintained by every commit. */
export async function readCounts(db: LockerDb): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for await (const [, text] of db.entries(COUNT_RANGE)) {
    if (text === DAMAGED) throw damagedError('c:');
    const { type, count } = decodeStored(countSchema, text, 'record count');
    counts.set(type, count);
  }
  return counts;
}

function corruptRecord(id: string): KithError {
  return new KithError('Corrupt', `The stored versions of record ${JSON.stringify(id)} are incomplete.`, {
    hint: 'Restore the locker from a backup or an exported bundle.',
  });
}

export function validateVersionInput(input: RecordVersionInput): void {
  if (typeof input.id !== 'string' || !isKeySafe(input.id, MAX_ID_LENGTH)) {
    throw new KithError('InvalidInput', `A record id must be 1 to ${MAX_ID_LENGTH} characters without control characters.`);
  }
  if (typeof input.type !== 'string' || !isKeySafe(input.type, MAX_TYPE_LENGTH)) {
    throw new KithError('InvalidInput', `A record type must be 1 to ${MAX_TYPE_LENGTH} characters without control characters.`);
  }
  if (!Number.isSafeInteger(input.version) || input.version < 1 || input.version > MAX_VERSION) {
    throw new KithError('InvalidInput', `Record ${input.id} has an invalid version number.`);
  }
  if (input.time !== undefined && !isoTime.safeParse(input.time).success) {
    throw new KithError('InvalidInput', `Record ${input.id} has a time that is not an ISO date.`);
  }
  const credential: unknown = input.credential;
  if (typeof credential !== 'object' || credential === null || Array.isArray(credential)) {
    throw new KithError('InvalidInput', `Record ${input.id} has a credential that is not a JSON object.`);
  }
}

export type { BatchOp } from './sealed-db.ts';

/**
 * Plans the writes for `inputs` (validated, in order; one id may appear several times).
 * Reads the current heads once; throws InvalidInput if a version does not follow its
 * head, or a record changes type. Returns the ops, the stored versions, and the count
 * deltas per type (applied by the caller once the batch is written).
 */
export async function planVersions(
  db: LockerDb,
  inputs: readonly RecordVersionInput[],
  now: string,
): Promise<{ ops: BatchOp[]; versions: RecordVersion[]; countDeltas: Map<string, number> }> {
  for (const input of inputs) validateVersionInput(input);
  const ids = [...new Set(inputs.map((input) => input.id))];
  const heads = new Map<string, HeadPointer>();
  const found = await Promise.all(ids.map((id) => readHead(db, id)));
  for (const head of found) if (head !== undefined) heads.set(head.id, { type: head.type, version: head.version, deleted: head.deleted });

  const ops: BatchOp[] = [];
  const versions: RecordVersion[] = [];
  const countDeltas = new Map<string, number>();
  const bump = (type: string, by: number) => countDeltas.set(type, (countDeltas.get(type) ?? 0) + by);
  for (const input of inputs) {
    const head = heads.get(input.id);
    const expected = head === undefined ? 1 : head.version + 1;
    if (input.version !== expected) {
      throw new KithError('InvalidInput', `Record ${input.id} changed since it was read: the next version is ${expected}, not ${input.version}.`, {
        hint: 'Read the record again and reapply the change.',
      });
    }
    if (head !== undefined && head.type !== input.type) {
      throw new KithError('InvalidInput', `Record ${input.id} is a ${head.type} record and cannot become a ${input.type} record.`);
    }
    const version: RecordVersion = {
      id: input.id,
      type: input.type,
      version: input.version,
      deleted: input.deleted === true,
      time: input.time ?? now,
      credential: input.credential,
    };
    const text = JSON.stringify(version);
    if (text.length > MAX_CREDENTIAL_BYTES) throw new KithError('InvalidInput', `Record ${input.id} is too large to store.`);
    ops.push({ type: 'put', key: versionKey(input.id, input.version), value: text });
    const pointer: HeadPointer = { type: input.type, version: input.version, deleted: version.deleted };
    const indexKey = typeIndexKey(db.hide, input.type, input.id);
    if (version.deleted) ops.push({ type: 'del', key: indexKey });
    else ops.push({ type: 'put', key: indexKey, value: String(input.version) });
    const wasLive = head !== undefined && !head.deleted;
    if (wasLive && version.deleted) bump(input.type, -1);
    if (!wasLive && !version.deleted) bump(input.type, 1);
    heads.set(input.id, pointer);
    versions.push(version);
  }
  return { ops, versions, countDeltas };
}

/** The count ops after applying `deltas` to `counts` (returns the new counts, unapplied). */
export function planCounts(
  db: LockerDb,
  counts: ReadonlyMap<string, number>,
  deltas: ReadonlyMap<string, number>,
): { ops: BatchOp[]; next: Map<string, number> } {
  const next = new Map(counts);
  const ops: BatchOp[] = [];
  for (const [type, delta] of deltas) {
    if (delta === 0) continue;
    const value = Math.max(0, (next.get(type) ?? 0) + delta);
    next.set(type, value);
    ops.push({ type: 'put', key: countKey(db.hide, type), value: JSON.stringify({ type, count: value }) });
  }
  return { ops, next };
}
