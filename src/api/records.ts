// The typed personal records a locker holds. Portable (used by the core, the CLI and the
// UI's forms), so only zod and base here. Field names follow schema.org / vCard where a
// standard name exists (PostalAddress, Person.birthDate).
import { z } from 'zod';

/** The largest JSON a single record may hold (UTF-8 bytes of its canonical form). */
export const MAX_RECORD_BYTES = 64 * 1024;

/** Text a person typed: trimmed, not empty, bounded (shared with other schemas, e.g. e-receipts). */
export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const label = text(64).optional();
/** A calendar date as YYYY-MM-DD that exists (not 2026-02-30). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'is not a real calendar date');

// Money as a decimal string ("-1150.00"): exact, where a binary float is not (0.1 + 0.2).
const decimal = z.string().regex(/^-?\d{1,15}(\.\d{1,4})?$/, 'must be an amount such as 12.50 or -1150.00');
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as EUR');
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max, `must have at most ${max} entries`).optional();
// vCard 4 (RFC 6350 §6.2.5) allows a birthday without a year: --MM-DD.
const birthday = z.string().regex(/^(\d{4}|-)-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD or --MM-DD');
// An event time (RFC 5545 §3.3.4/§3.3.5): a date (all-day), a floating or zoned local
// date-time (with `timeZone`), or a UTC date-time ending in Z.
const eventTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z?)?$/, 'must be a date (YYYY-MM-DD) or a date-time (YYYY-MM-DDTHH:MM:SS, Z for UTC)');

const eventChange = z.strictObject({
  /** The start of the occurrence it replaces, as RECURRENCE-ID gives it. */
  recurrenceId: eventTime,
  summary: text(500).optional(),
  start: eventTime.optional(),
  end: eventTime.optional(),
  /** The zone of this occurrence's local start and end. */
  timeZone: text(100).optional(),
  location: text(500).optional(),
  cancelled: z.boolean().optional(),
});

export const recordSchemas = {
  name: z.strictObject({ full: text(200), given: text(100).optional(), family: text(100).optional() }),
  email: z.strictObject({ address: z.email('must be an email address').max(254), label }),
  phone: z.strictObject({
    number: z.string().trim().regex(/^\+?[0-9][0-9 ().-]{2,30}$/, 'must be a phone number such as +44 20 7946 0000'),
    label,
  }),
  address: z.strictObject({
    streetAddress: text(200),
    addressLocality: text(100),
    addressRegion: text(100).optional(),
    postalCode: text(20).optional(),
    addressCountry: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as PT'),
    label,
  }),
  birthdate: z.strictObject({
    date: isoDate.refine((value) => value <= new Date().toISOString().slice(0, 10), 'must not be in the future'),
  }),
  preference: z.strictObject({ key: text(100), value: z.union([text(1000), z.number().finite(), z.boolean()]) }),
  purchase: z.strictObject({
    /** The merchant or shop (a bank row's payee or description). */
    vendor: text(200),
    /** What was bought; a bank row often does not say. */
    item: text(500).optional(),
    date: isoDate,
    // A number in records made before imports; a decimal string now, negative for a refund
    // or a debit, as bank exports state them.
    amount: z.union([z.number().finite().nonnegative('must not be negative'), decimal]),
    currency,
    category: text(100).optional(),
    orderId: text(100).optional(),
    /** The lines of an e-receipt (src/trust/e-receipt.ts): what was bought, how many, at what unit price. */
    items: list(z.strictObject({ name: text(200), quantity: z.number().int().min(1).max(1_000_000), price: z.strictObject({ value: decimal, currency }) }), 200),
  }),
  contact: z.strictObject({
    /** The name to show (vCard FN). */
    name: text(200),
    given: text(100).optional(),
    family: text(100).optional(),
    emails: list(z.strictObject({ address: z.email('must be an email address').max(254), label }), 50),
    // Address books hold numbers as people typed them ("ext. 12", "555-CALL"): kept as text.
    phones: list(z.strictObject({ number: text(64), label }), 50),
    addresses: list(
      z.strictObject({
        streetAddress: text(200).optional(),
        addressLocality: text(100).optional(),
        addressRegion: text(100).optional(),
        postalCode: text(20).optional(),
        /** As the card wrote it (a name, not always a code). */
        addressCountry: text(100).optional(),
        label,
      }),
      20,
    ),
    organization: text(200).optional(),
    title: text(200).optional(),
    birthday: birthday.optional(),
    urls: list(text(2000), 20),
    note: text(10_000).optional(),
    /** The document record holding the contact's photo. */
    photo: z.string().regex(/^[a-z0-9]{8,64}$/, 'must be a record id').optional(),
  }),
  event: z.strictObject({
    summary: text(500),
    start: eventTime,
    end: eventTime.optional(),
    allDay: z.boolean(),
    /** The IANA zone (or the calendar's TZID) of a local start and end. */
    timeZone: text(100).optional(),
    location: text(500).optional(),
    description: text(10_000).optional(),
    /** RFC 5545 RRULE values, without the "RRULE:" name. */
    rrule: list(text(1000), 10),
    rdates: list(eventTime, 1000),
    exdates: list(eventTime, 1000),
    /** RECURRENCE-ID overrides, kept with their series. */
    changes: list(eventChange, 1000),
    attendees: list(z.strictObject({ email: z.email().max(254).optional(), name: text(200).optional(), status: text(40).optional() }), 500),
  }),
  document: z.strictObject({
    name: text(255),
    mediaType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a media type such as application/pdf'),
    size: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest'),
  }),
  custom: z.record(z.string().max(200), z.json()),
} as const;

export type RecordType = keyof typeof recordSchemas;
export const RECORD_TYPES = Object.keys(recordSchemas) as RecordType[];
export type RecordData<T extends RecordType = RecordType> = z.output<(typeof recordSchemas)[T]>;

/** Formats `data.import` reads. */
export const IMPORT_FORMATS = ['vcard', 'ical', 'csv', 'google-takeout', 'facebook'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * Where an imported record came from, signed inside its credential: the format, the file's
 * name, the item's own id in that file (a vCard or iCalendar UID, a CSV row's key) and
 * when it was imported.
 */
export const importProvenanceSchema = z.strictObject({
  format: z.enum(IMPORT_FORMATS),
  file: z.string().min(1).max(255),
  sourceId: z.string().min(1).max(1000),
  /** Where in the file: "card 3, line 41", "row 12". */
  place: z.string().max(200).optional(),
  imported: z.iso.datetime({ offset: true }),
});

/**
 * Where a record a vendor sent came from (an e-receipt, src/trust/e-receipt.ts): the vendor
 * by DID and the name it goes by, the id of its signed receipt credential, when it arrived,
 * and the credential itself — the vendor's signature travels with the record as proof.
 */
export const receiptProvenanceSchema = z.strictObject({
  format: z.literal('e-receipt'),
  issuer: z.string().min(1).max(200),
  vendor: z.string().min(1).max(100),
  sourceId: z.string().min(1).max(200),
  received: z.iso.datetime({ offset: true }),
  receipt: z.record(z.string(), z.json()),
});

export const provenanceSchema = z.union([importProvenanceSchema, receiptProvenanceSchema]);
export type Provenance = z.output<typeof provenanceSchema>;
export type ImportProvenance = z.output<typeof importProvenanceSchema>;
