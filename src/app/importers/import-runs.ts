// What each import wrote, so the last one can be undone: a run (file, format, time,
// counts) in `import-runs`, and the record versions it wrote in chunks in
// `import-run-records`. Both are written in the import's first commit, before any record
// (import-service.ts), so even an import that stopped half-way can be undone: a record it
// never wrote is simply not there to undo.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { IMPORT_FORMATS } from '../../api/records.ts';
import type { ItemChange, Locker } from '../../store/locker.ts';
import type { Step } from './import-plan.ts';

export const IMPORT_RUNS = 'import-runs';
export const IMPORT_RUN_RECORDS = 'import-run-records';
/** ~20 characters a record: 5,000 fit well inside a collection item (1 MiB). */
const CHUNK = 5000;

const runSchema = z.object({
  id: z.string(),
  file: z.string(),
  format: z.enum(IMPORT_FORMATS),
  time: z.string(),
  /** Record versions written, in chunks of CHUNK. */
  chunks: z.number().int().nonnegative(),
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  undone: z.string().optional(),
});
export type ImportRun = z.output<typeof runSchema>;

/** One record the import wrote: `created` (its version 1) or `updated` (to `version`). */
export interface RunRecord {
  readonly id: string;
  readonly version: number;
  readonly created: boolean;
}

/** Sorts by time: the last run is the last item of the collection. */
export function newRunId(time: string): string {
  return `${time.replace(/[^0-9]/g, '').slice(0, 17)}-${randomBytes(4).toString('hex')}`;
}

const chunkId = (run: string, index: number) => `${run}/${String(index).padStart(5, '0')}`;

/** The items that record one part's steps in the run (chunks after those it has), and the run as it then is. */
export function runItems(run: ImportRun, steps: readonly Step[]): { items: ItemChange[]; run: ImportRun } {
  const written = steps.filter((step) => step.action === 'create' || step.action === 'update');
  // `c` / `u`, id, version: compact, because an import can write 100,000 records.
  const encoded = written.map((step) => `${step.action === 'create' ? 'c' : 'u'}:${step.recordId}:${step.version}`);
  const items: ItemChange[] = [];
  for (let i = 0; i < encoded.length; i += CHUNK) items.push({ collection: IMPORT_RUN_RECORDS, id: chunkId(run.id, run.chunks + i / CHUNK), value: encoded.slice(i, i + CHUNK) });
  const next: ImportRun = {
    ...run,
    chunks: run.chunks + items.length,
    created: run.created + written.filter((step) => step.action === 'create' && step.attachment !== true).length,
    updated: run.updated + written.filter((step) => step.action === 'update' && step.attachment !== true).length,
  };
  return { items: [{ collection: IMPORT_RUNS, id: run.id, value: next }, ...items], run: next };
}

/** The last import that wrote anything (undone or not), if any. */
export async function lastRun(locker: Locker): Promise<ImportRun | undefined> {
  const runs = await locker.collections.list(IMPORT_RUNS);
  for (let i = runs.length - 1; i >= 0; i--) {
    const parsed = runSchema.safeParse(runs[i]?.value);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

const recordEntry = z.string().regex(/^[cu]:[a-z0-9]{8,64}:\d{1,9}$/);

export async function runRecords(locker: Locker, run: ImportRun): Promise<RunRecord[]> {
  const ids = Array.from({ length: run.chunks }, (_, index) => chunkId(run.id, index));
  const chunks = ids.length === 0 ? [] : await locker.collections.getMany(IMPORT_RUN_RECORDS, ids);
  const out: RunRecord[] = [];
  for (const chunk of chunks) {
    for (const entry of z.array(recordEntry).catch([]).parse(chunk)) {
      const [kind, id = '', version = '0'] = entry.split(':');
      out.push({ id, version: Number(version), created: kind === 'c' });
    }
  }
  return out;
}

/** The run marked undone (the records list is kept: what was undone stays readable). */
export function undoneItem(run: ImportRun, time: string): ItemChange {
  return { collection: IMPORT_RUNS, id: run.id, value: { ...run, undone: time } };
}
