// data.import: a file's items as signed records that say where they came from.
//
// Order of writes, so that a crash at any point loses nothing and a re-import repairs it:
// 1. the source-id map for items seen for the first time and the run (what this import
//    writes, for undo: import-runs.ts), in one commit with an audit entry,
// 2. photos into the blob store (content-addressed: writing one twice is harmless),
// 3. new records through the locker's bulk path (commitMany: batches, one synced at the end),
// 4. changed records in commits of their own, each with the deliveries to holders of a
//    grant (change once, updated everywhere), as data.update does.
// A record is one version in one batch, so each item is stored whole or not at all; an
// item mapped in step 1 whose record never got written is written by the next import.
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import type { AppApi } from '../../api/contract.ts';
import type { ImportResultView } from '../../api/methods/import.ts';
import type { ImportFormat, Provenance } from '../../api/records.ts';
import type { Signer } from '../../identity/signer.ts';
import type { ItemChange, Locker, RecordVersionInput } from '../../store/locker.ts';
import type { AppContext } from '../context.ts';
import { IMPORT_SOURCES, type Step, planImport, sourceKey } from '../importers/import-plan.ts';
import { progressReporter, type Progress } from '../importers/import-progress.ts';
import { newRunId, runItems } from '../importers/import-runs.ts';
import { readImport } from '../importers/registry.ts';
import { recordCredential } from '../records/record-credential.ts';
import { updateChanges } from '../sharing/releases.ts';
import { undoImportService } from './import-undo.ts';

const UPDATE_BATCH = 200;

type ImportApi = Pick<AppApi, 'data.import' | 'data.import.undo'>;

function provenance(format: ImportFormat, file: string, step: Step, imported: string): Provenance {
  return { format, file: file.slice(0, 255), sourceId: step.sourceId.slice(0, 1000), place: step.place.slice(0, 200), imported };
}

function version(signer: Signer, step: Step, source: Provenance): RecordVersionInput {
  const time = source.imported;
  const credential = recordCredential(signer, { id: step.recordId, type: step.type, version: step.version, deleted: false, time, data: step.data, source });
  return { id: step.recordId, type: step.type, version: step.version, deleted: false, time, credential };
}

/** Writes the steps; returns the run's id (for undo). */
async function writeSteps(locker: Locker, signer: Signer, steps: readonly Step[], format: ImportFormat, file: string, progress: Progress): Promise<string> {
  const imported = new Date().toISOString();
  const run = newRunId(imported);
  const details = { file, format };
  const unmapped: ItemChange[] = steps
    .filter((step) => step.unmapped && step.action === 'create')
    .map((step) => ({ collection: IMPORT_SOURCES, id: sourceKey(step.type, step.sourceId), value: { recordId: step.recordId } }));
  const items = [...unmapped, ...runItems({ id: run, file, format, time: imported }, steps)];
  await locker.commit(signer, { items, audit: [{ kind: 'import.started', details: { ...details, newItems: unmapped.length, run } }] });
  const total = steps.filter((step) => step.action === 'create' || step.action === 'update').length;
  let written = 0;
  progress('writing', 0, total);

  for (const step of steps) if (step.blob !== undefined && step.action !== 'unchanged') await locker.blobs.put((async function* () { yield step.blob as Uint8Array; })());

  const creates = steps.filter((step) => step.action === 'create');
  if (creates.length > 0) {
    // Signed as the bulk path pulls them, so 100,000 credentials are never all in memory.
    const versions = (function* () {
      for (const step of creates) {
        yield version(signer, step, provenance(format, file, step, imported));
        progress('writing', ++written, total);
      }
    })();
    await locker.commitMany(signer, versions, { audit: { kind: 'records.imported', details } });
  }

  const updates = steps.filter((step) => step.action === 'update');
  for (let i = 0; i < updates.length; i += UPDATE_BATCH) {
    const batch = updates.slice(i, i + UPDATE_BATCH);
    const records: RecordVersionInput[] = [];
    const items: ItemChange[] = [];
    for (const step of batch) {
      const next = version(signer, step, provenance(format, file, step, imported));
      records.push(next);
      items.push(...(await updateChanges(locker, signer, { id: step.recordId, type: step.type, version: step.version, deleted: false, time: imported, data: step.data })));
    }
    await locker.commit(signer, { records, items, audit: [{ kind: 'records.reimported', details: { ...details, count: batch.length, ids: batch.map((step) => step.recordId) } }] });
    written += batch.length;
    progress('writing', written, total);
  }
  return run;
}

function count(steps: readonly Step[], action: Step['action']): number {
  return steps.filter((step) => step.action === action && step.attachment !== true).length;
}

export function importService(ctx: AppContext): ImportApi {
  return {
    async 'data.import'({ path, name, format, map, dryRun, progress: label }): Promise<ImportResultView> {
      const signer = ctx.signer(); // fail before any work if the key is locked
      const progress = progressReporter((payload) => ctx.emit('import.progress', payload), label ?? randomBytes(6).toString('hex'));
      const file = basename(name ?? path);
      const { format: found, read } = await readImport(path, file, format, map === undefined ? {} : { map }, (done, total) => progress('reading', done, total));
      const locker = await ctx.locker();
      const { steps, problems } = await planImport(locker, read.items, (done, total) => progress('checking', done, total));
      const written = dryRun !== true && steps.some((step) => step.action === 'create' || step.action === 'update');
      let run: string | undefined;
      if (written) {
        run = await writeSteps(locker, signer, steps, found, file, progress);
        ctx.emit('records.changed', {});
        ctx.emit('log.appended', {});
      }
      const errors = [...read.problems, ...problems].map(({ place, reason }) => ({ item: place, reason }));
      return {
        format: found,
        imported: count(steps, 'create'),
        updated: count(steps, 'update'),
        unchanged: count(steps, 'unchanged'),
        skipped: count(steps, 'skipped'),
        errors,
        dryRun: dryRun === true,
        ...(run === undefined ? {} : { run }),
      };
    },
    ...undoImportService(ctx),
  };
}
