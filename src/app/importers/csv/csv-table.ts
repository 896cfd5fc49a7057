// A CSV file as rows with their line numbers: the delimiter found by counting candidates
// outside quotes, the header found past any preamble (the account number and date range
// that bank exports put first), and a row whose quoting is broken reported, not fatal.
import { parse } from 'csv-parse/sync';
import { KithError } from '../../../base/errors.ts';
import { headerScore } from './column-map.ts';

export interface Row {
  /** 1-based line of the file the row starts on. */
  readonly line: number;
  readonly cells: readonly string[];
}

export interface Table {
  readonly delimiter: string;
  readonly header: readonly string[] | undefined;
  readonly rows: readonly Row[];
  /** Lines csv-parse could not read (an unclosed quote, say). */
  readonly broken: readonly { line: number; reason: string }[];
}

const CANDIDATES = [',', ';', '\t', '|'];

/** Per record (newlines inside quotes do not end one), how often `char` occurs outside quotes; the first 200 records. */
function countsPerRecord(text: string, char: string): number[] {
  const counts: number[] = [];
  let quoted = false;
  let count = 0;
  let blank = true;
  for (let i = 0; i < text.length && counts.length < 200; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (!blank) counts.push(count);
      count = 0;
      blank = true;
      continue;
    } else if (c === char && !quoted) count++;
    blank = false;
  }
  if (!blank) counts.push(count);
  return counts;
}

/** The candidate that splits the most records into the same number of fields (so a preamble does not decide). */
export function detectDelimiter(text: string): string {
  let best = ',';
  let bestScore = 0;
  for (const candidate of CANDIDATES) {
    const counts = countsPerRecord(text, candidate).filter((count) => count > 0);
    if (counts.length === 0) continue;
    const modal = mode(counts);
    const score = counts.filter((count) => count === modal).length * Math.min(modal, 20);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

function mode(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
}

/** `expect`: column names from --map; the header is the first row holding them all. */
export function readTable(text: string, expect: readonly string[] = []): Table {
  const delimiter = detectDelimiter(text);
  const broken: { line: number; reason: string }[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      trim: true,
      on_skip: (error) => {
        if (error !== undefined) broken.push({ line: Number(error.lines) || 0, reason: error.message });
        return undefined;
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new KithError('InvalidInput', `The file cannot be read as CSV: ${error instanceof Error ? error.message : 'unknown problem'}.`);
  }
  // info.lines is the line the record ends on; a record spanning lines starts earlier.
  const rows = records
    .map(({ record, info }) => ({ line: info.lines - record.reduce((n, cell) => n + (cell.match(/\r\n|\n|\r/g)?.length ?? 0), 0), cells: record }))
    .filter((row) => row.cells.some((cell) => cell !== ''));
  const width = mode(rows.map((row) => row.cells.length));
  // The header: the first row as wide as the data whose cells read as column names.
  const names = (cells: readonly string[]) => new Set(cells.map((cell) => cell.trim().toLowerCase()));
  const headerIndex =
    expect.length > 0
      ? rows.findIndex((row, index) => index < 30 && expect.every((name) => names(row.cells).has(name.trim().toLowerCase())))
      : rows.findIndex((row, index) => index < 30 && row.cells.length >= Math.min(width, 2) && headerScore(row.cells) >= Math.min(2, width));
  if (headerIndex >= 0) {
    const header = rows[headerIndex]?.cells;
    return { delimiter, header, rows: rows.slice(headerIndex + 1).filter((row) => row.cells.length > 1), broken };
  }
  // No header: drop preamble rows narrower than the data.
  return { delimiter, header: undefined, rows: rows.filter((row) => row.cells.length >= Math.max(2, width - 1)), broken };
}
