// `kith data import`: contacts, calendars and purchase histories from the files people
// already have (see src/app/importers/).
import { resolve } from 'node:path';
import type { ImportResultView } from '../../api/methods/import.ts';
import { IMPORT_FORMATS, type ImportFormat } from '../../api/records.ts';
import { invalidInput } from '../../base/errors.ts';
import { type Command, arg, print } from './commands.ts';

const NOUNS: Record<ImportFormat, string> = { vcard: 'contact', ical: 'event', csv: 'purchase', 'google-takeout': 'item', facebook: 'item' };

export function formatImport(result: ImportResultView, file: string): string {
  const noun = NOUNS[result.format];
  const plural = (n: number) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const lines = [
    `${result.dryRun ? 'Would import' : 'Imported'} ${file} (${result.format}): ${plural(result.imported)} new, ${result.updated} updated, ${result.unchanged} unchanged` +
      (result.skipped === 0 ? '' : `, ${result.skipped} skipped (deleted since an earlier import)`) +
      (result.errors.length === 0 ? '.' : `, ${result.errors.length} not readable:`),
    ...result.errors.slice(0, 20).map((error) => `  ${error.item}: ${error.reason}`),
  ];
  if (result.errors.length > 20) lines.push(`  … and ${result.errors.length - 20} more (see them all with --json).`);
  if (result.dryRun) lines.push('Nothing was written (--dry-run).');
  return lines.join('\n');
}

export const importCommands: Readonly<Record<string, Command>> = {
  'data import': {
    usage: 'kith data import FILE [--format vcard|ical|csv|google-takeout|facebook] [--map SPEC] [--dry-run]',
    summary: 'Import contacts (.vcf), events (.ics), purchases (.csv), or a Google Takeout or Facebook archive (.zip); --map date=Date,description=Description,amount=Amount[,currency=EUR] for CSV columns',
    options: { format: { type: 'string' }, map: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    arity: [1, 1],
    async run(ctx) {
      const format = ctx.flags['format'];
      if (format !== undefined && !(IMPORT_FORMATS as readonly unknown[]).includes(format)) {
        throw invalidInput(`--format must be one of ${IMPORT_FORMATS.join(', ')}.`);
      }
      const map = ctx.flags['map'];
      const path = resolve(arg(ctx, 0));
      const result = await ctx.client.call('data.import', {
        path,
        ...(typeof format === 'string' ? { format: format as ImportFormat } : {}),
        ...(typeof map === 'string' ? { map } : {}),
        ...(ctx.flags['dry-run'] === true ? { dryRun: true } : {}),
      });
      print(ctx, result, () => formatImport(result, arg(ctx, 0)));
    },
  },
};
