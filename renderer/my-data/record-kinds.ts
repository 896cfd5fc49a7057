// How each record type appears in the UI: its category name, its form fields and a
// one-line summary. Field keys are the schema's (src/api/records.ts); validation is the
// schema's too, so the form and the core can never disagree on what is valid.
import type { RecordType } from '../../src/api/records.ts';

export type EditableType = Exclude<RecordType, 'document'>;

export interface FieldSpec {
  readonly key: string;
  readonly label: string;
  readonly required?: boolean;
  /** text (default), number, date, an upper-cased code, or JSON for free-form records. */
  readonly kind?: 'text' | 'email' | 'tel' | 'date' | 'number' | 'code' | 'json';
  readonly hint?: string;
  readonly autoComplete?: string;
}

export interface RecordKind {
  readonly category: string;
  /** "an email address" — for buttons and messages. */
  readonly noun: string;
  readonly fields: readonly FieldSpec[];
  summary(data: Record<string, unknown>): string;
}

const label: FieldSpec = { key: 'label', label: 'Label', hint: 'For example home or work.' };
const str = (value: unknown): string => (value === undefined || value === null ? '' : String(value));
const withLabel = (text: string, data: Record<string, unknown>) => (data['label'] === undefined ? text : `${text} (${str(data['label'])})`);

function firstOf(list: unknown, key: string): string {
  const first: unknown = Array.isArray(list) ? list[0] : undefined;
  return typeof first === 'object' && first !== null ? str((first as Record<string, unknown>)[key]) : '';
}

/** A kind edited as one JSON value (free-form, contacts, events). */
export function isJsonKind(type: EditableType): boolean {
  return RECORD_KINDS[type].fields[0]?.kind === 'json';
}

export const RECORD_KINDS: Readonly<Record<EditableType, RecordKind>> = {
  name: {
    category: 'Names',
    noun: 'a name',
    fields: [
      { key: 'full', label: 'Full name', required: true, autoComplete: 'name' },
      { key: 'given', label: 'Given name', autoComplete: 'given-name' },
      { key: 'family', label: 'Family name', autoComplete: 'family-name' },
    ],
    summary: (d) => str(d['full']),
  },
  email: {
    category: 'Email addresses',
    noun: 'an email address',
    fields: [{ key: 'address', label: 'Email address', required: true, kind: 'email', autoComplete: 'email' }, label],
    summary: (d) => withLabel(str(d['address']), d),
  },
  phone: {
    category: 'Phone numbers',
    noun: 'a phone number',
    fields: [{ key: 'number', label: 'Phone number', required: true, kind: 'tel', autoComplete: 'tel', hint: 'With the country code, such as +44 20 7946 0000.' }, label],
    summary: (d) => withLabel(str(d['number']), d),
  },
  address: {
    category: 'Postal addresses',
    noun: 'a postal address',
    fields: [
      { key: 'streetAddress', label: 'Street and number', required: true, autoComplete: 'street-address' },
      { key: 'addressLocality', label: 'Town or city', required: true, autoComplete: 'address-level2' },
      { key: 'addressRegion', label: 'Region or state', autoComplete: 'address-level1' },
      { key: 'postalCode', label: 'Postal code', autoComplete: 'postal-code' },
      { key: 'addressCountry', label: 'Country code', required: true, kind: 'code', hint: 'Two letters, such as PT, GB or US.', autoComplete: 'country' },
      label,
    ],
    summary: (d) => withLabel([d['streetAddress'], d['addressLocality'], d['addressCountry']].map(str).filter(Boolean).join(', '), d),
  },
  birthdate: {
    category: 'Birth date',
    noun: 'a birth date',
    fields: [{ key: 'date', label: 'Date of birth', required: true, kind: 'date', autoComplete: 'bday' }],
    summary: (d) => str(d['date']),
  },
  preference: {
    category: 'Preferences',
    noun: 'a preference',
    fields: [
      { key: 'key', label: 'Preference', required: true, hint: 'What it is about, such as diet or seat.' },
      { key: 'value', label: 'Value', required: true, hint: 'Such as vegetarian or aisle.' },
    ],
    summary: (d) => `${str(d['key'])}: ${str(d['value'])}`,
  },
  purchase: {
    category: 'Purchases',
    noun: 'a purchase',
    fields: [
      { key: 'vendor', label: 'Vendor', required: true },
      { key: 'item', label: 'Item', required: true },
      { key: 'date', label: 'Date', required: true, kind: 'date' },
      { key: 'amount', label: 'Amount', required: true, kind: 'number', hint: 'Such as 12.50.' },
      { key: 'currency', label: 'Currency code', required: true, kind: 'code', hint: 'Three letters, such as EUR, GBP or USD.' },
    ],
    summary: (d) => `${d['item'] === undefined ? 'A purchase' : str(d['item'])} from ${str(d['vendor'])}, ${str(d['amount'])} ${str(d['currency'])} on ${str(d['date'])}`,
  },
  // Contacts and events hold lists (emails, phones, attendees, exceptions): edited as JSON,
  // like free-form records, until they have forms of their own.
  contact: {
    category: 'Contacts',
    noun: 'a contact',
    fields: [{ key: '', label: 'Contact (JSON)', required: true, kind: 'json', hint: 'Such as {"name": "Ana Lima", "emails": [{"address": "ana@example.org"}]}.' }],
    summary: (d) => [str(d['name']), firstOf(d['emails'], 'address'), firstOf(d['phones'], 'number')].filter(Boolean).join(', '),
  },
  event: {
    category: 'Calendar',
    noun: 'an event',
    fields: [{ key: '', label: 'Event (JSON)', required: true, kind: 'json', hint: 'Such as {"summary": "Dentist", "start": "2026-03-01T10:00:00Z", "allDay": false}.' }],
    summary: (d) => `${str(d['summary'])}, ${str(d['start']).replace('T', ' ')}${d['rrule'] === undefined ? '' : ' (repeats)'}`,
  },
  custom: {
    category: 'Other',
    noun: 'a free-form record',
    fields: [{ key: '', label: 'Contents (JSON)', required: true, kind: 'json', hint: 'A JSON object, such as {"shoe size": 42}.' }],
    summary: (d) => Object.keys(d).join(', ') || '(empty)',
  },
};

export const EDITABLE_TYPES = Object.keys(RECORD_KINDS) as EditableType[];

/**
 * A document, for sharing and for lists: it has its own screen and is never edited, so it
 * is not among RECORD_KINDS; it is shared whole (no fields to pick) and reads as its file name.
 */
export const DOCUMENT_KIND: RecordKind = {
  category: 'Documents',
  noun: 'a document',
  fields: [],
  summary: (d) => str(d['name']),
};

/** How a record of `type` appears, documents included; undefined for a type this UI does not know. */
export function kindOf(type: string): RecordKind | undefined {
  if (type === 'document') return DOCUMENT_KIND;
  return Object.hasOwn(RECORD_KINDS, type) ? RECORD_KINDS[type as EditableType] : undefined;
}
