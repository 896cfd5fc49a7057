// A Google Takeout archive (.zip): its address books (Takeout/Contacts/**/*.vcf) and
// calendars (Takeout/Calendar/*.ics), read by the vCard and iCalendar importers. A
// contact or event keeps its own source id, so importing it from the archive and from
// the .vcf or .ics alone gives one record.
import { isKithError, KithError } from '../../../base/errors.ts';
import { readCalendar } from '../ical/ical-importer.ts';
import type { ImportFile, ImportItem, ImportRead, Importer, ItemProblem } from '../importer.ts';
import { decodeText } from '../text-input.ts';
import { readVcards } from '../vcard/vcard-importer.ts';
import { isZip, readZipEntries, zipNames } from './zip-entries.ts';

const CONTACTS = /^(?:[^/]+\/)?Takeout\/Contacts\/.+\.vcf$/i;
const CALENDAR = /^(?:[^/]+\/)?Takeout\/Calendar\/.+\.ics$/i;

export function isTakeout(names: readonly string[]): boolean {
  return names.some((name) => /^(?:[^/]+\/)?Takeout\//.test(name));
}

/** Each entry's items and problems, with the entry's name in front of their places. */
export function readEntries(entries: Map<string, Uint8Array>, read: (name: string, text: string) => ImportRead): ImportRead {
  const items: ImportItem[] = [];
  const problems: ItemProblem[] = [];
  for (const [name, bytes] of entries) {
    try {
      const result = read(name, decodeText(bytes, name));
      items.push(...result.items.map((item) => ({ ...item, place: `${name}, ${item.place}` })));
      problems.push(...result.problems.map((problem) => ({ ...problem, place: `${name}, ${problem.place}` })));
    } catch (error) {
      if (!isKithError(error)) throw error;
      problems.push({ place: name, reason: error.message });
    }
  }
  return { items, problems };
}

export const takeoutImporter: Importer = {
  format: 'google-takeout',
  detect(file: ImportFile) {
    if (!isZip(file.bytes)) return false;
    try {
      return isTakeout(zipNames(file.bytes));
    } catch {
      return false; // the registry says why (a broken archive, too many entries)
    }
  },
  read(file: ImportFile) {
    if (!isZip(file.bytes)) throw new KithError('InvalidInput', `${file.name} is not a .zip archive.`, { hint: 'Import the Takeout .zip as Google gave it.' });
    const entries = readZipEntries(file.bytes, (name) => CONTACTS.test(name) || CALENDAR.test(name));
    if (entries.size === 0) {
      throw new KithError('InvalidInput', `${file.name} holds no contacts or calendars (Takeout/Contacts/*.vcf, Takeout/Calendar/*.ics).`, {
        hint: 'Choose Contacts and Calendar when you make the export.',
      });
    }
    return readEntries(entries, (name, text) => (CONTACTS.test(name) ? readVcards(text) : readCalendar(text)));
  },
};
