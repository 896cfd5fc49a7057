import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAmount } from '../../../../src/app/importers/csv/amounts.ts';
import { csvImporter, readPurchases } from '../../../../src/app/importers/csv/csv-importer.ts';
import { dayOrderOf, parseDate } from '../../../../src/app/importers/csv/dates.ts';
import { fixture } from './fixtures.ts';

const read = (name: string, map?: string) => csvImporter.read(fixture('csv2ofx', name), map === undefined ? {} : { map });
const rows = (result: ReturnType<typeof readPurchases>) => result.items.map((item) => item.draft.data);

test('amounts as exports write them, exact', () => {
  const cases: [string, boolean, ReturnType<typeof parseAmount>][] = [
    ['- $1,150.00', false, { value: '-1150.00', currency: 'USD' }],
    ['-2680.89', false, { value: '-2680.89' }],
    ['(12.50)', false, { value: '-12.50' }],
    ['1.234,56 €', false, { value: '1234.56', currency: 'EUR' }],
    ['-12,50', true, { value: '-12.50' }],
    ['1,150', false, { value: '1150' }],
    ['12,5', false, { value: '12.5' }],
    ["11'373.94", false, { value: '11373.94' }],
    ['EUR 7.00', false, { value: '7.00', currency: 'EUR' }],
    ['£0.99', false, { value: '0.99', currency: 'GBP' }],
    ['12.50-', false, { value: '-12.50' }],
    ['-0.00', false, { value: '0.00' }],
    ['007', false, { value: '7' }],
  ];
  for (const [text, decimalComma, expected] of cases) assert.deepEqual(parseAmount(text, decimalComma), expected, text);
  for (const text of ['', 'pending', '1.2.3', '12.34567', '1,2,3', '$', '--5']) assert.equal(parseAmount(text), undefined, text);
});

test('dates: ISO, US and European numeric orders decided by the column, month names', () => {
  assert.equal(parseDate('2016-08-10', 'month-first'), '2016-08-10');
  assert.equal(parseDate('2021-02-03 13:12', 'month-first'), '2021-02-03');
  assert.equal(parseDate('8/10/2016', 'month-first'), '2016-08-10');
  assert.equal(parseDate('8/10/2016', 'day-first'), '2016-10-08');
  assert.equal(parseDate('6/12/15', 'month-first'), '2015-06-12');
  assert.equal(parseDate('23-Jan-15', 'day-first'), '2015-01-23');
  assert.equal(parseDate('Aug 10, 2016', 'day-first'), '2016-08-10');
  assert.equal(parseDate('2/30/2016', 'month-first'), undefined, 'not a real date');
  assert.equal(dayOrderOf(['8/10/2016', '24/03/2022']), 'day-first');
  assert.equal(dayOrderOf(['8/10/2016', '8/31/2016']), 'month-first');
  assert.equal(dayOrderOf(['10.08.2016']), 'day-first');
  assert.equal(dayOrderOf(['08/10/2016']), 'month-first');
});

test('csv2ofx samples: headers in several languages, debit and credit columns, semicolons and decimal commas, Windows-1252', () => {
  const capitalone = read('capitalone.csv', 'currency=USD');
  assert.deepEqual(rows(capitalone), [
    { vendor: 'Airplanes R Us', date: '2015-12-31', amount: '-1000.00', currency: 'USD', category: 'Other Travel' },
    { vendor: 'CAPITAL ONE AUTOPAY PYMT', date: '2015-12-31', amount: '1000.00', currency: 'USD', category: 'Payment/Credit' },
  ]);
  const gls = rows(read('gls.csv'));
  assert.deepEqual(gls, [{ vendor: 'Drillisch Online AG', date: '2017-10-10', amount: '-98.76', currency: 'EUR' }]);
  const n26 = rows(read('n26-fr.csv'));
  assert.deepEqual(n26[1], { vendor: 'Compte courant', date: '2020-03-07', amount: '-328.00', currency: 'EUR' }, 'the currency from "Amount (EUR)"');
  const ing = rows(read('ingesp.csv', 'currency=EUR'));
  assert.equal(ing[0]?.['date'], '2022-03-24', 'a column with 24/03/2022 is day-first');
  const schwab = rows(read('schwab-checking.csv'));
  assert.deepEqual(schwab[1], { vendor: 'BMO HARRIS BANK', date: '2022-08-14', amount: '-103.00', currency: 'USD' });
  const ubs = read('ubs-ch-fr_trimmed.csv');
  assert.deepEqual(ubs.problems, []);
  assert.equal(rows(ubs)[0]?.['currency'], 'CHF');
  for (const [name, map] of [['default.csv', 'currency=USD'], ['creditunion.csv', 'currency=USD'], ['mint.csv', 'currency=USD'], ['xero.csv', 'currency=NZD'], ['stripe-default.csv', undefined], ['outbank.csv', undefined], ['payoneer.csv', undefined], ['pcmastercard.csv', 'currency=CAD']] as const) {
    const result = read(name, map);
    assert.deepEqual(result.problems, [], name);
    assert.ok(result.items.length >= 2, name);
  }
});

test('a headerless file: the date, amount and description columns found by what they hold', () => {
  const result = read('mint_headerless.csv', 'currency=USD');
  assert.deepEqual(result.problems, []);
  assert.deepEqual(rows(result)[0], { vendor: 'Transfer from Checking', date: '2015-06-12', amount: '1000.00', currency: 'USD' });
  assert.equal(result.items[0]?.place, 'row at line 1');
});

test('an order history: the order id is the source id, rows that are not orders are reported', () => {
  const result = read('amazon.csv', 'currency=USD');
  assert.equal(result.items.length, 3);
  assert.ok(result.items.every((item) => item.sourceId.startsWith('order:')));
  assert.deepEqual(result.problems.map((problem) => problem.place), ['row at line 5', 'row at line 6', 'row at line 7', 'row at line 8']);
});

test('a preamble before the header, quoted fields with the delimiter, newlines and quotes inside', () => {
  const text = ['Account;DE00 1234', 'Period;01.01.2026 - 31.01.2026', '', 'Date;Description;Amount;Currency', '15.01.2026;"Bakery; ""Müller""\nsecond line";-12,50;EUR', '16.01.2026;Salary;1.234,56;EUR', '17.01.2026;Broken;abc;EUR', ''].join('\r\n');
  const result = readPurchases(text);
  assert.deepEqual(rows(result), [
    { vendor: 'Bakery; "Müller"\nsecond line', date: '2026-01-15', amount: '-12.50', currency: 'EUR' },
    { vendor: 'Salary', date: '2026-01-16', amount: '1234.56', currency: 'EUR' },
  ]);
  assert.deepEqual(result.items.map((item) => item.place), ['row at line 5', 'row at line 7']);
  assert.deepEqual(result.problems, [{ place: 'row at line 8', reason: '"abc" is not an amount' }]);
});

test('--map names columns the header does not say, by name or by number, and a fixed currency', () => {
  const text = 'When,What,How much\n2026-01-02,Coffee,3.20\n2026-01-02,Coffee,3.20\n';
  // Unknown header words: the columns are found by their content, and the header row is reported as a row that is no purchase.
  const guessed = readPurchases(text, { map: 'currency=EUR' });
  assert.equal(guessed.items.length, 2);
  assert.deepEqual(guessed.problems, [{ place: 'row at line 1', reason: '"When" is not a date' }]);
  assert.throws(() => readPurchases('Colour,Size\nred,big\nblue,small\n'), { code: 'InvalidInput', message: /which column holds the date, amount/ });
  const result = readPurchases(text, { map: 'date=When,description=What,amount=How much,currency=eur' });
  assert.deepEqual(rows(result)[0], { vendor: 'Coffee', date: '2026-01-02', amount: '3.20', currency: 'EUR' });
  assert.equal(result.items[1]?.sourceId, `${result.items[0]?.sourceId}#2`, 'two same coffees on one day are two purchases');
  const numbered = readPurchases('2026-01-02;x;Coffee;3,20\n2026-01-03;y;Tea;2,10\n', { map: 'date=1,description=3,amount=4,currency=EUR' });
  assert.deepEqual(rows(numbered)[1], { vendor: 'Tea', date: '2026-01-03', amount: '2.10', currency: 'EUR' });
  assert.throws(() => readPurchases(text, { map: 'date=Nope' }), { code: 'InvalidInput', message: /no column "Nope"/ });
  assert.throws(() => readPurchases(text, { map: 'colour=red' }), { code: 'InvalidInput', message: /is not FIELD=COLUMN/ });
  assert.throws(() => readPurchases('Date,Description,Amount\n2026-01-02,Coffee,3.20\n'), { code: 'InvalidInput', message: /which currency/ });
  assert.throws(() => readPurchases('Date,Description,Amount\n'), { code: 'InvalidInput', message: /no rows/ });
});
