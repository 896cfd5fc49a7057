// Every importer, and how a file finds its own: --format when given, else the first
// importer that recognizes the file. Archives are opened from the file and read entry by
// entry (archives/zip-reader.ts); text files are read whole (they are at most
// MAX_IMPORT_BYTES, and their parsers want the text).
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ImportFormat } from '../../api/records.ts';
import { KithError } from '../../base/errors.ts';
import { fileError, regularFileSize } from '../files.ts';
import { facebookImporter } from './archives/facebook-importer.ts';
import { takeoutImporter } from './archives/takeout-importer.ts';
import { MAX_ENTRIES, isZip, tooManyEntries, type EntryProgress } from './archives/zip-entries.ts';
import { fileAccess, openZip, type RandomAccess, type ZipArchive } from './archives/zip-reader.ts';
import { csvImporter } from './csv/csv-importer.ts';
import { icalImporter } from './ical/ical-importer.ts';
import type { ArchiveImporter, ImportFile, ImportOptions, ImportRead, Importer } from './importer.ts';
import { isBinary } from './text-input.ts';
import { vcardImporter } from './vcard/vcard-importer.ts';

/** Text exports this large are already ~100,000 contacts; anything bigger is likely the wrong file. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
/** Platform archives carry photos and more besides; only the entries read are inflated, one at a time. */
export const MAX_ARCHIVE_BYTES = 512 * 1024 * 1024;

const TEXT_IMPORTERS: readonly Importer[] = [vcardImporter, icalImporter, csvImporter];
const ARCHIVE_IMPORTERS: readonly ArchiveImporter[] = [takeoutImporter, facebookImporter];

export function importerFor(file: ImportFile, format: ImportFormat | undefined): Importer {
  if (format !== undefined) {
    const importer = TEXT_IMPORTERS.find((candidate) => candidate.format === format);
    if (importer === undefined) throw new KithError('Internal', `No importer for ${format}.`);
    return importer;
  }
  const found = TEXT_IMPORTERS.find((candidate) => candidate.detect(file));
  if (found !== undefined) return found;
  if (isBinary(file.bytes)) {
    throw new KithError('InvalidInput', `${file.name} is a binary file Kith cannot import.`, { hint: 'Import a .vcf (contacts), .ics (calendar) or .csv (purchases) file, or a Google Takeout or Facebook .zip.' });
  }
  throw new KithError('InvalidInput', `Kith cannot tell what kind of file ${file.name} is.`, { hint: 'Say it with --format vcard, ical, csv, google-takeout or facebook.' });
}

/** The importer for an opened archive: by --format, else by the names of its entries. */
export function archiveImporterFor(zip: ZipArchive, name: string, format: ImportFormat | undefined): ArchiveImporter {
  const names = zip.entries.map((entry) => entry.name);
  const found = format === undefined ? ARCHIVE_IMPORTERS.find((candidate) => candidate.detect(names)) : ARCHIVE_IMPORTERS.find((candidate) => candidate.format === format);
  if (found !== undefined) return found;
  throw new KithError('InvalidInput', `${name} is a zip archive, but neither a Google Takeout nor a Facebook download.`, {
    hint: 'Unpack it and import the .vcf, .ics or .csv files inside, or say what it is with --format.',
  });
}

const isArchiveFormat = (format: ImportFormat | undefined) => ARCHIVE_IMPORTERS.some((importer) => importer.format === format);

/** An import's items, read as they are asked for. */
export interface OpenedImport {
  readonly format: ImportFormat;
  /** The items in parts, each to be written before the next is read (an archive's entries one at a time). */
  readonly parts: AsyncGenerator<ImportRead>;
  /** How many items there are, when known before they are written (a text file, read whole). */
  readonly count?: number;
}

/** Every part at once (tests, small files). */
export async function collect(opened: OpenedImport): Promise<ImportRead> {
  const read: ImportRead = { items: [], problems: [] };
  for await (const part of opened.parts) {
    read.items.push(...part.items);
    read.problems.push(...part.problems);
  }
  return read;
}

async function* closing(parts: AsyncGenerator<ImportRead>, source: RandomAccess): AsyncGenerator<ImportRead> {
  try {
    yield* parts;
  } finally {
    await source.close();
  }
}

/**
 * An archive in `source`, by the importer --format names or the one its entries point to.
 * The source is closed when its parts are done (or on an error before).
 */
export async function readArchive(source: RandomAccess, name: string, format: ImportFormat | undefined, progress?: EntryProgress): Promise<OpenedImport> {
  try {
    const head = await source.read(0, 4);
    if (!isZip(head)) throw new KithError('InvalidInput', `${name} is not a .zip archive.`, { hint: 'Import the .zip as Google or Facebook gave it.' });
    const zip = await openZip(source, MAX_ENTRIES, tooManyEntries);
    const importer = archiveImporterFor(zip, name, format);
    return { format: importer.format, parts: closing(importer.read(zip, name, progress), source) };
  } catch (error) {
    await source.close();
    throw error;
  }
}

function tooLarge(name: string, size: number, archive: boolean): KithError {
  const limit = archive ? MAX_ARCHIVE_BYTES : MAX_IMPORT_BYTES;
  return new KithError('InvalidInput', `${name} is ${Math.ceil(size / 1024 / 1024)} MiB; Kith imports ${archive ? 'archives' : 'files'} of up to ${limit / 1024 / 1024} MiB.`, {
    hint: 'Split it into smaller files, or export less at a time.',
  });
}

/**
 * The items of the file at `path` (`name`: what the person calls it). Nothing here
 * writes; every refusal (too large, empty, binary, the wrong format) is an InvalidInput,
 * thrown here or, for an archive, by the first step of its parts (before any part).
 */
export async function readImport(path: string, name: string, format: ImportFormat | undefined, options: ImportOptions, progress?: EntryProgress): Promise<OpenedImport> {
  const size = await regularFileSize(path);
  if (size === 0) throw new KithError('InvalidInput', `${basename(path)} is empty.`);
  const source = await fileAccess(path).catch((error: unknown) => {
    throw fileError(error, path);
  });
  const head = await source.read(0, 4).catch(async (error: unknown) => {
    await source.close();
    throw fileError(error, path);
  });
  const archive = isArchiveFormat(format) || (format === undefined && isZip(head));
  if (size > (archive ? MAX_ARCHIVE_BYTES : MAX_IMPORT_BYTES)) {
    await source.close();
    throw tooLarge(basename(path), size, archive);
  }
  if (archive) return readArchive(source, name, format, progress);
  await source.close();
  const bytes = await readFile(path).catch((error: unknown) => {
    throw fileError(error, path);
  });
  const file = { name, bytes };
  const importer = importerFor(file, format);
  progress?.(0, size);
  const read = importer.read(file, options);
  progress?.(size, size);
  return {
    format: importer.format,
    count: read.items.length,
    parts: (async function* () {
      yield read;
    })(),
  };
}
