// A parsed vCard (jCard, RFC 7095, as ical.js gives it) as the data of a `contact` record.
// Property meanings: RFC 6350 §6 (4.0), RFC 2426 §3 (3.0); 2.1 cards arrive here already
// rewritten as 3.0 by vcard-lines.ts.
import { z } from 'zod';
import type { Attachment, Draft } from '../importer.ts';


interface Property {
  readonly name: string;
  readonly params: Record<string, unknown>;
  readonly type: string;
  readonly values: unknown[];
}

/** jCard's properties, checked by hand: a zod schema per card cost a third of the import. */
function properties(jcard: unknown): Property[] {
  const props: unknown = Array.isArray(jcard) && jcard[0] === 'vcard' ? jcard[1] : undefined;
  if (!Array.isArray(props) || !props.every((prop) => Array.isArray(prop))) throw new Error('it is not a vCard');
  return (props as unknown[][]).map(([name, params, type, ...values]) => ({
    name: String(name),
    params: typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {},
    type: String(type),
    values,
  }));
}

/** A value as text: structured values (N, ADR) are arrays, multi-valued components arrays again. */
function text(value: unknown): string {
  if (Array.isArray(value)) return value.map(text).filter((part) => part !== '').join(', ');
  return typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value);
}

function component(value: unknown, index: number): string | undefined {
  const part = Array.isArray(value) ? text(value[index]) : index === 0 ? text(value) : '';
  return part === '' ? undefined : part;
}

const LABELS = ['home', 'work', 'cell', 'mobile', 'fax', 'pager', 'main', 'other', 'iphone', 'school'];

/** The first type that reads as a label (home, work, cell): VOICE, INTERNET and PREF say nothing to a person. */
function labelOf(prop: Property): string | undefined {
  const types = [prop.params['type']].flat().map((type) => String(type ?? '').toLowerCase());
  const found = types.find((type) => LABELS.includes(type));
  return found === 'cell' ? 'mobile' : found;
}

function clip(value: string | undefined, max: number): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed.slice(0, max);
}

/** BDAY as YYYY-MM-DD or --MM-DD; undefined when it is not a date (4.0 allows free text). */
export function birthdayOf(value: string): string | undefined {
  const compact = value.trim().replace(/T.*$/, '');
  let match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(compact);
  if (match !== null) return `${match[1]}-${match[2]}-${match[3]}`;
  match = /^--(\d{2})-?(\d{2})$/.exec(compact);
  return match === null ? undefined : `--${match[1]}-${match[2]}`;
}

const IMAGE_TYPES: Record<string, string> = { jpeg: 'image/jpeg', jpg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp' };
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** An inline PHOTO (3.0 ENCODING=b, 4.0 data: URI); a photo by URL is not fetched. */
function photoOf(prop: Property, name: string): Attachment | undefined {
  const value = text(prop.values[0]);
  let base64: string;
  let mediaType: string;
  const dataUri = /^data:([\w.+-]+\/[\w.+-]+)?(;[^,]*)?;base64,(.*)$/s.exec(value);
  if (dataUri !== null) {
    mediaType = dataUri[1] ?? 'image/jpeg';
    base64 = dataUri[3] ?? '';
  } else if (prop.type === 'binary' || String(prop.params['encoding'] ?? '').toLowerCase() === 'b') {
    const type = String([prop.params['type']].flat()[0] ?? 'jpeg').toLowerCase().replace(/^image\//, '');
    mediaType = IMAGE_TYPES[type] ?? 'image/jpeg';
    base64 = value;
  } else {
    return undefined;
  }
  const bytes = Uint8Array.from(Buffer.from(base64.replace(/\s+/g, ''), 'base64'));
  if (bytes.length === 0 || bytes.length > MAX_PHOTO_BYTES) return undefined;
  const extension = Object.entries(IMAGE_TYPES).find(([, type]) => type === mediaType)?.[0] ?? 'img';
  return { bytes, mediaType, name: `${name.slice(0, 200)} photo.${extension}` };
}

const emailSchema = z.email(); // built once: building it per call cost more than the rest of a card's mapping
const isEmail = (value: string) => emailSchema.safeParse(value).success;

export interface CardContact {
  readonly uid: string | undefined;
  readonly draft: Draft;
}

/** The contact a card describes; throws an Error whose message says what is wrong with the card. */
export function contactFromCard(jcard: unknown): CardContact {
  const props = properties(jcard);
  const all = (name: string) => props.filter((prop) => prop.name === name);
  const first = (name: string) => all(name)[0];
  const n = first('n')?.values[0];
  const given = clip(component(n, 1), 100);
  const family = clip(component(n, 0), 100);
  const org = first('org');
  // ORG's components (organization; unit; sub-unit) read best with a slash between.
  const orgValue = org?.values[0];
  const organization = clip(org === undefined ? undefined : Array.isArray(orgValue) ? orgValue.map(text).filter((part) => part !== '').join(' / ') : text(orgValue), 200);

  const allEmails = all('email').map((prop) => ({ address: text(prop.values[0]).replace(/^mailto:/i, ''), label: labelOf(prop) }));
  const emails = allEmails.filter((email) => isEmail(email.address));
  // An EMAIL that is not an address (phones let people type anything) is kept in the note, so the card is stored whole.
  const unreadable = allEmails.filter((email) => !isEmail(email.address) && email.address !== '').map((email) => `Email (not an address): ${email.address}`);
  const phones = all('tel')
    .map((prop) => ({ number: text(prop.values[0]).replace(/^tel:/i, '').slice(0, 64), label: labelOf(prop) }))
    .filter((phone) => phone.number !== '');
  const addresses = all('adr').map((prop) => {
    const value = prop.values[0];
    const street = [component(value, 1), component(value, 2), component(value, 0)].filter((part) => part !== undefined).join(', ');
    return {
      streetAddress: clip(street, 200),
      addressLocality: clip(component(value, 3), 100),
      addressRegion: clip(component(value, 4), 100),
      postalCode: clip(component(value, 5), 20),
      addressCountry: clip(component(value, 6), 100),
      label: labelOf(prop),
    };
  });

  const name =
    clip(text(first('fn')?.values[0]), 200) ??
    clip([given, family].filter((part) => part !== undefined).join(' '), 200) ??
    organization ??
    emails[0]?.address ??
    phones[0]?.number;
  if (name === undefined) throw new Error('it has no name (FN or N), organization, email or phone');

  const bday = first('bday');
  const data: Record<string, unknown> = {
    name,
    given,
    family,
    emails: emails.length === 0 ? undefined : emails.slice(0, 50).map(withoutUndefined),
    phones: phones.length === 0 ? undefined : phones.slice(0, 50).map(withoutUndefined),
    addresses: addresses.length === 0 ? undefined : addresses.slice(0, 20).map(withoutUndefined).filter((a) => Object.keys(a).some((k) => k !== 'label')),
    organization,
    title: clip(text(first('title')?.values[0]), 200),
    birthday: bday === undefined ? undefined : birthdayOf(text(bday.values[0])),
    urls: all('url').map((prop) => clip(text(prop.values[0]), 2000)).filter((url) => url !== undefined).slice(0, 20),
    note: clip([...all('note').map((prop) => text(prop.values[0])), ...unreadable].join('\n'), 10_000),
  };
  if ((data['urls'] as string[]).length === 0) delete data['urls'];
  if ((data['addresses'] as unknown[] | undefined)?.length === 0) delete data['addresses'];
  const photoProp = first('photo');
  const photo = photoProp === undefined ? undefined : photoOf(photoProp, name);
  const uid = clip(text(first('uid')?.values[0]), 1000);
  return { uid, draft: { type: 'contact', data: withoutUndefined(data), ...(photo === undefined ? {} : { photo }) } };
}

/** A copy without the undefined fields. */
function withoutUndefined<T extends object>(value: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (field !== undefined) out[key] = field;
  return out;
}
