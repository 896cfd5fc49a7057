// Every importer, and how a file finds its own: --format when given, else the first
// importer that recognizes the file.
import type { ImportFormat } from '../../api/records.ts';
import { KithError } from '../../base/errors.ts';
import { facebookImporter } from './archives/facebook-importer.ts';
import { isZip, zipNames } from './archives/zip-entries.ts';
import { takeoutImporter } from './archives/takeout-importer.ts';
import { csvImporter } from './csv/csv-importer.ts';
import { icalImporter } from './ical/ical-importer.ts';
import type { ImportFile, Importer } from './importer.ts';
import { isBinary } from './text-input.ts';
import { vcardImporter } from './vcard/vcard-importer.ts';

// Archives first: their detection looks inside the zip, the text formats' at names and first lines.
const IMPORTERS: readonly Importer[] = [takeoutImporter, facebookImporter, vcardImporter, icalImporter, csvImporter];

export function importerFor(file: ImportFile, format: ImportFormat | undefined): Importer {
  if (format !== undefined) {
    const importer = IMPORTERS.find((candidate) => candidate.format === format);
    if (importer === undefined) throw new KithError('Internal', `No importer for ${format}.`);
    return importer;
  }
  const found = IMPORTERS.find((candidate) => candidate.detect(file));
  if (found !== undefined) return found;
  if (isZip(file.bytes)) {
    zipNames(file.bytes); // throws for an archive that cannot be read, or holds too many entries
    throw new KithError('InvalidInput', `${file.name} is a zip archive, but neither a Google Takeout nor a Facebook download.`, {
      hint: 'Unpack it and import the .vcf, .ics or .csv files inside, or say what it is with --format.',
    });
  }
  if (isBinary(file.bytes)) {
    throw new KithError('InvalidInput', `${file.name} is a binary file Kith cannot import.`, { hint: 'Import a .vcf (contacts), .ics (calendar) or .csv (purchases) file, or a Google Takeout or Facebook .zip.' });
  }
  throw new KithError('InvalidInput', `Kith cannot tell what kind of file ${file.name} is.`, { hint: 'Say it with --format vcard, ical, csv, google-takeout or facebook.' });
}
