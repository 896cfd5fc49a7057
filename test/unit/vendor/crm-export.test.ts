// The CRM export's shape: one header row, a row per customer and grant with the contact
// columns filled from their records, RFC 4180 quoting, formulas neutralized but phone
// numbers left whole; JSON Lines one record a line.
import assert from 'node:assert/strict';
import test from 'node:test';
import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS, toCsv, toJsonLines } from '../../../src/vendor/export/crm-export.ts';
import type { ExportRow } from '../../../src/vendor/store/reads.ts';

function row(customer: string, grant: string, type: string, data: unknown, sharedAt = '2026-12-01T10:00:00.000Z'): ExportRow {
  return { customer_did: customer, grant_id: grant, agreement_id: 'a0000000000000001', purpose: 'Delivery, "express"', record_id: `${type}0001`, record_type: type, version: 1, data, shared_at: sharedAt };
}

test('CSV for CRM imports: header, one row per customer and grant, quoting a CSV reader undoes', () => {
  const rows = [
    row('did:key:z6MkA', 'g1', 'address', { streetAddress: 'Rua Augusta 1, 2º', addressLocality: 'Lisboa', postalCode: '1100-053', addressCountry: 'PT' }),
    row('did:key:z6MkA', 'g1', 'email', { address: 'ana@example.org' }, '2026-12-02T10:00:00.000Z'),
    row('did:key:z6MkA', 'g1', 'name', { full: 'Ana Maria Silva' }),
    row('did:key:z6MkA', 'g1', 'phone', { number: '+351 21 000 0000' }),
    row('did:key:z6MkB', 'g2', 'name', { full: '=HYPERLINK("http://evil")', given: '=cmd', family: '@SUM(1)' }),
    row('did:key:z6MkB', 'g2', 'email', { address: '-2+3@example.org' }),
  ];
  const { content, rows: count } = toCsv(rows);
  assert.equal(count, 2);
  assert.ok(content.endsWith('\r\n'));
  const parsed = parse(content, { columns: true }) as Record<string, string>[];
  assert.deepEqual(Object.keys(parsed[0] ?? {}), [...CSV_COLUMNS]);
  assert.deepEqual(parsed[0], {
    'First Name': 'Ana Maria',
    'Last Name': 'Silva',
    Email: 'ana@example.org',
    Phone: '+351 21 000 0000',
    Street: 'Rua Augusta 1, 2º',
    City: 'Lisboa',
    'Postal Code': '1100-053',
    Country: 'PT',
    'Customer DID': 'did:key:z6MkA',
    'Agreement ID': 'a0000000000000001',
    Purpose: 'Delivery, "express"',
    'Shared At': '2026-12-02T10:00:00.000Z',
  });
  assert.equal(parsed[1]?.['First Name'], "'=cmd", 'a formula is not run by a spreadsheet');
  assert.equal(parsed[1]?.['Last Name'], "'@SUM(1)");
  assert.equal(parsed[1]?.['Email'], "'-2+3@example.org");
});

test('no live records: the header alone', () => {
  assert.deepEqual(toCsv([]), { content: `${CSV_COLUMNS.join(',')}\r\n`, rows: 0 });
});

test('JSON Lines: one record a line, with its customer, grant, agreement and purpose', () => {
  const { content, rows } = toJsonLines([row('did:key:z6MkA', 'g1', 'email', { address: 'ana@example.org' })]);
  assert.equal(rows, 1);
  assert.deepEqual(JSON.parse(content.trim()), { customerDid: 'did:key:z6MkA', grant: 'g1', agreement: 'a0000000000000001', purpose: 'Delivery, "express"', record: { id: 'email0001', type: 'email', version: 1, data: { address: 'ana@example.org' } }, sharedAt: '2026-12-01T10:00:00.000Z' });
});
