// The export a CRM imports: CSV shaped the way HubSpot's and Salesforce's import tools
// expect (one header row, UTF-8, RFC 4180 quoting, their usual column names, ISO 8601
// dates), one row per customer and grant, plus Kith's columns so a row can be traced back
// to its consent; or JSON Lines, one record per line, for anything else. Only rows the
// store calls live are given here (liveRecords: no revoked, expired or deleted data).
import type { ExportRow } from '../store/reads.ts';

export const CSV_COLUMNS = ['First Name', 'Last Name', 'Email', 'Phone', 'Street', 'City', 'Postal Code', 'Country', 'Customer DID', 'Agreement ID', 'Purpose', 'Shared At'] as const;
type Column = (typeof CSV_COLUMNS)[number];

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * A spreadsheet opening the file would run a cell that starts with = + - @ as a formula
 * (OWASP, "CSV Injection"): such a cell gets a leading apostrophe — except a phone-like
 * number ("+351 21 000 0000", "-5"), which must reach the CRM as it is.
 */
function neutralized(value: string): string {
  if (/^[=@\t\r]/.test(value)) return `'${value}`;
  if (/^[+-]/.test(value) && !/^[+-][\d\s().-]*$/.test(value)) return `'${value}`;
  return value;
}

/** RFC 4180: quoted when it holds a comma, quote or line break (or edge spaces), quotes doubled. */
function csvField(value: string): string {
  const safe = neutralized(value);
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function nameParts(data: Record<string, unknown>): { first: string; last: string } {
  const given = text(data['given']);
  const family = text(data['family']);
  if (given !== '' || family !== '') return { first: given, last: family };
  const full = text(data['full']).trim();
  const space = full.lastIndexOf(' ');
  return space < 0 ? { first: full, last: '' } : { first: full.slice(0, space), last: full.slice(space + 1) };
}

/** The columns one record fills (the first record of a type in a group wins; rows come sorted). */
function columnsOf(row: ExportRow): Partial<Record<Column, string>> {
  const data = (typeof row.data === 'object' && row.data !== null ? row.data : {}) as Record<string, unknown>;
  switch (row.record_type) {
    case 'name': {
      const { first, last } = nameParts(data);
      return { 'First Name': first, 'Last Name': last };
    }
    case 'email':
      return { Email: text(data['address']) };
    case 'phone':
      return { Phone: text(data['number']) };
    case 'address':
      return { Street: text(data['streetAddress']), City: text(data['addressLocality']), 'Postal Code': text(data['postalCode']), Country: text(data['addressCountry']) };
    default:
      return {};
  }
}

export function toCsv(records: readonly ExportRow[]): { content: string; rows: number } {
  const groups = new Map<string, Partial<Record<Column, string>>>();
  for (const row of records) {
    const key = `${row.customer_did}\u0000${row.grant_id}`;
    const group = groups.get(key) ?? { 'Customer DID': row.customer_did, 'Agreement ID': row.agreement_id ?? '', Purpose: row.purpose ?? '', 'Shared At': row.shared_at };
    for (const [column, value] of Object.entries(columnsOf(row)) as [Column, string][]) if (group[column] === undefined || group[column] === '') group[column] = value;
    if (row.shared_at > (group['Shared At'] ?? '')) group['Shared At'] = row.shared_at;
    groups.set(key, group);
  }
  const lines = [CSV_COLUMNS.map(csvField).join(','), ...[...groups.values()].map((group) => CSV_COLUMNS.map((column) => csvField(group[column] ?? '')).join(','))];
  return { content: `${lines.join('\r\n')}\r\n`, rows: groups.size };
}

export function toJsonLines(records: readonly ExportRow[]): { content: string; rows: number } {
  const lines = records.map((row) =>
    JSON.stringify({
      customerDid: row.customer_did,
      grant: row.grant_id,
      agreement: row.agreement_id,
      purpose: row.purpose,
      record: { id: row.record_id, type: row.record_type, version: row.version, data: row.data },
      sharedAt: row.shared_at,
    }),
  );
  return { content: lines.map((line) => `${line}\n`).join(''), rows: lines.length };
}
