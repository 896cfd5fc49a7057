// data.import: a file's items as signed records that say where they came from.
//
// Order of writes, so that a crash at any point loses nothing and a re-import repairs it:
// 1. the source-id map for items seen for the first time (one commit, with an audit entry),
// 2. photos into the blob store (content-addressed: writing one twice is harmless),
// 3. new records through the locker's bulk path (commitMany: batches, one synced at the end),
// 4. changed records in commits of their own, each with the deliveries to holders of a
//    grant (change once, updated everywhere), as data.update does.
// A record is one version in one batch, so each item is stored whole or not at all; an
// item mapped in step 1 whose record never got written is written by the next import.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { AppApi } from '../../api/contract.ts';
import type { ImportResultView } from '../../api/methods/import.ts';
import type { ImportFormat, ImportProvenance } from '../../api/records.ts';
import { KithError } from '../../base/errors.ts';
import type { Signer } from '../../identity/signer.ts';
import type { ItemChange, Locker, RecordVersionInput } from '../../store/locker.ts';
import type { AppContext } from '../context.ts';
import { fileError, regularFileSize } from '../files.ts';
import { IMPORT_SOURCES, type Step, planImport, sourceKey } from '../importers/import-plan.ts';
import { importerFor } from '../importers/registry.ts';
import { recordCredential } from '../records/record-credential.ts';
import { updateChanges } from '../sharing/releases.ts';

/** Text exports this large are already ~100,000 contacts; anything bigger is likely the wrong file. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
/** Platform archives carry photos and more besides; only the entries read are inflated (archives/zip-entries.ts). */
export const MAX_ARCHIVE_BYTES = 512 * 1024 * 1024;
const UPDATE_BATCH = 200;

type ImportApi = Pick<AppApi, 'data.import'>;

async function readImportFile(path: string, format: ImportFormat | undefined): Promise<Uint8Array> {
  const size = await regularFileSize(path);
  const archive = format === 'google-takeout' || format === 'facebook' || (format === undefined && /\.zip$/i.test(path));
  const limit = archive ? MAX_ARCHIVE_BYTES : MAX_IMPORT_BYTES;
  if (size > limit) {
    throw new KithError('InvalidInput', `${basename(path)} is ${Math.ceil(size / 1024 / 1024)} MiB; Kith imports ${archive ? 'archives' : 'files'} of up to ${limit / 1024 / 1024} MiB.`, {
      hint: 'Split it into smaller files, or export less at a time.',
    });
  }
  if (size === 0) throw new KithError('InvalidInput', `${basename(path)} is empty.`);
  return readFile(path).catch((error: unknown) => {
    throw fileError(error, path);
  });
}

function provenance(format: ImportFormat, file: string, step: Step, imported: string): ImportProvenance {
  return { format, file: file.slice(0, 255), sourceId: step.sourceId.slice(0, 1000), place: step.place.slice(0, 200), imported };
}

function version(signer: Signer, step: Step, source: ImportProvenance): RecordVersionInput {
  const time = source.imported;
  const credential = recordCredential(signer, { id: step.recordId, type: step.type, version: step.version, deleted: false, time, data: step.data, source });
  return { id: step.recordId, type: step.type, version: step.version, deleted: false, time, credential };
}

async function writeSteps(locker: Locker, signer: Signer, steps: readonly Step[], format: ImportFormat, file: string): Promise<void> {
  const imported = new Date().toISOString();
  const details = { file, format };
  const unmapped: ItemChange[] = steps
    .filter((step) => step.unmapped && step.action === 'create')
    .map((step) => ({ collection: IMPORT_SOURCES, id: sourceKey(step.type, step.sourceId), value: { recordId: step.recordId } }));
  if (unmapped.length > 0) await locker.commit(signer, { items: unmapped, audit: [{ kind: 'import.started', details: { ...details, newItems: unmapped.length } }] });

  for (const step of steps) if (step.blob !== undefined && step.action !== 'unchanged') await locker.blobs.put((async function* () { yield step.blob as Uint8Array; })());

  const creates = steps.filter((step) => step.action === 'create');
  if (creates.length > 0) {
    // Signed as the bulk path pulls them, so 100,000 credentials are never all in memory.
    const versions = (function* () {
      for (const step of creates) yield version(signer, step, provenance(format, file, step, imported));
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
  }
}

function count(steps: readonly Step[], action: Step['action']): number {
  return steps.filter((step) => step.action === action && step.attachment !== true).length;
}

export function importService(ctx: AppContext): ImportApi {
  return {
    async 'data.import'({ path, name, format, map, dryRun }): Promise<ImportResultView> {
      const signer = ctx.signer(); // fail before any work if the key is locked
      const bytes = await readImportFile(path, format);
      const file = { name: basename(name ?? path), bytes };
      const importer = importerFor(file, format);
      const read = importer.read(file, map === undefined ? {} : { map });
      const locker = await ctx.locker();
      const { steps, problems } = await planImport(locker, read.items);
      const written = dryRun !== true && steps.some((step) => step.action === 'create' || step.action === 'update');
      if (written) {
        await writeSteps(locker, signer, steps, importer.format, file.name);
        ctx.emit('records.changed', {});
        ctx.emit('log.appended', {});
      }
      const errors = [...read.problems, ...problems].map(({ place, reason }) => ({ item: place, reason }));
      return {
        format: importer.format,
        imported: count(steps, 'create'),
        updated: count(steps, 'update'),
        unchanged: count(steps, 'unchanged'),
        skipped: count(steps, 'skipped'),
        errors,
        dryRun: dryRun === true,
      };
    },
  };
}
