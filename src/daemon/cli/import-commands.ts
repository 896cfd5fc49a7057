// `kith data import`: contacts, calendars and purchase histories from the files people
// already have (see src/app/importers/).
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { ImportResultView, UndoImportView } from '../../api/methods/import.ts';
import { IMPORT_FORMATS, type ImportFormat } from '../../api/records.ts';
import { invalidInput } from '../../base/errors.ts';
import { type Command, type CommandContext, arg, print } from './commands.ts';
import { progressBar } from './progress-bar.ts';

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

/** `run` with a progress bar while it works, when stdout is a terminal and the answer is not --json. */
async function withProgress<T>(ctx: CommandContext, run: (label: string) => Promise<T>): Promise<T> {
  const label = `cli-${randomBytes(6).toString('hex')}`;
  if (ctx.json || ctx.terminal === undefined || ctx.events === undefined) return run(label);
  const bar = progressBar(ctx.terminal);
  const stop = await ctx.events((event) => {
    if (event.name === 'import.progress' && event.payload.id === label) bar.update(event.payload);
  });
  try {
    return await run(label);
  } finally {
    stop();
    bar.clear();
  }
}

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ') + ' UTC';

export function formatUndo(result: UndoImportView): string {
  const { run } = result;
  const lines = [
    `${result.dryRun ? 'Would undo' : 'Undid'} the import of ${run.file} (${run.format}, ${when(run.time)}): ` +
      `${result.deleted} record${result.deleted === 1 ? '' : 's'} it added ${result.dryRun ? 'to delete' : 'deleted'}, ` +
      `${result.restored} it changed ${result.dryRun ? 'to put back' : 'put back'} as before` +
      (result.unchanged === 0 ? '' : `, ${result.unchanged} already gone or put back`) +
      (result.kept.length === 0 ? '.' : `; ${result.kept.length} you changed after the import ${result.dryRun ? 'would be' : 'were'} kept as they are:`),
    ...result.kept.slice(0, 20).map((kept) => `  ${kept.type} ${kept.id}`),
  ];
  if (result.kept.length > 20) lines.push(`  … and ${result.kept.length - 20} more (see them all with --json).`);
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
      const result = await withProgress(ctx, (progress) =>
        ctx.client.call('data.import', {
          path,
          progress,
          ...(typeof format === 'string' ? { format: format as ImportFormat } : {}),
          ...(typeof map === 'string' ? { map } : {}),
          ...(ctx.flags['dry-run'] === true ? { dryRun: true } : {}),
        }),
      );
      print(ctx, result, () => formatImport(result, arg(ctx, 0)) + (result.run === undefined ? '' : '\nUndo it with `kith data undo-import`.'));
    },
  },
  'data undo-import': {
    usage: 'kith data undo-import [--dry-run]',
    summary: 'Undo the last import: delete the records it added, put back the ones it changed; records you changed since are kept',
    options: { 'dry-run': { type: 'boolean' } },
    arity: [0, 0],
    async run(ctx) {
      const result = await withProgress(ctx, (progress) => ctx.client.call('data.import.undo', { progress, ...(ctx.flags['dry-run'] === true ? { dryRun: true } : {}) }));
      print(ctx, result, () => formatUndo(result));
    },
  },
};
