// Reading a platform export straight from its .zip (fflate), with limits, because an
// archive is the easiest way to hand a program a bomb: at most MAX_ENTRIES entries, and
// only the entries an importer asks for are inflated, each at most MAX_ENTRY_BYTES and
// together at most MAX_SELECTED_BYTES. fflate inflates into a buffer of the size the
// central directory declares and never grows it, so an entry that lies about its size
// cannot inflate past the limit either.
import { unzipSync } from 'fflate';
import { KithError } from '../../../base/errors.ts';

export const MAX_ENTRIES = 20_000;
export const MAX_ENTRY_BYTES = 64 * 1024 * 1024;
export const MAX_SELECTED_BYTES = 256 * 1024 * 1024;

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

function unreadable(error: unknown): KithError {
  if (error instanceof KithError) return error;
  return new KithError('InvalidInput', `The archive cannot be read (${error instanceof Error ? error.message : 'not a zip file'}).`, { hint: 'Download the export again: the file may be incomplete.' });
}

/** Every entry's name (nothing inflated). */
export function zipNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        if (names.length >= MAX_ENTRIES) throw tooMany();
        names.push(file.name);
        return false;
      },
    });
  } catch (error) {
    throw unreadable(error);
  }
  return names;
}

function tooMany(): KithError {
  return new KithError('InvalidInput', `The archive holds more than ${MAX_ENTRIES.toLocaleString('en')} entries; Kith does not open it.`, {
    hint: 'Export only contacts and calendars (Takeout lets you choose), or unpack it and import the .vcf and .ics files.',
  });
}

/** The wanted entries' bytes, by name. */
export function readZipEntries(bytes: Uint8Array, wanted: (name: string) => boolean): Map<string, Uint8Array> {
  let entries = 0;
  let selected = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (++entries > MAX_ENTRIES) throw tooMany();
        if (file.name.endsWith('/') || !wanted(file.name)) return false;
        if (file.originalSize > MAX_ENTRY_BYTES || (selected += file.originalSize) > MAX_SELECTED_BYTES) {
          throw new KithError('InvalidInput', `The archive's ${file.name.slice(0, 120)} would unpack to more than Kith reads from one archive (${MAX_SELECTED_BYTES / 1024 / 1024} MiB).`, {
            hint: 'An export this large is unusual; unpack it yourself and import its files one by one.',
          });
        }
        return true;
      },
    });
  } catch (error) {
    throw unreadable(error);
  }
  return new Map(Object.entries(files));
}
