// Reading a platform export straight from its .zip, with limits, because an archive is
// the easiest way to hand a program a bomb: at most MAX_ENTRIES entries (checked before
// the central directory is read), and only the entries an importer asks for are
// inflated, each at most MAX_ENTRY_BYTES and together at most MAX_SELECTED_BYTES, all
// checked against the declared sizes before anything is inflated. zip-reader.ts then
// refuses an entry that inflates past its declared size, claims more than deflate can
// produce from its bytes, or fails its CRC — all checked for every chosen entry before
// any is imported. Entries are then read one at a time, each handed on and dropped before
// the next, so memory holds one entry, not the archive.
import { KithError } from '../../../base/errors.ts';
import type { ZipArchive, ZipEntry } from './zip-reader.ts';

export const MAX_ENTRIES = 20_000;
export const MAX_ENTRY_BYTES = 64 * 1024 * 1024;
export const MAX_SELECTED_BYTES = 256 * 1024 * 1024;

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

export function tooManyEntries(): KithError {
  return new KithError('InvalidInput', `The archive holds more than ${MAX_ENTRIES.toLocaleString('en')} entries; Kith does not open it.`, {
    hint: 'Export only contacts and calendars (Takeout lets you choose), or unpack it and import the .vcf and .ics files.',
  });
}

/** The files (not folders) an importer wants, checked against the limits before any is inflated. */
export function selectEntries(zip: ZipArchive, wanted: (name: string) => boolean): ZipEntry[] {
  const chosen = zip.entries.filter((entry) => !entry.name.endsWith('/') && wanted(entry.name));
  let selected = 0;
  for (const entry of chosen) {
    selected += entry.size;
    if (entry.size > MAX_ENTRY_BYTES || selected > MAX_SELECTED_BYTES) {
      throw new KithError('InvalidInput', `The archive's ${entry.name.slice(0, 120)} would unpack to more than Kith reads from one archive (${MAX_SELECTED_BYTES / 1024 / 1024} MiB).`, {
        hint: 'An export this large is unusual; unpack it yourself and import its files one by one.',
      });
    }
  }
  return chosen;
}

/** Bytes of the chosen entries read so far, and of all of them: for a progress bar. */
export type EntryProgress = (done: number, total: number) => void;

export interface EntryRead {
  readonly entry: ZipEntry;
  readonly bytes: Uint8Array;
  /** Reports how much of this entry (0..1) its importer has taken in. */
  readonly report: (share: number) => void;
}

/**
 * The chosen entries one by one, each inflated when asked for and dropped before the
 * next. First every one is inflated and checked once (its size, its CRC) and dropped: a
 * damaged or lying entry refuses the whole archive before any of it is imported.
 */
export async function* readEntries(zip: ZipArchive, chosen: readonly ZipEntry[], progress?: EntryProgress): AsyncGenerator<EntryRead> {
  for (const entry of chosen) await zip.read(entry);
  const total = chosen.reduce((sum, entry) => sum + entry.compressedSize, 0);
  let before = 0;
  progress?.(0, total);
  for (const entry of chosen) {
    const at = before;
    yield { entry, bytes: await zip.read(entry), report: (share) => progress?.(Math.round(at + Math.min(1, share) * entry.compressedSize), total) };
    before += entry.compressedSize;
    progress?.(before, total);
  }
}
