// Checking and reading the audit trail (entry format: audit-entry.ts; key layout: keys.ts).
//
// Two checks, on purpose:
// - verifyTail runs on every open. Opening must cost about as much as opening LevelDB
//   itself (bench/locker-open.ts holds it to 2x with 100k records), so it must not walk
//   the chain. Every commit writes the new entries, the head pointer and a checkpoint in
//   one synced batch, and the checkpoint vouches that everything up to it was verified
//   when written. So open checks only the tail: the entry the checkpoint names still has
//   the checkpointed hash, every entry after it and the head entry itself are fully
//   checked (seq, signature, link to the entry before), the head pointer matches the last
//   entry, and nothing lies beyond the head. That catches a torn or rolled-back tail and
//   tampering with the latest entries at the cost of one range read and, normally, one
//   signature verification.
// - verifyChain is the full check (`kith log --verify`): it walks every entry and reports
//   each problem by seq. Tampering in the middle of the chain is only found here.
// Neither can notice someone with write access to the disk truncating the chain AND
// rewriting the head and checkpoint to match: that needs an anchor outside the locker
// (e.g. an exported bundle or a peer's copy of the head hash).
import { KithError } from '../base/errors.ts';
import {
  type AuditEntry,
  type ChainOwner,
  GENESIS_PREV,
  auditEntrySchema,
  entryHash,
  signatureProblem,
} from './audit-entry.ts';
import { type ChainPoint, type LockerDb, CORRUPT_HINT, decodeStored } from './db.ts';
import { AUDIT_RANGE, auditKey, seqFromAuditKey } from './keys.ts';

export type ChainProblemKind =
  | 'missing' // an entry the head (or checkpoint) says exists is not there
  | 'corrupt' // an entry (or a key in the audit range) cannot be parsed
  | 'bad-signature' // the entry's signature or signer does not verify against the owner
  | 'broken-link' // the entry's prev is not the hash of the entry before it
  | 'fork' // two entries claim the same seq
  | 'reordered' // an entry sits at a seq other than the one it claims
  | 'beyond-head' // an entry exists past the head pointer
  | 'head-mismatch' // the head pointer is absent or does not match the last entry
  | 'checkpoint-mismatch'; // the checkpoint is absent, past the head, or names a changed entry

export interface ChainProblem {
  readonly seq: number;
  readonly problem: ChainProblemKind;
  readonly message: string;
}

export interface ChainReport {
  readonly ok: boolean;
  /** Entries found in the audit range (whatever their state). */
  readonly count: number;
  readonly problems: readonly ChainProblem[];
}

export type Integrity = { readonly ok: true } | { readonly ok: false; readonly problems: readonly ChainProblem[] };

/** Reports beyond this many missing seqs in one gap are summarised, so a wiped log stays readable. */
const MAX_MISSING_REPORTED = 100;

function parseEntry(text: string): AuditEntry | undefined {
  try {
    return decodeStored(auditEntrySchema, text, 'audit entry');
  } catch {
    return undefined;
  }
}

function reportGap(problems: ChainProblem[], from: number, to: number): void {
  for (let seq = from; seq <= to && seq < from + MAX_MISSING_REPORTED; seq++) {
    problems.push({ seq, problem: 'missing', message: `Audit entry ${seq} is missing.` });
  }
  if (to - from + 1 > MAX_MISSING_REPORTED) {
    problems.push({ seq: from + MAX_MISSING_REPORTED, problem: 'missing', message: `Audit entries ${from + MAX_MISSING_REPORTED} to ${to} are missing too.` });
  }
}

/** Full check of the whole chain against its owner, head pointer and checkpoint. */
export async function verifyChain(
  db: LockerDb,
  owner: ChainOwner,
  head: ChainPoint | undefined,
  checkpoint: ChainPoint | undefined,
): Promise<ChainReport> {
  const problems: ChainProblem[] = [];
  const claims = new Map<number, number[]>(); // claimed seq -> positions (key seqs) claiming it
  const hashAt = new Map<number, string>(); // only for the head and checkpoint positions
  let count = 0;
  let lastPosition = -1;
  let lastHash: string | undefined;

  for await (const [key, text] of db.entries(AUDIT_RANGE)) {
    count++;
    const position = seqFromAuditKey(key);
    if (position === undefined) {
      problems.push({ seq: -1, problem: 'corrupt', message: 'The audit log holds a key that Kith did not write.' });
      continue;
    }
    if (position > lastPosition + 1) reportGap(problems, lastPosition + 1, Math.min(position - 1, head?.seq ?? -1));
    const entry = parseEntry(text);
    const previousHash = position === lastPosition + 1 ? lastHash : undefined;
    lastPosition = position;
    lastHash = undefined;
    if (head === undefined || position > head.seq) {
      problems.push({ seq: position, problem: 'beyond-head', message: `Audit entry ${position} lies beyond the recorded head of the log.` });
    }
    if (entry === undefined) {
      problems.push({ seq: position, problem: 'corrupt', message: `Audit entry ${position} is unreadable.` });
      continue;
    }
    const hash = entryHash(entry);
    lastHash = hash;
    if (position === head?.seq || position === checkpoint?.seq) hashAt.set(position, hash);
    const claimants = claims.get(entry.seq);
    if (claimants === undefined) claims.set(entry.seq, [position]);
    else claimants.push(position);
    const badSignature = signatureProblem(entry, owner);
    if (badSignature !== undefined) problems.push({ seq: position, problem: 'bad-signature', message: badSignature });
    if (position === 0 && entry.prev !== GENESIS_PREV) {
      problems.push({ seq: 0, problem: 'broken-link', message: 'The first audit entry does not start the chain.' });
    } else if (previousHash !== undefined && entry.prev !== previousHash) {
      problems.push({ seq: position, problem: 'broken-link', message: `Audit entry ${position} does not link to entry ${position - 1}.` });
    }
  }
  if (head !== undefined && lastPosition < head.seq) reportGap(problems, lastPosition + 1, head.seq);

  for (const [claimed, positions] of claims) {
    if (positions.length > 1) {
      for (const position of positions.filter((p) => p !== claimed)) {
        problems.push({ seq: position, problem: 'fork', message: `Audit entry ${position} claims seq ${claimed}, which another entry also claims.` });
      }
    } else if (positions[0] !== undefined && positions[0] !== claimed) {
      problems.push({ seq: positions[0], problem: 'reordered', message: `Audit entry ${positions[0]} claims to be entry ${claimed}: it was moved.` });
    }
  }
  pointProblems(problems, head, checkpoint, count, hashAt);
  problems.sort((a, b) => a.seq - b.seq);
  return { ok: problems.length === 0, count, problems };
}

/** Head and checkpoint against what was found (`hashAt` holds the hashes at their seqs). */
function pointProblems(
  problems: ChainProblem[],
  head: ChainPoint | undefined,
  checkpoint: ChainPoint | undefined,
  count: number,
  hashAt: Map<number, string>,
): void {
  if (head === undefined) {
    if (count > 0) problems.push({ seq: 0, problem: 'head-mismatch', message: 'The audit log has entries but no head pointer.' });
    if (checkpoint !== undefined) {
      problems.push({ seq: checkpoint.seq, problem: 'checkpoint-mismatch', message: 'A checkpoint exists for an audit log that has no head.' });
    }
    return;
  }
  const headHash = hashAt.get(head.seq);
  if (headHash !== undefined && headHash !== head.hash) {
    problems.push({ seq: head.seq, problem: 'head-mismatch', message: `The head pointer does not match audit entry ${head.seq}.` });
  }
  if (checkpoint === undefined) {
    problems.push({ seq: head.seq, problem: 'checkpoint-mismatch', message: 'The audit log has no checkpoint.' });
  } else if (checkpoint.seq > head.seq) {
    problems.push({ seq: checkpoint.seq, problem: 'checkpoint-mismatch', message: `Audit entry ${checkpoint.seq} was verified once but the log now ends before it.` });
  } else {
    const atCheckpoint = hashAt.get(checkpoint.seq);
    if (atCheckpoint !== undefined && atCheckpoint !== checkpoint.hash) {
      problems.push({ seq: checkpoint.seq, problem: 'checkpoint-mismatch', message: `Audit entry ${checkpoint.seq} changed after it was verified.` });
    }
  }
}

/**
 * The open-time check (see the top of this file), in one range read from just before the
 * checkpoint to the end of the log: O(entries since the checkpoint), normally two entries.
 */
export async function verifyTail(
  db: LockerDb,
  owner: ChainOwner,
  head: ChainPoint | undefined,
  checkpoint: ChainPoint | undefined,
): Promise<ChainProblem[]> {
  const problems: ChainProblem[] = [];
  if (head === undefined) {
    for (const key of await db.keys({ ...AUDIT_RANGE, limit: 10 })) {
      problems.push({ seq: seqFromAuditKey(key) ?? -1, problem: 'head-mismatch', message: 'The audit log has entries but no head pointer.' });
    }
    if (checkpoint !== undefined) {
      problems.push({ seq: checkpoint.seq, problem: 'checkpoint-mismatch', message: 'A checkpoint exists for an audit log that has no head.' });
    }
    return problems;
  }
  if (checkpoint === undefined || checkpoint.seq > head.seq) {
    problems.push({ seq: checkpoint?.seq ?? head.seq, problem: 'checkpoint-mismatch', message: 'The audit checkpoint is missing or lies beyond the head.' });
  }
  // From the entry before the head (or the checkpoint, if older): that first entry only
  // provides the hash the next one must link to; everything after the checkpoint, and the
  // head itself, is fully checked. Up to 10 entries past the head are read to report them.
  // (Without a usable checkpoint, already reported, still check only the head: open stays O(1).)
  const verified = checkpoint !== undefined && checkpoint.seq <= head.seq ? checkpoint.seq : head.seq - 1;
  const from = Math.max(0, Math.min(verified, head.seq - 1));
  const limit = head.seq - from + 11;
  let expected = from;
  let previousHash: string | undefined;
  for await (const [key, text] of db.entries({ gte: auditKey(from), lt: AUDIT_RANGE.lt, limit })) {
    const position = seqFromAuditKey(key) ?? -1;
    if (position > head.seq) {
      problems.push({ seq: position, problem: 'beyond-head', message: `Audit entry ${position} lies beyond the recorded head of the log.` });
      continue;
    }
    if (position !== expected) {
      reportGap(problems, expected, position - 1);
      previousHash = undefined;
    }
    expected = position + 1;
    const entry = parseEntry(text);
    if (entry === undefined) {
      problems.push({ seq: position, problem: 'corrupt', message: `Audit entry ${position} is unreadable.` });
      previousHash = undefined;
      continue;
    }
    const hash = entryHash(entry);
    const linkOnly = position <= verified && position !== head.seq;
    if (entry.seq !== position) {
      problems.push({ seq: position, problem: 'reordered', message: `Audit entry ${position} claims to be entry ${entry.seq}: it was moved.` });
    }
    if (!linkOnly) {
      const badSignature = signatureProblem(entry, owner);
      if (badSignature !== undefined) problems.push({ seq: position, problem: 'bad-signature', message: badSignature });
      const linkTarget = position === 0 ? GENESIS_PREV : previousHash;
      if (linkTarget !== undefined && entry.prev !== linkTarget) {
        problems.push({ seq: position, problem: 'broken-link', message: `Audit entry ${position} does not link to the entry before it.` });
      }
    }
    if (position === checkpoint?.seq && hash !== checkpoint.hash) {
      problems.push({ seq: position, problem: 'checkpoint-mismatch', message: `Audit entry ${position} changed after it was verified.` });
    }
    if (position === head.seq && hash !== head.hash) {
      problems.push({ seq: position, problem: 'head-mismatch', message: `The head pointer does not match audit entry ${position}.` });
    }
    previousHash = hash;
  }
  if (expected <= head.seq) reportGap(problems, expected, head.seq);
  return problems.sort((a, b) => a.seq - b.seq);
}

export interface EntriesQuery {
  /** First seq to return (ascending) or the seq to start below (with `reverse`). */
  readonly from?: number;
  readonly limit?: number;
  readonly kind?: string;
  /** Newest first. */
  readonly reverse?: boolean;
}

export const MAX_ENTRIES_PAGE = 1000;

/** A page of entries for display. Unreadable entries raise Corrupt: use verifyChain to see why. */
export async function readEntries(db: LockerDb, query: EntriesQuery = {}): Promise<AuditEntry[]> {
  const limit = Math.min(Math.max(query.limit ?? 100, 0), MAX_ENTRIES_PAGE);
  if (limit === 0) return [];
  const range =
    query.from === undefined
      ? { ...AUDIT_RANGE }
      : query.reverse === true
        ? { gte: AUDIT_RANGE.gte, lte: auditKey(query.from) }
        : { gte: auditKey(query.from), lt: AUDIT_RANGE.lt };
  const out: AuditEntry[] = [];
  for await (const [key, text] of db.entries({ ...range, reverse: query.reverse === true })) {
    const entry = parseEntry(text);
    if (entry === undefined) {
      throw new KithError('Corrupt', `Audit entry ${seqFromAuditKey(key) ?? key} is unreadable.`, { hint: CORRUPT_HINT });
    }
    if (query.kind !== undefined && entry.kind !== query.kind) continue;
    out.push(entry);
    if (out.length >= limit) break;
  }
  return out;
}
