// data.import.undo: the last import taken back. What it does with each record is in
// importers/undo-plan.ts; here it is written, in batches, each atomic with its audit
// entry and with the deliveries to holders of a grant (a record shared since the import
// is taken back from them too, as data.remove does). The run is marked undone in the last
// commit, so an undo that stopped half-way is finished by the next one: what it already
// deleted or put back counts as done.
import { randomBytes } from 'node:crypto';
import type { AppApi } from '../../api/contract.ts';
import type { UndoImportView } from '../../api/methods/import.ts';
import type { RecordType } from '../../api/records.ts';
import { KithError } from '../../base/errors.ts';
import type { Signer } from '../../identity/signer.ts';
import type { ItemChange, Locker, RecordVersionInput } from '../../store/locker.ts';
import { isLive, listGrants } from '../../trust/grants.ts';
import type { AppContext } from '../context.ts';
import { IMPORT_SOURCES } from '../importers/import-plan.ts';
import { progressReporter, type Progress } from '../importers/import-progress.ts';
import { type ImportRun, lastRun, runRecords, undoneItem } from '../importers/import-runs.ts';
import { planUndo, type UndoAction } from '../importers/undo-plan.ts';
import { recordCredential, type RecordFacts } from '../records/record-credential.ts';
import { updateChanges } from '../sharing/releases.ts';

const BATCH = 200;

type UndoApi = Pick<AppApi, 'data.import.undo'>;

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ') + ' UTC';

async function runToUndo(locker: Locker, wanted: string | undefined): Promise<ImportRun> {
  const run = await lastRun(locker);
  if (run === undefined) throw new KithError('NotFound', 'There is no import to undo: nothing was imported here yet.');
  if (wanted !== undefined && wanted !== run.id) {
    throw new KithError('InvalidInput', `That import is not the last one any more: ${run.file} was imported after it (${when(run.time)}).`, { hint: 'Kith undoes only the last import.' });
  }
  if (run.undone !== undefined) {
    throw new KithError('NotFound', `The last import, of ${run.file} (${when(run.time)}), was already undone at ${when(run.undone)}.`, { hint: 'Kith undoes only the last import; import the file again to bring its records back.' });
  }
  return run;
}

/** The tombstone or earlier version an action writes, signed now. */
function undoVersion(signer: Signer, action: UndoAction, time: string): { input: RecordVersionInput; facts: RecordFacts } {
  const { id, type } = action.head;
  const version = action.head.version + 1;
  const facts: RecordFacts =
    action.kind === 'delete'
      ? { id, type: type as RecordType, version, deleted: true, time }
      : { id, type: type as RecordType, version, deleted: false, time, data: action.previous.data, ...(action.previous.source === undefined ? {} : { source: action.previous.source }) };
  const credential = recordCredential(signer, facts);
  return { input: { id, type, version, deleted: facts.deleted, time, credential }, facts };
}

/** Record ids some live grant covers: only those need deliveries (one read of the grants, not one per record). */
async function sharedIds(locker: Locker): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const grant of await listGrants(locker)) if (isLive(grant)) for (const record of grant.records) ids.add(record.id);
  return ids;
}

async function writeUndo(locker: Locker, signer: Signer, run: ImportRun, actions: readonly UndoAction[], finish: { kept: number; unchanged: number }, progress: Progress): Promise<void> {
  const details = { file: run.file, format: run.format, run: run.id };
  const shared = await sharedIds(locker);
  // Drop a source-map entry only where it still names the record being deleted.
  const keys = actions.flatMap((action) => (action.kind === 'delete' && action.sourceKey !== undefined ? [action.sourceKey] : []));
  const mapped = new Map<string, unknown>();
  for (let i = 0; i < keys.length; i += 1000) {
    const slice = keys.slice(i, i + 1000);
    const values = await locker.collections.getMany(IMPORT_SOURCES, slice);
    slice.forEach((key, index) => mapped.set(key, values[index]));
  }
  const time = new Date().toISOString();
  progress('undoing', 0, actions.length);
  for (let i = 0; i < actions.length || i === 0; i += BATCH) {
    const batch = actions.slice(i, i + BATCH);
    const records: RecordVersionInput[] = [];
    const items: ItemChange[] = [];
    for (const action of batch) {
      const { input, facts } = undoVersion(signer, action, time);
      records.push(input);
      if (shared.has(facts.id)) items.push(...(await updateChanges(locker, signer, facts)));
      if (action.kind === 'delete' && action.sourceKey !== undefined && (mapped.get(action.sourceKey) as { recordId?: unknown } | undefined)?.recordId === facts.id) {
        items.push({ collection: IMPORT_SOURCES, id: action.sourceKey, value: null });
      }
    }
    const last = i + BATCH >= actions.length;
    const audit = [];
    if (batch.length > 0) audit.push({ kind: 'records.unimported' as const, details: { ...details, count: batch.length, ids: batch.map((action) => action.head.id) } });
    if (last) {
      items.push(undoneItem(run, time));
      const deleted = actions.filter((action) => action.kind === 'delete').length;
      audit.push({ kind: 'import.undone' as const, details: { ...details, deleted, restored: actions.length - deleted, kept: finish.kept, unchanged: finish.unchanged } });
    }
    await locker.commit(signer, { records, items, audit });
    progress('undoing', Math.min(actions.length, i + BATCH), actions.length);
  }
}

export function undoImportService(ctx: AppContext): UndoApi {
  return {
    async 'data.import.undo'({ run: wanted, dryRun, progress: label }): Promise<UndoImportView> {
      const signer = ctx.signer();
      const locker = await ctx.locker();
      const progress = progressReporter((payload) => ctx.emit('import.progress', payload), label ?? randomBytes(6).toString('hex'));
      const run = await runToUndo(locker, wanted);
      const records = await runRecords(locker, run);
      const plan = await planUndo(locker, records, (done) => progress('checking', done, records.length));
      if (dryRun !== true) {
        await writeUndo(locker, signer, run, plan.actions, { kept: plan.kept.length, unchanged: plan.gone }, progress);
        ctx.emit('records.changed', {});
        ctx.emit('log.appended', {});
      }
      const deleted = plan.actions.filter((action) => action.kind === 'delete').length;
      return {
        run: { id: run.id, file: run.file, format: run.format, time: run.time },
        deleted,
        restored: plan.actions.length - deleted,
        kept: plan.kept,
        unchanged: plan.gone,
        dryRun: dryRun === true,
      };
    },
  };
}
