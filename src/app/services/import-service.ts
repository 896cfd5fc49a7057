// data.import: a file's items as signed records that say where they came from.
//
// Order of writes, so that a crash at any point loses nothing and a re-import repairs it:
// 1. the source-id map for items seen for the first time and the run (what this import
//    writes, for undo: import-runs.ts), in one commit (the first with an audit entry),
// 2. photos into the blob store (content-addressed: writing one twice is harmless),
// 3. new records through the locker's bulk path (commitMany: batches, one synced at the end),
// 4. changed records in commits of their own, each with the deliveries to holders of a
//    grant (change once, updated everywhere), as data.update does.
// A record is one version in one batch, so each item is stored whole or not at all; an
// item mapped in step 1 whose record never got written is written by the next import.
// The items go through these steps a part (PART items) at a time, an archive's read as
// they are written, so a large import holds one part in memory, not the whole file.
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import type { AppApi } from '../../api/contract.ts';
import type { ImportResultView } from '../../api/methods/import.ts';
import type { ImportFormat, ImportProvenance } from '../../api/records.ts';
import type { Signer } from '../../identity/signer.ts';
import type { ItemChange, Locker, RecordVersionInput } from '../../store/locker.ts';
import type { AppContext } from '../context.ts';
import { IMPORT_SOURCES, type Step, planImport, sourceKey } from '../importers/import-plan.ts';
import { progressReporter } from '../importers/import-progress.ts';
import { type ImportRun, newRunId, runItems } from '../importers/import-runs.ts';
import { readImport } from '../importers/registry.ts';
import { recordCredential } from '../records/record-credential.ts';
import { updateChanges } from '../sharing/releases.ts';
import { undoImportService } from './import-undo.ts';

const UPDATE_BATCH = 200;

type ImportApi = Pick<AppApi, 'data.import' | 'data.import.undo'>;

function provenance(format: ImportFormat, file: string, step: Step, imported: string): ImportProvenance {
  return { format, file: file.slice(0, 255), sourceId: step.sourceId.slice(0, 1000), place: step.place.slice(0, 200), imported };
}

function version(signer: Signer, step: Step, source: ImportProvenance): RecordVersionInput {
  const time = source.imported;
  const credential = recordCredential(signer, { id: step.recordId, type: step.type, version: step.version, deleted: false, time, data: step.data, source });
  return { id: step.recordId, type: step.type, version: step.version, deleted: false, time, credential };
}

/** Record versions per part an import plans and writes before it reads on: memory holds one part, not the file. */
const PART = 1000;

/**
 * Writes one part's steps. The first part's first commit starts the run (for undo) with
 * the `import.started` entry; each later part adds its records to the run in its own
 * first commit, before any of them is written.
 */
async function writeSteps(locker: Locker, signer: Signer, steps: readonly Step[], run: ImportRun, onWritten: (count: number) => void): Promise<ImportRun> {
  const { file, format, time: imported } = run;
  const details = { file, format };
  const unmapped: ItemChange[] = steps
    .filter((step) => step.unmapped && step.action === 'create')
    .map((step) => ({ collection: IMPORT_SOURCES, id: sourceKey(step.type, step.sourceId), value: { recordId: step.recordId } }));
  const recorded = runItems(run, steps);
  const first = run.chunks === 0;
  await locker.commit(signer, { items: [...unmapped, ...recorded.items], audit: first ? [{ kind: 'import.started', details: { ...details, run: run.id } }] : [] });
  let written = 0;

  for (const step of steps) if (step.blob !== undefined && step.action !== 'unchanged') await locker.blobs.put((async function* () { yield step.blob as Uint8Array; })());

  const creates = steps.filter((step) => step.action === 'create');
  if (creates.length > 0) {
    // Signed as the bulk path pulls them, so a part's credentials are never all in memory either.
    const versions = (function* () {
      for (const step of creates) {
        yield version(signer, step, provenance(format, file, step, imported));
        onWritten(++written);
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
    onWritten(written);
  }
  return recorded.run;
}

type Counts = Record<Step['action'], number>;

function count(counts: Counts, steps: readonly Step[]): void {
  for (const step of steps) if (step.attachment !== true) counts[step.action] += 1;
}

export function importService(ctx: AppContext): ImportApi {
  return {
    async 'data.import'({ path, name, format, map, dryRun, progress: label }): Promise<ImportResultView> {
      const signer = ctx.signer(); // fail before any work if the key is locked
      const progress = progressReporter((payload) => ctx.emit('import.progress', payload), label ?? randomBytes(6).toString('hex'));
      const file = basename(name ?? path);
      const opened = await readImport(path, file, format, map === undefined ? {} : { map }, (done, total) => progress('reading', done, total));
      const locker = await ctx.locker().catch(async (error: unknown) => {
        await opened.parts.return(undefined);
        throw error;
      });
      const time = new Date().toISOString();
      let run: ImportRun = { id: newRunId(time), file, format: opened.format, time, chunks: 0, created: 0, updated: 0 };
      const counts: Counts = { create: 0, update: 0, unchanged: 0, skipped: 0 };
      const errors: { item: string; reason: string }[] = [];
      // Items taken in so far: the bar of a text file (its count is known); an archive's moves with the bytes read.
      let done = 0;
      const phase = dryRun === true ? 'checking' : 'writing';
      if (opened.count !== undefined) progress(phase, 0, opened.count);
      for await (const read of opened.parts) {
        for (const problem of read.problems) errors.push({ item: problem.place, reason: problem.reason });
        for (let at = 0; at < read.items.length; at += PART) {
          const items = read.items.slice(at, at + PART);
          const { steps, problems } = await planImport(locker, items);
          for (const problem of problems) errors.push({ item: problem.place, reason: problem.reason });
          count(counts, steps);
          const before = done;
          const report = (n: number) => opened.count !== undefined && progress(phase, Math.min(before + n, before + items.length), opened.count);
          if (dryRun !== true && steps.some((step) => step.action === 'create' || step.action === 'update')) run = await writeSteps(locker, signer, steps, run, report);
          done += items.length;
          report(items.length);
        }
      }
      const written = run.chunks > 0;
      if (written) {
        ctx.emit('records.changed', {});
        ctx.emit('log.appended', {});
      }
      return {
        format: opened.format,
        imported: counts.create,
        updated: counts.update,
        unchanged: counts.unchanged,
        skipped: counts.skipped,
        errors,
        dryRun: dryRun === true,
        ...(written ? { run: run.id } : {}),
      };
    },
    ...undoImportService(ctx),
  };
}
