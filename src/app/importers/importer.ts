// One interface for every import format (architecture.md, "Importers"): an importer
// says whether a file looks like its format, reads it into items, each with its own id in
// the source and its place in the file, and maps each item to record data. The import
// service (services/import-service.ts) does the rest — matching items to the records of
// earlier imports, signing, committing — the same way for every format.
import type { ImportFormat, RecordType } from '../../api/records.ts';
import type { EntryProgress } from './archives/zip-entries.ts';
import type { ZipArchive } from './archives/zip-reader.ts';

export interface ImportFile {
  /** The file's own name (no directories): it goes into each record's provenance. */
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface ImportOptions {
  /** `--map`: which CSV column holds which field (see csv/column-map.ts). */
  readonly map?: string;
}

/** A picture that goes into the blob store as a document record of its own (a contact's photo). */
export interface Attachment {
  readonly bytes: Uint8Array;
  readonly mediaType: string;
  readonly name: string;
}

/** What one item becomes: a record's data, checked against its type's schema by the service. */
export interface Draft {
  readonly type: RecordType;
  readonly data: Record<string, unknown>;
  /** Stored first; its document record's id goes into data.photo. */
  readonly photo?: Attachment;
}

export interface ImportItem {
  /** Stable across exports of the same data: a UID, or a key made from the item's content. */
  readonly sourceId: string;
  /** Where in the file, for messages: "card 3 (line 41)", "row 12". */
  readonly place: string;
  readonly draft: Draft;
}

export interface ItemProblem {
  readonly place: string;
  readonly reason: string;
}

export interface ImportRead {
  readonly items: ImportItem[];
  readonly problems: ItemProblem[];
}

export interface Importer {
  readonly format: ImportFormat;
  /** Whether the file looks like this format (for imports without --format). */
  detect(file: ImportFile): boolean;
  /** Reads every item it can; a malformed one becomes a problem, never an exception. A file that is not this format at all throws InvalidInput. */
  read(file: ImportFile, options: ImportOptions): ImportRead;
}

/**
 * A platform export read straight from its .zip: detected by its entries' names, and read
 * entry by entry from the file (archives/zip-reader.ts), never whole.
 */
export interface ArchiveImporter {
  readonly format: ImportFormat;
  /** Whether the entries' names look like this platform's export. */
  detect(names: readonly string[]): boolean;
  /**
   * The archive's items in parts (an entry, or a thousand cards of one), each to be
   * written before the next is read; `file` is its name, for messages. Throws InvalidInput
   * (on the first step, before any part) when it holds nothing to import.
   */
  read(zip: ZipArchive, file: string, progress?: EntryProgress): AsyncGenerator<ImportRead>;
}
