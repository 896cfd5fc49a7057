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
    }),
    output: importResult,
    signs: true,
  }),
} as const;

export type ImportResultView = z.output<typeof importResult>;
