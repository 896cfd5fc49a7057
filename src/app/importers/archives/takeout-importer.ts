// A Google Takeout archive (.zip): its address books (Takeout/Contacts/**/*.vcf) and
// calendars (Takeout/Calendar/*.ics), read by the vCard and iCalendar importers. A
// contact or event keeps its own source id, so importing it from the archive and from
// the .vcf or .ics alone gives one record.
import { isKithError, KithError } from '../../../base/errors.ts';
import { readCalendar } from '../ical/ical-importer.ts';
import type { ArchiveImporter, ImportItem, ItemProblem } from '../importer.ts';
import { decodeText } from '../text-input.ts';
import { readVcards } from '../vcard/vcard-importer.ts';
import { readEntries, selectEntries } from './zip-entries.ts';

const CONTACTS = /^(?:[^/]+\/)?Takeout\/Contacts\/.+\.vcf$/i;
const CALENDAR = /^(?:[^/]+\/)?Takeout\/Calendar\/.+\.ics$/i;

export function isTakeout(names: readonly string[]): boolean {
  return names.some((name) => /^(?:[^/]+\/)?Takeout\//.test(name));
}

export const takeoutImporter: ArchiveImporter = {
  format: 'google-takeout',
  detect: isTakeout,
  async read(zip, file, progress) {
    const chosen = selectEntries(zip, (name) => CONTACTS.test(name) || CALENDAR.test(name));
    if (chosen.length === 0) {
      throw new KithError('InvalidInput', `${file} holds no contacts or calendars (Takeout/Contacts/*.vcf, Takeout/Calendar/*.ics).`, {
        hint: 'Choose Contacts and Calendar when you make the export.',
      });
    }
    const items: ImportItem[] = [];
    const problems: ItemProblem[] = [];
    // One entry's bytes and text at a time: each is dropped before the next is inflated.
    for await (const [entry, bytes] of readEntries(zip, chosen, progress)) {
      const name = entry.name;
      try {
        const text = decodeText(bytes, name);
        const result = CONTACTS.test(name) ? readVcards(text) : readCalendar(text);
        for (const item of result.items) items.push({ ...item, place: `${name}, ${item.place}` });
        for (const problem of result.problems) problems.push({ ...problem, place: `${name}, ${problem.place}` });
      } catch (error) {
        if (!isKithError(error)) throw error;
        problems.push({ place: name, reason: error.message });
      }
    }
    return { items, problems };
  },
};
