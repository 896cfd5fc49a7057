// What undoing an import would do, decided before anything is written. For each record
// version the import wrote (import-runs.ts):
// - a record it created, still at that version: deleted (a signed tombstone), and its
//   source-map entry dropped, so importing the file again brings it back;
// - a record it updated, still at that version: put back as it was before (a new signed
//   version carrying the earlier data and provenance: history only grows);
// - a record changed since (by the person: only the owner writes records): kept, and
//   named, never deleted or overwritten silently;
// - a record already deleted, already put back, or never written (an import that stopped
//   half-way): nothing to do.
import type { RecordType } from '../../api/records.ts';
import { canonicalize } from '../../credentials/jcs.ts';
import type { Locker, RecordVersion } from '../../store/locker.ts';
import { recordFacts, type RecordFacts } from '../records/record-credential.ts';
import { sourceKey } from './import-plan.ts';
import type { RunRecord } from './import-runs.ts';

export type UndoAction =
  | { readonly kind: 'delete'; readonly head: RecordVersion; readonly sourceKey?: string }
  | { readonly kind: 'restore'; readonly head: RecordVersion; readonly previous: RecordFacts };

export interface KeptRecord {
  readonly id: string;
  readonly type: RecordType;
  readonly reason: string;
}

export interface UndoPlan {
  readonly actions: UndoAction[];
  readonly kept: KeptRecord[];
  /** Already deleted or put back, or never written: nothing to do. */
  readonly gone: number;
}

const CHANGED = 'you changed it after the import, so it was kept as it is';

export async function planUndo(locker: Locker, records: readonly RunRecord[], onRecord?: (done: number) => void): Promise<UndoPlan> {
  const actions: UndoAction[] = [];
  const kept: KeptRecord[] = [];
  let gone = 0;
  for (const [index, record] of records.entries()) {
    onRecord?.(index);
    const head = await locker.records.head(record.id);
    if (head === undefined || head.version < record.version || head.deleted) {
      gone++;
      continue;
    }
    const type = head.type as RecordType;
    if (record.created) {
      if (head.version === record.version) {
        const source = recordFacts(head.credential).source;
        actions.push({ kind: 'delete', head, ...(source === undefined ? {} : { sourceKey: sourceKey(type, source.sourceId) }) });
      } else kept.push({ id: record.id, type, reason: CHANGED });
      continue;
    }
    const history = await locker.records.history(record.id);
    const before = history[record.version - 2];
    const previous = before === undefined ? undefined : recordFacts(before.credential);
    if (previous === undefined || previous.deleted) {
      gone++; // nothing to put back (cannot happen for an update, which needs a live record)
    } else if (head.version === record.version) {
      actions.push({ kind: 'restore', head, previous });
    } else if (head.version === record.version + 1 && canonicalize(recordFacts(head.credential).data ?? null) === canonicalize(previous.data ?? null)) {
      gone++; // put back by an undo that stopped before it finished
    } else kept.push({ id: record.id, type, reason: CHANGED });
  }
  onRecord?.(records.length);
  return { actions, kept, gone };
}
