// The typed personal records a locker holds. Portable (used by the core, the CLI and the
// UI's forms), so only zod and base here. Field names follow schema.org / vCard where a
// standard name exists (PostalAddress, Person.birthDate).
import { z } from 'zod';

/** The largest JSON a single record may hold (UTF-8 bytes of its canonical form). */
export const MAX_RECORD_BYTES = 64 * 1024;

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const label = text(64).optional();
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'is not a real calendar date');

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
    vendor: text(200),
    item: text(500),
    date: isoDate,
    amount: z.number().finite().nonnegative('must not be negative'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as EUR'),
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
