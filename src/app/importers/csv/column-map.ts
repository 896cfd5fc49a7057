// Which column of a purchase or transaction CSV holds which field: from `--map`
// ("date=Date,description=Description,amount=Amount,currency=EUR") or from the header's
// words, in the languages exports come in.
import { KithError } from '../../../base/errors.ts';

export const FIELDS = ['date', 'description', 'amount', 'debit', 'credit', 'currency', 'category', 'orderId', 'item'] as const;
export type Field = (typeof FIELDS)[number];

/** A field's column (by index), or for currency a fixed code for every row. */
export interface ColumnMap {
  readonly columns: Partial<Record<Field, number>>;
  readonly currency?: string;
}

const ALIASES: Record<string, Field> = { order: 'orderId', 'order-id': 'orderId', orderid: 'orderId', vendor: 'description', merchant: 'description', payee: 'description' };

/** `--map` as field → column name (or, for currency, a code such as EUR). */
export function parseMapSpec(spec: string): Map<Field, string> {
  const out = new Map<Field, string>();
  for (const part of spec.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part.trim() : part.slice(0, eq).trim();
    const field = (FIELDS as readonly string[]).includes(key) ? (key as Field) : ALIASES[key.toLowerCase()];
    if (eq < 0 || field === undefined || part.slice(eq + 1).trim() === '') {
      throw new KithError('InvalidInput', `--map: "${part.trim().slice(0, 60)}" is not FIELD=COLUMN.`, {
        hint: `Fields: ${FIELDS.join(', ')}; for example --map date=Date,description=Description,amount=Amount,currency=EUR.`,
      });
    }
    out.set(field, part.slice(eq + 1).trim());
  }
  return out;
}

// Header words by field, lower case; compared after trimming and lower-casing the header.
const HEADER_WORDS: Record<Field, readonly string[]> = {
  date: ['date', 'created', 'journaldate', 'date de valeur', 'transaction date', 'posting date', 'posted date', 'post date', 'booking date', 'order date', 'value date', 'trans. date', 'datum', 'buchungstag', 'fecha', 'data', 'date opération', 'started date', 'completed date'],
  description: ['description', 'desc', 'description 1', 'description1', 'partner name', 'auftraggeber/empfänger', 'empfänger', 'payee', 'merchant', 'name', 'narrative', 'details', 'transaction description', 'vendor', 'seller', 'merchant name', 'beschreibung', 'verwendungszweck', 'concepto', 'descrição', 'libellé', 'memo'],
  amount: ['amount', 'netamount', 'net amount', 'value', 'total', 'item total', 'total owed', 'transaction amount', 'betrag', 'importe', 'montant', 'valor', ],
  debit: ['debit', 'débit', 'debit amount', 'withdrawal', 'withdrawals', 'paid out', 'money out', 'soll'],
  credit: ['credit', 'crédit', 'credit amount', 'deposit', 'deposits', 'paid in', 'money in', 'haben'],
  currency: ['currency', 'currency code', 'monn.', 'währung', 'moneda', 'moeda', 'devise'],
  category: ['category', 'categoria', 'kategorie', 'catégorie'],
  orderId: ['order id', 'order number', 'order no', 'transaction id', 'reference', 'ref', 'id'],
  item: ['item', 'items', 'title', 'product', 'product name', 'item description'],
};

const normalize = (header: string) => header.trim().toLowerCase().replace(/\s+/g, ' ').replace(/ \([a-z]{3}\)$/, '');

/** "Amount (EUR)": a header that names the column's currency. */
export function headerCurrency(header: string | undefined): string | undefined {
  return /\(([A-Za-z]{3})\)\s*$/.exec(header ?? '')?.[1]?.toUpperCase();
}

/** Fields found among the header's columns (the first column that names a field wins). */
export function mapFromHeader(header: readonly string[]): Partial<Record<Field, number>> {
  const columns: Partial<Record<Field, number>> = {};
  header.forEach((cell, index) => {
    const name = normalize(cell);
    for (const field of FIELDS) {
      if (columns[field] === undefined && HEADER_WORDS[field].includes(name)) {
        columns[field] = index;
        return;
      }
    }
  });
  return columns;
}

/** How many of a row's cells read as header words. */
export function headerScore(row: readonly string[]): number {
  return row.filter((cell) => FIELDS.some((field) => HEADER_WORDS[field].includes(normalize(cell)))).length;
}

/** `--map` applied to a header: each named column must be there. */
export function mapFromSpec(spec: Map<Field, string>, header: readonly string[] | undefined): ColumnMap {
  const columns: Partial<Record<Field, number>> = {};
  let currency: string | undefined;
  for (const [field, name] of spec) {
    const index = header?.findIndex((cell) => normalize(cell) === normalize(name)) ?? -1;
    if (index >= 0) {
      columns[field] = index;
      continue;
    }
    if (field === 'currency' && /^[A-Za-z]{3}$/.test(name)) {
      currency = name.toUpperCase();
      continue;
    }
    // A headerless file: columns by number, 1 for the first.
    if (/^\d{1,3}$/.test(name) && Number(name) >= 1) {
      columns[field] = Number(name) - 1;
      continue;
    }
    throw new KithError('InvalidInput', `--map: the file has no column "${name.slice(0, 60)}" for ${field}.`, {
      hint: header === undefined ? 'The file has no header row: name columns by number (1 is the first).' : `Its columns: ${header.slice(0, 20).join(', ')}.`,
    });
  }
  return { columns, ...(currency === undefined ? {} : { currency }) };
}
