// A Google Takeout archive (.zip): its address books (Takeout/Contacts/**/*.vcf) and
// calendars (Takeout/Calendar/*.ics), read by the vCard and iCalendar importers. A
// contact or event keeps its own source id, so importing it from the archive and from
// the .vcf or .ics alone gives one record.
import { isKithError, KithError } from '../../../base/errors.ts';
import { readCalendar } from '../ical/ical-importer.ts';
import type { ArchiveImporter, ImportRead, ItemProblem } from '../importer.ts';
import { decodeText } from '../text-input.ts';
import { vcardParts } from '../vcard/vcard-importer.ts';
import { readEntries, selectEntries } from './zip-entries.ts';

const CONTACTS = /^(?:[^/]+\/)?Takeout\/Contacts\/.+\.vcf$/i;
const CALENDAR = /^(?:[^/]+\/)?Takeout\/Calendar\/.+\.ics$/i;

export function isTakeout(names: readonly string[]): boolean {
  return names.some((name) => /^(?:[^/]+\/)?Takeout\//.test(name));
}

const placed = (name: string, part: ImportRead): ImportRead => ({
  items: part.items.map((item) => ({ ...item, place: `${name}, ${item.place}` })),
  problems: part.problems.map((problem) => ({ ...problem, place: `${name}, ${problem.place}` })),
});

export const takeoutImporter: ArchiveImporter = {
  format: 'google-takeout',
  detect: isTakeout,
  async *read(zip, file, progress) {
    const chosen = selectEntries(zip, (name) => CONTACTS.test(name) || CALENDAR.test(name));
    if (chosen.length === 0) {
      throw new KithError('InvalidInput', `${file} holds no contacts or calendars (Takeout/Contacts/*.vcf, Takeout/Calendar/*.ics).`, {
        hint: 'Choose Contacts and Calendar when you make the export.',
      });
    }
    // One entry's bytes and text at a time, its contacts a thousand at a time.
    for await (const { entry, bytes, report } of readEntries(zip, chosen, progress)) {
      const name = entry.name;
      let problem: ItemProblem | undefined;
      try {
        const text = decodeText(bytes, name);
        if (CONTACTS.test(name)) {
          for (const part of vcardParts(text)) {
            yield placed(name, part);
            report(part.share);
          }
        } else yield placed(name, readCalendar(text));
      } catch (error) {
        if (!isKithError(error)) throw error;
        problem = { place: name, reason: error.message };
      }
      if (problem !== undefined) yield { items: [], problems: [problem] };
    }
  },
};
