// Property tests: whatever a well-formed export holds comes back out of the CSV and vCard
// readers unchanged (fast-check generates the data and the way the file writes it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { readPurchases } from '../../../../src/app/importers/csv/csv-importer.ts';
import { readVcards } from '../../../../src/app/importers/vcard/vcard-importer.ts';

const CHARS = ['a', 'B', 'z', '0', '7', ' ', ',', ';', ':', '"', "'", '=', '\\', '-', '.', '(', ')', 'ç', 'ã', 'Ñ', 'ß', '€', '中', '😀', '\t'];
const trimmed = (text: string) => text.trim() === text && text !== '';
const textArb = (extra: string[] = [], maxLength = 40) =>
  fc.string({ unit: fc.constantFrom(...CHARS.filter((c) => c !== '\t'), ...extra), minLength: 1, maxLength }).filter(trimmed);

function csvField(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function amountText(cents: number, style: 'plain' | 'grouped' | 'symbol', decimalComma: boolean): string {
  const sign = cents < 0 ? '-' : '';
  const whole = Math.floor(Math.abs(cents) / 100).toString();
  const fraction = String(Math.abs(cents) % 100).padStart(2, '0');
  const group = (digits: string, separator: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  const mark = decimalComma ? ',' : '.';
  if (style === 'plain') return `${sign}${whole}${mark}${fraction}`;
  const grouped = `${group(whole, decimalComma ? '.' : ',')}${mark}${fraction}`;
  return style === 'grouped' ? `${sign}${grouped}` : `${sign === '' ? '' : '- '}$${grouped}`;
}

const expectedAmount = (cents: number) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

test('CSV: every row comes back — any delimiter, quoting, line end, amount and date style', () => {
  const row = fc.record({
    description: textArb(['\n', '\r\n']),
    cents: fc.integer({ min: -99_999_999_999, max: 99_999_999_999 }).filter((c) => c !== 0),
    date: fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }),
  });
  fc.assert(
    fc.property(
      fc.array(row, { minLength: 1, maxLength: 30 }),
      fc.constantFrom(',', ';', '\t'),
      fc.constantFrom('\n', '\r\n'),
      fc.constantFrom('plain', 'grouped', 'symbol'),
      fc.constantFrom('iso', 'us', 'european'),
      (rows, delimiter, end, style, dates) => {
        const decimalComma = delimiter === ';';
        const amountStyle = decimalComma && style === 'symbol' ? 'grouped' : style;
        const dateText = (date: Date) => {
          const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
          if (dates === 'iso') return date.toISOString().slice(0, 10);
          return dates === 'us' ? `${m}/${d}/${y}` : `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`;
        };
        const lines = [
          ['Date', 'Description', 'Amount', 'Currency'].join(delimiter),
          ...rows.map((r) => [dateText(r.date), csvField(r.description), csvField(amountText(r.cents, amountStyle, decimalComma)), 'EUR'].join(delimiter)),
        ];
        const result = readPurchases(lines.join(end) + end);
        assert.deepEqual(result.problems, []);
        assert.deepEqual(
          result.items.map((item) => item.draft.data),
          rows.map((r) => ({ vendor: r.description.slice(0, 200).trim(), date: r.date.toISOString().slice(0, 10), amount: expectedAmount(r.cents), currency: 'EUR' })),
        );
        assert.equal(new Set(result.items.map((item) => item.sourceId)).size, rows.length, 'every row its own source id');
      },
    ),
    { numRuns: 300 },
  );
});

/** A value as vCard 3.0 text (RFC 2426 §5: backslash, comma, semicolon and newline escaped), folded at 75 characters. */
function v3Line(name: string, value: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\r\n|\n/g, '\\n');
  const chars = [...`${name}:${escaped}`];
  const parts: string[] = [];
  for (let i = 0; i < chars.length; i += 60) parts.push(chars.slice(i, i + 60).join(''));
  return parts.join('\r\n ');
}

/** A value as vCard 2.1 QUOTED-PRINTABLE UTF-8, with a soft line break wherever `breaks` says. */
function v21Line(name: string, value: string, breaks: number): string {
  const encoded = [...new TextEncoder().encode(value)].map((byte) => (byte >= 0x21 && byte <= 0x7e && byte !== 0x3d ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`));
  const lines: string[] = [];
  let line = '';
  encoded.forEach((token, index) => {
    line += token;
    if ((index + 1) % breaks === 0 && index < encoded.length - 1) {
      lines.push(`${line}=`);
      line = '';
    }
  });
  lines.push(line);
  return `${name};CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${lines.join('\r\n')}`;
}

test('vCard: names and notes survive 3.0 escaping and folding, and 2.1 QUOTED-PRINTABLE with soft breaks', () => {
  const contact = fc.record({ name: textArb([], 60), note: textArb(['\n'], 200), uid: fc.uuid() });
  fc.assert(
    fc.property(fc.array(contact, { minLength: 1, maxLength: 8 }), fc.constantFrom('3.0', '2.1'), fc.integer({ min: 3, max: 25 }), fc.constantFrom('\r\n', '\n'), (contacts, version, breaks, end) => {
      const cards = contacts.map((c) =>
        version === '3.0'
          ? ['BEGIN:VCARD', 'VERSION:3.0', `UID:${c.uid}`, v3Line('FN', c.name), v3Line('NOTE', c.note), 'END:VCARD'].join('\r\n')
          : ['BEGIN:VCARD', 'VERSION:2.1', `UID:${c.uid}`, v21Line('FN', c.name, breaks), v21Line('NOTE', c.note, breaks), 'END:VCARD'].join('\r\n'),
      );
      const result = readVcards(cards.join('\r\n').replaceAll('\r\n', end) + end);
      assert.deepEqual(result.problems, []);
      assert.deepEqual(
        result.items.map((item) => [item.sourceId, item.draft.data['name'], item.draft.data['note']]),
        contacts.map((c) => [`uid:${c.uid}`, c.name, c.note.trim()]),
      );
    }),
    { numRuns: 300 },
  );
});
