// data.import: bring in what people already have — address books, calendars, purchase
// and bank histories — each item a signed record that says where it came from.
import { z } from 'zod';
import { method } from '../method.ts';
import { IMPORT_FORMATS } from '../records.ts';

const importResult = z.strictObject({
  /** The format read (as given, or as detected). */
  format: z.enum(IMPORT_FORMATS),
  /** New records. */
  imported: z.number().int().nonnegative(),
  /** Records of an earlier import whose item changed: a new version each. */
  updated: z.number().int().nonnegative(),
  /** Items already in the locker just as they are in the file. */
  unchanged: z.number().int().nonnegative(),
  /** Items left alone on purpose (you deleted their record since an earlier import). */
  skipped: z.number().int().nonnegative(),
  /** Items that could not be read: where they are in the file, and why. */
  errors: z.array(z.strictObject({ item: z.string(), reason: z.string() })),
  dryRun: z.boolean(),
  /** The import's run, to undo it by (absent when nothing was written). */
  run: z.string().optional(),
});

/** A caller's label for the `import.progress` events of its call (so a UI follows its own import). */
export const progressLabel = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, - or _');

const undoResult = z.strictObject({
  /** The import undone: its run, file, format and when it ran. */
  run: z.strictObject({ id: z.string(), file: z.string(), format: z.enum(IMPORT_FORMATS), time: z.string() }),
  /** Records the import had added, now deleted (each a signed tombstone). */
  deleted: z.number().int().nonnegative(),
  /** Records the import had changed, put back as they were before (a new signed version each). */
  restored: z.number().int().nonnegative(),
  /** Records changed by hand since the import: left as they are. */
  kept: z.array(z.strictObject({ id: z.string(), type: z.string(), reason: z.string() })),
  /** Records already deleted or put back since, or never written: nothing to do. */
  unchanged: z.number().int().nonnegative(),
  dryRun: z.boolean(),
});

export const importMethods = {
  'data.import': method({
    kind: 'command',
    summary: 'Import contacts (vCard), events (iCalendar), purchases (CSV), or a Google Takeout or Facebook archive, from a file',
    input: z.strictObject({
      path: z.string().min(1, 'must name a file').max(4096),
      /** The file's name as the person knows it, when `path` is a copy (an upload): for provenance and detection. */
      name: z.string().min(1).max(255).optional(),
      format: z.enum(IMPORT_FORMATS, `must be one of ${IMPORT_FORMATS.join(', ')}`).optional(),
      /** CSV columns: date=Date,description=Description,amount=Amount[,currency=EUR]. */
      map: z.string().max(1000).optional(),
      /** Say what would happen, write nothing. */
      dryRun: z.boolean().optional(),
      /** Label for this call's `import.progress` events. */
      progress: progressLabel.optional(),
    }),
    output: importResult,
    signs: true,
  }),
  'data.import.undo': method({
    kind: 'command',
    summary: 'Undo the last import: delete the records it added, put back the ones it changed (records changed by hand since are kept)',
    input: z.strictObject({
      /** The run to undo (from data.import's answer): refused unless it is still the last import. */
      run: z.string().min(1).max(64).optional(),
      /** Say what would happen, write nothing. */
      dryRun: z.boolean().optional(),
      progress: progressLabel.optional(),
    }),
    output: undoResult,
    signs: true,
  }),
} as const;

export type ImportResultView = z.output<typeof importResult>;
export type UndoImportView = z.output<typeof undoResult>;
