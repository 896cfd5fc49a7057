// Purchase and transaction histories as CSV (bank statements, shop order histories):
// every row becomes a `purchase` record.
import { KithError } from '../../../base/errors.ts';
import type { Draft, ImportFile, ImportItem, ImportOptions, ImportRead, Importer, ItemProblem } from '../importer.ts';
import { contentKey, uniqueIds } from '../source-ids.ts';
import { decodeText, isBinary } from '../text-input.ts';
import { parseAmount } from './amounts.ts';
import { type ColumnMap, type Field, headerCurrency, mapFromHeader, mapFromSpec, parseMapSpec } from './column-map.ts';
import { type Row, type Table, readTable } from './csv-table.ts';
import { dayOrderOf, parseDate } from './dates.ts';

/** Columns for a file without a header: the date, amount and description by what their cells hold. */
function inferColumns(rows: readonly Row[], decimalComma: boolean): Partial<Record<Field, number>> {
  const sample = rows.slice(0, 200);
  const width = Math.max(0, ...sample.map((row) => row.cells.length));
  const share = (index: number, test: (cell: string) => boolean) => sample.filter((row) => test(row.cells[index] ?? '')).length / Math.max(1, sample.length);
  const columns: Partial<Record<Field, number>> = {};
  const indexes = [...Array(width).keys()];
  const date = indexes.find((i) => share(i, (cell) => parseDate(cell, 'month-first') !== undefined) >= 0.6);
  if (date !== undefined) columns.date = date;
  const amount = indexes.find((i) => i !== date && share(i, (cell) => parseAmount(cell, decimalComma) !== undefined) >= 0.6);
  if (amount !== undefined) columns.amount = amount;
  // The description: the column with the longest text that is neither.
  const length = (i: number) => sample.reduce((sum, row) => sum + (row.cells[i] ?? '').length, 0);
  const text = indexes.filter((i) => i !== date && i !== amount && share(i, (cell) => /[A-Za-z]/.test(cell)) > 0.5).sort((a, b) => length(b) - length(a))[0];
  if (text !== undefined) columns.description = text;
  return columns;
}

function columnsFor(table: Table, options: ImportOptions, decimalComma: boolean): ColumnMap {
  const spec = options.map === undefined ? undefined : parseMapSpec(options.map);
  const detected = table.header === undefined ? inferColumns(table.rows, decimalComma) : mapFromHeader(table.header);
  const given = spec === undefined ? { columns: {} } : mapFromSpec(spec, table.header);
  const columns = { ...detected, ...given.columns };
  // A shop's order history names items, not the shop: the item stands in for a description.
  if (columns.description === undefined && columns.item !== undefined) columns.description = columns.item;
  const amountHeader = table.header?.[columns.amount ?? columns.debit ?? columns.credit ?? -1];
  const currency = given.currency ?? headerCurrency(amountHeader);
  const map: ColumnMap = { columns, ...(currency === undefined ? {} : { currency }) };
  const missing = [
    columns.date === undefined ? 'date' : undefined,
    columns.description === undefined ? 'description' : undefined,
    columns.amount === undefined && columns.debit === undefined && columns.credit === undefined ? 'amount' : undefined,
  ].filter((field) => field !== undefined);
  if (missing.length > 0) {
    throw new KithError('InvalidInput', `Kith cannot tell which column holds the ${missing.join(', ')}.`, {
      hint: `Say it with --map, for example --map date=Date,description=Description,amount=Amount${table.header === undefined ? '' : ` (the columns: ${table.header.slice(0, 12).join(', ')})`}.`,
    });
  }
  // Every row would fail the same way: say it once, and write nothing.
  const first = table.rows.find((row) => parseAmount(cell(row, columns.amount ?? columns.debit ?? columns.credit), decimalComma) !== undefined);
  const firstAmount = first === undefined ? undefined : parseAmount(cell(first, columns.amount ?? columns.debit ?? columns.credit), decimalComma);
  if (map.currency === undefined && columns.currency === undefined && firstAmount !== undefined && firstAmount.currency === undefined) {
    throw new KithError('InvalidInput', 'The file does not say which currency its amounts are in.', { hint: 'Name it with --map currency=EUR (or USD, GBP…).' });
  }
  return map;
}

interface RowContext {
  readonly map: ColumnMap;
  readonly decimalComma: boolean;
  readonly order: ReturnType<typeof dayOrderOf>;
}

function cell(row: Row, index: number | undefined): string {
  return index === undefined ? '' : (row.cells[index] ?? '').trim();
}

function rowDraft(row: Row, { map, decimalComma, order }: RowContext): Draft {
  const { columns } = map;
  const dateText = cell(row, columns.date);
  const date = parseDate(dateText, order);
  if (date === undefined) throw new Error(dateText === '' ? 'it has no date' : `"${dateText.slice(0, 40)}" is not a date`);
  let amount = parseAmount(cell(row, columns.amount), decimalComma);
  if (amount === undefined) {
    // Separate debit and credit columns: money out as a negative amount.
    const debit = parseAmount(cell(row, columns.debit), decimalComma);
    const credit = parseAmount(cell(row, columns.credit), decimalComma);
    if (debit !== undefined && !/^0(\.0*)?$/.test(debit.value)) amount = { ...debit, value: debit.value.startsWith('-') ? debit.value : `-${debit.value}` };
    else amount = credit ?? debit;
  }
  const amountText = cell(row, columns.amount);
  if (amount === undefined) throw new Error(amountText === '' ? 'it has no amount' : `"${amountText.slice(0, 40)}" is not an amount`);
  const currencyCell = cell(row, columns.currency).toUpperCase();
  const currency = (/^[A-Z]{3}$/.test(currencyCell) ? currencyCell : undefined) ?? amount.currency ?? map.currency;
  if (currency === undefined) throw new Error('it names no currency (give one with --map currency=EUR)');
  const vendor = cell(row, columns.description).slice(0, 200) || cell(row, columns.item).slice(0, 200);
  if (vendor === '') throw new Error('it has no description');
  const data: Record<string, unknown> = { vendor, date, amount: amount.value, currency };
  const item = cell(row, columns.item).slice(0, 500);
  if (item !== '' && item !== vendor) data['item'] = item;
  const category = cell(row, columns.category).slice(0, 100);
  if (category !== '') data['category'] = category;
  const orderId = cell(row, columns.orderId).slice(0, 100);
  if (orderId !== '') data['orderId'] = orderId;
  return { type: 'purchase', data };
}

export function readPurchases(text: string, options: ImportOptions = {}): ImportRead {
  const spec = options.map === undefined ? undefined : parseMapSpec(options.map);
  const expect = spec === undefined ? [] : [...spec.entries()].filter(([field, name]) => !(field === 'currency' && /^[A-Za-z]{3}$/.test(name)) && !/^\d{1,3}$/.test(name)).map(([, name]) => name);
  const table = readTable(text, expect);
  if (table.rows.length === 0) throw new KithError('InvalidInput', 'The file holds no rows of data.', { hint: 'Is it the right file?' });
  const decimalComma = table.delimiter === ';';
  const map = columnsFor(table, options, decimalComma);
  const context: RowContext = { map, decimalComma, order: dayOrderOf(table.rows.map((row) => cell(row, map.columns.date))) };
  const items: ImportItem[] = [];
  const problems: ItemProblem[] = table.broken.map(({ line, reason }) => ({ place: `line ${line}`, reason }));
  const unique = uniqueIds();
  for (const row of table.rows) {
    const place = `row at line ${row.line}`;
    try {
      const draft = rowDraft(row, context);
      const { data } = draft;
      // A row's own id when the file has one; else its content, so rows keep their ids when a later export adds rows above them.
      const key = data['orderId'] !== undefined ? `order:${String(data['orderId'])}` : contentKey([data['date'], data['amount'], data['currency'], data['vendor'], data['item']]);
      items.push({ sourceId: unique(key), place, draft });
    } catch (error) {
      problems.push({ place, reason: error instanceof Error ? error.message : 'it could not be read' });
    }
  }
  return { items, problems };
}

export const csvImporter: Importer = {
  format: 'csv',
  detect(file: ImportFile) {
    return !isBinary(file.bytes) && /\.(csv|tsv|txt)$/i.test(file.name);
  },
  read(file: ImportFile, options: ImportOptions) {
    return readPurchases(decodeText(file.bytes, file.name), options);
  },
};
