// A Facebook "Download your information" archive (.zip, JSON format): the owner's
// profile (name, emails, birthday, phones) as their own records, and friends as
// contacts. Facebook writes its JSON with every UTF-8 byte escaped as a character of
// its own ("Jos\u00c3\u00a9" for José), so text is decoded once more.
import { z } from 'zod';
import { recordSchemas } from '../../../api/records.ts';
import { KithError } from '../../../base/errors.ts';
import type { ArchiveImporter, Draft, ImportItem, ImportRead, ItemProblem } from '../importer.ts';
import { uniqueIds } from '../source-ids.ts';
import { readEntries, selectEntries } from './zip-entries.ts';

const PROFILE = /(^|\/)(personal_information\/)?profile_information\/profile_information\.json$|(^|\/)profile_information\.json$/;
const FRIENDS = /(^|\/)(connections\/friends\/your_friends|friends_and_followers\/friends|friends\/friends)\.json$/;

export function isFacebook(names: readonly string[]): boolean {
  return names.some((name) => PROFILE.test(name) || FRIENDS.test(name));
}

/** Undoes Facebook's escaping: a string of byte-sized characters is UTF-8 read byte by byte. */
export function facebookText(value: string): string {
  if (![...value].every((char) => char.charCodeAt(0) <= 0xff)) return value;
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(Uint8Array.from([...value].map((char) => char.charCodeAt(0))));
  return decoded.includes('\ufffd') ? value : decoded;
}

const fbString = z.string().transform(facebookText);
const profileSchema = z.object({
  profile_v2: z.object({
    name: z.object({ full_name: fbString, first_name: fbString.optional(), last_name: fbString.optional() }).optional(),
    emails: z.object({ emails: z.array(z.string()).optional() }).optional(),
    birthday: z.object({ year: z.number().int(), month: z.number().int(), day: z.number().int() }).optional(),
    phone_numbers: z.array(z.object({ phone_number: z.string() })).optional(),
  }),
});
const friendSchema = z.object({ name: fbString, timestamp: z.number().optional() });
const friendsSchema = z.union([z.object({ friends_v2: z.array(friendSchema) }), z.object({ friends: z.array(friendSchema) })]);

function json(name: string, bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    throw new KithError('InvalidInput', `${name} in the archive is not valid JSON.`, { hint: 'Download the information again, in JSON format.' });
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

function profileItems(name: string, value: unknown, problems: ItemProblem[]): ImportItem[] {
  const parsed = profileSchema.safeParse(value);
  if (!parsed.success) {
    problems.push({ place: name, reason: 'it is not a profile Kith knows how to read' });
    return [];
  }
  const profile = parsed.data.profile_v2;
  const items: ImportItem[] = [];
  const add = (sourceId: string, place: string, draft: Draft) => {
    // The owner's own records: kept only when they fit their type, others reported.
    const check = recordSchemas[draft.type].safeParse(draft.data);
    if (check.success) items.push({ sourceId, place: `${name}, ${place}`, draft });
    else problems.push({ place: `${name}, ${place}`, reason: `it is not a valid ${draft.type} (${check.error.issues[0]?.message ?? 'invalid'})` });
  };
  if (profile.name !== undefined) {
    const { full_name: full, first_name: given, last_name: family } = profile.name;
    add('profile:name', 'name', { type: 'name', data: { full, ...(given ? { given } : {}), ...(family ? { family } : {}) } });
  }
  for (const address of profile.emails?.emails ?? []) add(`profile:email:${address}`, `email ${address}`, { type: 'email', data: { address } });
  for (const { phone_number: number } of profile.phone_numbers ?? []) add(`profile:phone:${number}`, `phone ${number}`, { type: 'phone', data: { number } });
  const birthday = profile.birthday;
  if (birthday !== undefined && birthday.year > 0) add('profile:birthdate', 'birthday', { type: 'birthdate', data: { date: `${birthday.year}-${pad(birthday.month)}-${pad(birthday.day)}` } });
  return items;
}

function friendItems(name: string, value: unknown, problems: ItemProblem[]): ImportItem[] {
  const parsed = friendsSchema.safeParse(value);
  if (!parsed.success) {
    problems.push({ place: name, reason: 'it is not a friends list Kith knows how to read' });
    return [];
  }
  const friends = 'friends_v2' in parsed.data ? parsed.data.friends_v2 : parsed.data.friends;
  const unique = uniqueIds();
  return friends
    .filter((friend) => friend.name.trim() !== '')
    .map((friend, index) => ({
      // Facebook gives friends no id; their name and when you became friends stay the same between downloads.
      sourceId: unique(`facebook-friend:${friend.name}:${friend.timestamp ?? ''}`),
      place: `${name}, friend ${index + 1}`,
      draft: { type: 'contact', data: { name: friend.name.trim().slice(0, 200) } },
    }));
}

export const facebookImporter: ArchiveImporter = {
  format: 'facebook',
  detect: isFacebook,
  async *read(zip, file, progress): AsyncGenerator<ImportRead> {
    const chosen = selectEntries(zip, (name) => PROFILE.test(name) || FRIENDS.test(name));
    if (chosen.length === 0) {
      throw new KithError('InvalidInput', `${file} holds no profile or friends list in JSON.`, { hint: 'Download your information in JSON format, with your profile and friends.' });
    }
    // One part for the whole download: its JSON files are small, and one that is not JSON refuses it before anything is written.
    const problems: ItemProblem[] = [];
    const items: ImportItem[] = [];
    for await (const { entry, bytes } of readEntries(zip, chosen, progress)) {
      const value = json(entry.name, bytes);
      items.push(...(PROFILE.test(entry.name) ? profileItems(entry.name, value, problems) : friendItems(entry.name, value, problems)));
    }
    yield { items, problems };
  },
};
