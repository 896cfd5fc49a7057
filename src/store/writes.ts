// Every write to the locker: record versions, their indexes, the audit entries, the head
// pointer and the checkpoint go into ONE LevelDB batch, so a crash (kill -9, power loss
// with sync) leaves either all of a commit or none of it, and the chain never half-written.
// The caller (locker.ts) runs these one at a time through its queue.
import { KithError } from '../base/errors.ts';
import { equalBytes } from '../base/bytes.ts';
import type { Signer } from '../identity/signer.ts';
import {
  type AuditEntry,
  type AuditInput,
  type ChainOwner,
  GENESIS_PREV,
  auditEntrySchema,
  createEntry,
  entryHash,
  signatureProblem,
  validateAuditInput,
} from './audit-entry.ts';
import type { Integrity } from './audit-log.ts';
import { type ChainPoint, type LockerDb, CORRUPT_HINT } from './db.ts';
import { META_CHECKPOINT, META_HEAD, MAX_SEQ, auditKey } from './keys.ts';
import { type ItemChange, planItems } from './collections.ts';
import { type BatchOp, type RecordVersion, type RecordVersionInput, planCounts, planVersions, readCounts } from './records.ts';

/** The mutable state a locker keeps in memory; only the write queue changes it. */
export interface WriterState {
  readonly db: LockerDb;
  readonly owner: ChainOwner;
  head: ChainPoint | undefined;
  checkpoint: ChainPoint | undefined;
  /** Live counts per type, loaded on the first write. */
  counts: Map<string, number> | undefined;
  integrity: Integrity;
}

export interface Change {
  readonly records?: readonly RecordVersionInput[];
  /** Collection items to put (or, with value null, delete) in the same batch. */
  readonly items?: readonly ItemChange[];
  readonly audit: readonly AuditInput[];
}

export interface CommitResult {
  readonly records: readonly RecordVersion[];
  readonly audit: readonly AuditEntry[];
}

export function assertWritable(state: WriterState): void {
  if (!state.integrity.ok) {
    throw new KithError('Corrupt', 'The locker refuses changes because its audit log failed its integrity check.', {
      hint: CORRUPT_HINT,
    });
  }
}

export function assertOwnerSigner(state: WriterState, signer: Signer): void {
  if (signer.did !== state.owner.did || !equalBytes(signer.publicKey, state.owner.publicKey)) {
    throw new KithError('NotTrusted', 'Only the locker owner’s key can change this locker.', {
      hint: 'Open the locker with the identity it was created with.',
    });
  }
}

function pointOps(point: ChainPoint): BatchOp[] {
  const value = JSON.stringify(point);
  return [
    { type: 'put', key: META_HEAD, value },
    { type: 'put', key: META_CHECKPOINT, value },
  ];
}

/** Writes one change atomically; `sync: false` only for bulk batches followed by a synced one. */
export async function writeChange(state: WriterState, signer: Signer, change: Change, sync: boolean): Promise<CommitResult> {
  assertWritable(state);
  assertOwnerSigner(state, signer);
  const audit = change.audit ?? [];
  for (const input of audit) validateAuditInput(input);
  const now = new Date().toISOString();
  const records = change.records ?? [];
  const items = change.items ?? [];
  if (records.length === 0 && audit.length === 0 && items.length === 0) return { records: [], audit: [] };

  const { ops, versions, countDeltas } = await planVersions(state.db, records, now);
  ops.push(...planItems(state.db, items));
  const counts = state.counts ?? (await readCounts(state.db));
  const { ops: countOps, next: nextCounts } = planCounts(state.db, counts, countDeltas);
  ops.push(...countOps);

  const entries: AuditEntry[] = [];
  let point = state.head;
  for (const input of audit) {
    if (point !== undefined && point.seq >= MAX_SEQ) throw new KithError('Unsupported', 'The audit log is full.');
    const entry = createEntry(signer, point, input, now);
    ops.push({ type: 'put', key: auditKey(entry.seq), value: JSON.stringify(entry) });
    point = { seq: entry.seq, hash: entryHash(entry) };
    entries.push(entry);
  }
  if (point !== undefined && point !== state.head) ops.push(...pointOps(point));

  await state.db.batch(ops, { sync });
  state.counts = nextCounts;
  state.head = point;
  if (point !== undefined) state.checkpoint = point;
  return { records: versions, audit: entries };
}

export interface ImportResult {
  readonly imported: number;
  readonly head: ChainPoint | undefined;
}

/**
 * Appends entries exported from a chain (a restore), verbatim: each must be the next seq,
 * link to the current head and carry a valid signature by the owner; the first that does
 * not raises Corrupt. Written in batches of `batchSize` (head and checkpoint in each batch,
 * the last one synced); on a failure the entries verified so far are kept (they form a
 * consistent chain) and the error is raised. Restore into a fresh locker and discard it
 * on failure if all-or-nothing is wanted.
 */
export async function importEntries(
  state: WriterState,
  entries: Iterable<unknown> | AsyncIterable<unknown>,
  publicKey: Uint8Array,
  batchSize: number,
): Promise<ImportResult> {
  assertWritable(state);
  if (!equalBytes(publicKey, state.owner.publicKey)) {
    throw new KithError('NotTrusted', 'The audit log being restored was signed by a key other than this locker’s owner.', {
      hint: 'Restore it into a locker opened with the identity that signed it.',
    });
  }
  let point = state.head;
  let ops: BatchOp[] = [];
  let imported = 0;
  const flush = async (sync: boolean) => {
    if (point === undefined || (ops.length === 0 && !sync)) return;
    ops.push(...pointOps(point));
    await state.db.batch(ops, { sync });
    state.head = point;
    state.checkpoint = point;
    ops = [];
  };
  const append = async (value: unknown) => {
    const parsed = auditEntrySchema.safeParse(value);
    const expectedSeq = point === undefined ? 0 : point.seq + 1;
    if (!parsed.success) throw badImport(`Audit entry ${expectedSeq} in the import is malformed.`);
    const entry: AuditEntry = parsed.data;
    if (entry.seq !== expectedSeq) throw badImport(`The import has audit entry ${entry.seq} where entry ${expectedSeq} should be.`);
    const expectedPrev = point === undefined ? undefined : point.hash;
    if (expectedPrev !== undefined && entry.prev !== expectedPrev) {
      throw badImport(`Audit entry ${entry.seq} in the import does not link to the entry before it.`);
    }
    if (expectedPrev === undefined && entry.prev !== GENESIS_PREV) throw badImport('The first audit entry in the import does not start a chain.');
    const problem = signatureProblem(entry, state.owner);
    if (problem !== undefined) throw badImport(problem);
    ops.push({ type: 'put', key: auditKey(entry.seq), value: JSON.stringify(entry) });
    point = { seq: entry.seq, hash: entryHash(entry) };
    imported++;
    if (imported % batchSize === 0) await flush(false);
  };
  try {
    for await (const value of entries) await append(value);
  } catch (error) {
    await flush(true).catch(() => undefined); // keep the verified prefix: a consistent chain
    throw error;
  }
  await flush(true);
  return { imported, head: state.head };
}

function badImport(message: string): KithError {
  return new KithError('Corrupt', message, { hint: 'The bundle was altered or is incomplete; use an intact copy.' });
}
