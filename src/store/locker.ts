// The locker: one owner's records (with history), audit trail and documents, in a folder:
//   <dir>/db/     LevelDB (key layout: keys.ts), every value sealed (sealed-db.ts)
//   <dir>/blobs/  documents by SHA-256 (blobs.ts)
// Opening needs the owner's unlocked key (through the wrapping key derived from it, see
// locker-key.ts): nothing in the locker is readable without it. Opening is O(1) in the
// amount of data (see audit-log.ts for why only the tail of the audit trail is checked);
// LevelDB's LOCK file keeps a second process out.
import { join } from 'node:path';
import { KithError } from '../base/errors.ts';
import type { Signer } from '../identity/signer.ts';
import type { AuditEntry, AuditInput } from './audit-entry.ts';
import { type ChainReport, type EntriesQuery, type Integrity, readEntries, verifyChain, verifyTail } from './audit-log.ts';
import { type BlobStore, migrateBlobsToEncrypted, openBlobStore } from './blobs.ts';
import { type Item, readItem, readItems, readItemsById } from './collections.ts';
import { type ChainPoint, type LockerDb, chainPointSchema, decodeStored } from './db.ts';
import { type LockerKeys, deriveLockerKeys } from './locker-key.ts';
import { type LockerOwner, openDb, unlockDb } from './open-db.ts';
import { META_CHECKPOINT, META_HEAD } from './keys.ts';
import { type Sealing, lockerSealing, sealedDb } from './sealed-db.ts';
import { type RecordVersion, type RecordVersionInput, readAllVersions, readCounts, readHead, readHistory, readList } from './records.ts';
import { type Change, type CommitResult, type ImportResult, type WriterState, importEntries, writeChange } from './writes.ts';

export type { AuditEntry, AuditInput } from './audit-entry.ts';
export type { ChainProblem, ChainProblemKind, ChainReport, EntriesQuery, Integrity } from './audit-log.ts';
export type { BlobInfo, BlobStore } from './blobs.ts';
export type { ChainPoint } from './db.ts';
export type { Item, ItemChange } from './collections.ts';
export type { LockerOwner } from './open-db.ts';
export type { LockerKeys } from './locker-key.ts';
export type { Sealing } from './sealed-db.ts';
export type { RecordVersion, RecordVersionInput } from './records.ts';
export type { Change, CommitResult, ImportResult } from './writes.ts';

export interface CommitManyOptions {
  /** Recorded once per batch, with `count`, `first` and `last` ({ id, version }) added to details. */
  readonly audit: AuditInput;
  /** Record versions per LevelDB batch (default 1000). */
  readonly batchSize?: number;
}

export interface CommitManyResult {
  readonly records: number;
  readonly batches: number;
  readonly head: ChainPoint | undefined;
}

export interface LockerRecords {
  /** The current version (a tombstone if deleted), or undefined for an unknown id. */
  head(id: string): Promise<RecordVersion | undefined>;
  /** Current non-deleted heads, ordered by type then id. */
  list(type?: string): Promise<RecordVersion[]>;
  /** Every version, 1..n, tombstones included. */
  history(id: string): Promise<RecordVersion[]>;
  /** Current non-deleted records, of one type or all. */
  count(type?: string): Promise<number>;
  /** Every version of every record (tombstones too), by id then version, streamed. */
  versions(): AsyncIterable<RecordVersion>;
}

export interface LockerAudit {
  /** The last entry's seq and hash (undefined while the log is empty). */
  head(): ChainPoint | undefined;
  entries(query?: EntriesQuery): Promise<AuditEntry[]>;
  /** Walks the whole trail; an ok result also clears a failed open-time check. */
  verifyChain(): Promise<ChainReport>;
}

export interface LockerCollections {
  get(collection: string, id: string): Promise<unknown>;
  /** `get` for many ids at once (one read), in the order given. */
  getMany(collection: string, ids: readonly string[]): Promise<unknown[]>;
  /** Items in id order; `prefix` narrows to ids that start with it. */
  list(collection: string, prefix?: string): Promise<Item[]>;
}

export interface Locker {
  readonly dir: string;
  /** Durable state of the layers above, written through `commit` ({ items }). */
  readonly collections: LockerCollections;
  readonly owner: LockerOwner;
  /** The open-time check of the audit trail; commits are refused while it is not ok. */
  readonly integrity: Integrity;
  /** Stored items that failed their integrity check when read (left out of lists), in words. */
  damaged(): readonly string[];
  readonly records: LockerRecords;
  readonly audit: LockerAudit;
  readonly blobs: BlobStore;
  /** Record versions and their audit entries, in one synced batch: all or nothing. */
  commit(signer: Signer, change: Change): Promise<CommitResult>;
  /**
   * Bulk path (imports): batches of `batchSize` versions, each atomic with its own audit
   * entry, only the last synced. If a version is refused, the batches before it stay.
   */
  commitMany(
    signer: Signer,
    versions: Iterable<RecordVersionInput> | AsyncIterable<RecordVersionInput>,
    options: CommitManyOptions,
  ): Promise<CommitManyResult>;
  /** Restores an exported chain verbatim (see writes.ts importEntries); new entries continue it. */
  importAuditEntries(
    entries: Iterable<unknown> | AsyncIterable<unknown>,
    options?: { publicKey?: Uint8Array; batchSize?: number },
  ): Promise<ImportResult>;
  close(): Promise<void>;
}

/** Where the LevelDB database of the locker in `dir` lives. */
export function lockerDbPath(dir: string): string {
  return join(dir, 'db');
}

/** The unlocked owner (OwnerKey is one): its public parts and the key that wraps the locker key. */
export interface LockerUnlock extends LockerOwner {
  /** 32 bytes derived from the unlocked owner key (identity.ts); it wraps the locker key. */
  lockerWrappingKey(): Uint8Array;
}

export interface OpenOptions {
  /**
   * Only for the benchmark that prices encryption (bench/locker-crypto.ts) against a locker
   * that does not seal; the app never sets it.
   */
  readonly sealing?: (keys: LockerKeys) => Sealing;
}

export async function openLocker(dir: string, owner: LockerUnlock, options: OpenOptions = {}): Promise<Locker> {
  if (owner.publicKey.length !== 32) throw new KithError('InvalidInput', 'The owner key must be a 32-byte Ed25519 public key.');
  const raw = await openDb(lockerDbPath(dir));
  try {
    const keys = deriveLockerKeys(await unlockDb(raw, owner, owner.lockerWrappingKey()));
    const db = sealedDb(raw, (options.sealing ?? lockerSealing)(keys));
    // Documents of a locker from before encryption at rest (or left by a cut-short run) are
    // sealed now; with none, this is a directory listing.
    await migrateBlobsToEncrypted(join(dir, 'blobs'), keys.blobs);
    const [headText, checkpointText] = await db.getMany([META_HEAD, META_CHECKPOINT]);
    const head = headText === undefined ? undefined : decodeStored(chainPointSchema, headText, 'audit head');
    const checkpoint = checkpointText === undefined ? undefined : decodeStored(chainPointSchema, checkpointText, 'audit checkpoint');
    const chainOwner = { did: owner.did, publicKey: Uint8Array.from(owner.publicKey) };
    const problems = await verifyTail(db, chainOwner, head, checkpoint);
    const state: WriterState = {
      db,
      owner: chainOwner,
      head,
      checkpoint,
      counts: undefined,
      integrity: problems.length === 0 ? { ok: true } : { ok: false, problems },
    };
    return new OpenLocker(dir, state, keys.blobs);
  } catch (error) {
    await raw.close();
    throw error;
  }
}

class OpenLocker implements Locker {
  readonly dir: string;
  readonly owner: LockerOwner;
  readonly blobs: BlobStore;
  readonly records: LockerRecords;
  readonly audit: LockerAudit;
  readonly collections: LockerCollections;
  private readonly state: WriterState;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(dir: string, state: WriterState, blobKey: Uint8Array) {
    this.dir = dir;
    this.state = state;
    this.owner = state.owner;
    this.blobs = openBlobStore(join(dir, 'blobs'), { key: blobKey });
    this.records = this.makeRecords();
    this.audit = this.makeAudit();
    this.collections = {
      get: async (collection, id) => readItem(this.db(), collection, id),
      getMany: async (collection, ids) => readItemsById(this.db(), collection, ids),
      list: async (collection, prefix) => readItems(this.db(), collection, prefix),
    };
  }

  get integrity(): Integrity {
    return this.state.integrity;
  }

  damaged(): readonly string[] {
    return this.state.db.damaged();
  }

  private db(): LockerDb {
    if (this.closed) throw new KithError('Internal', 'The locker is closed.');
    return this.state.db;
  }

  /** Runs `task` after every earlier write: commits never interleave within the process. */
  private serialize<T>(task: () => Promise<T>): Promise<T> {
    this.db();
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private makeRecords(): LockerRecords {
    return {
      head: async (id) => readHead(this.db(), id),
      list: async (type) => readList(this.db(), type),
      history: async (id) => readHistory(this.db(), id),
      versions: () => readAllVersions(this.db()),
      count: async (type) => {
        // Only writers fill the cache, so a read racing a commit never installs stale counts.
        const counts = this.state.counts ?? (await readCounts(this.db()));
        if (type !== undefined) return counts.get(type) ?? 0;
        let total = 0;
        for (const value of counts.values()) total += value;
        return total;
      },
    };
  }

  private makeAudit(): LockerAudit {
    return {
      head: () => this.state.head,
      entries: async (query) => readEntries(this.db(), query),
      verifyChain: () => this.serialize(() => this.verifyAll()),
    };
  }

  private async verifyAll(): Promise<ChainReport> {
    const { db, owner, head, checkpoint } = this.state;
    const report = await verifyChain(db, owner, head, checkpoint);
    if (!report.ok) {
      this.state.integrity = { ok: false, problems: report.problems };
      return report;
    }
    this.state.integrity = { ok: true };
    if (head !== undefined && (checkpoint?.seq !== head.seq || checkpoint.hash !== head.hash)) {
      await db.put(META_CHECKPOINT, JSON.stringify(head), { sync: true });
      this.state.checkpoint = head;
    }
    return report;
  }

  commit(signer: Signer, change: Change): Promise<CommitResult> {
    return this.serialize(() => writeChange(this.state, signer, change, true));
  }

  async commitMany(
    signer: Signer,
    versions: Iterable<RecordVersionInput> | AsyncIterable<RecordVersionInput>,
    options: CommitManyOptions,
  ): Promise<CommitManyResult> {
    const batchSize = Math.max(1, Math.min(options.batchSize ?? 1000, 10_000));
    let records = 0;
    let batches = 0;
    const write = async (batch: RecordVersionInput[], sync: boolean) => {
      const first = batch[0];
      const last = batch[batch.length - 1];
      const details = {
        ...options.audit.details,
        count: batch.length,
        first: first === undefined ? null : { id: first.id, version: first.version },
        last: last === undefined ? null : { id: last.id, version: last.version },
      };
      const change = { records: batch, audit: [{ kind: options.audit.kind, details }] };
      await this.serialize(() => writeChange(this.state, signer, change, sync));
      records += batch.length;
      batches++;
    };
    // One batch of look-ahead so that the last batch, and only it, is written with sync
    // (it also makes every earlier unsynced batch durable: LevelDB's log is sequential).
    let pending: RecordVersionInput[] | undefined;
    let current: RecordVersionInput[] = [];
    for await (const version of versions) {
      current.push(version);
      if (current.length >= batchSize) {
        if (pending !== undefined) await write(pending, false);
        pending = current;
        current = [];
      }
    }
    if (current.length > 0) {
      if (pending !== undefined) await write(pending, false);
      pending = current;
    }
    if (pending !== undefined) await write(pending, true);
    return { records, batches, head: this.state.head };
  }

  importAuditEntries(
    entries: Iterable<unknown> | AsyncIterable<unknown>,
    options: { publicKey?: Uint8Array; batchSize?: number } = {},
  ): Promise<ImportResult> {
    const batchSize = Math.max(1, Math.min(options.batchSize ?? 1000, 10_000));
    return this.serialize(() => importEntries(this.state, entries, options.publicKey ?? this.state.owner.publicKey, batchSize));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true; // refuse new work, then let what is queued finish
    await this.queue;
    await this.state.db.close();
  }
}
