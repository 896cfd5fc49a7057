// Dates as exports write them — ISO 2016-08-10 (with or without a time), 8/10/2016,
// 10.08.2016, 10 Aug 2016, Aug 10, 2016 — read a column at a time, because 8/10/2016
// alone cannot say whether it is August or October: the other rows of the column can.

export type DayOrder = 'month-first' | 'day-first';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const pad = (n: number) => String(n).padStart(2, '0');

function valid(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2200) return undefined;
  const iso = `${year}-${pad(month)}-${pad(day)}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : undefined;
}

function fullYear(text: string): number {
  const year = Number(text);
  return text.length === 2 ? (year < 70 ? 2000 + year : 1900 + year) : year;
}

const NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T].*)?$/;

/** How a column's numeric dates put day and month: from a row that can only be read one way, else by separator (US slashes, European dots and dashes). */
export function dayOrderOf(cells: readonly string[]): DayOrder {
  let separator = '/';
  for (const cell of cells) {
    const match = NUMERIC.exec(cell.trim());
    if (match === null) continue;
    separator = cell.trim()[match[1]?.length ?? 0] ?? '/';
    if (Number(match[1]) > 12) return 'day-first';
    if (Number(match[2]) > 12) return 'month-first';
  }
  return separator === '/' ? 'month-first' : 'day-first';
}

/** An ISO date (YYYY-MM-DD), or undefined when the text is not a date. */
export function parseDate(raw: string, order: DayOrder): string | undefined {
  const text = raw.trim().replace(/^"|"$/g, '');
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$/.exec(text);
  if (match !== null) return valid(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (match !== null) return valid(Number(match[1]), Number(match[2]), Number(match[3]));
  match = NUMERIC.exec(text);
  if (match !== null) {
    const [first, second] = [Number(match[1]), Number(match[2])];
    return order === 'month-first' ? valid(fullYear(match[3] ?? ''), first, second) : valid(fullYear(match[3] ?? ''), second, first);
  }
  match = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ ,-]*(\d{4}|\d{2})$/.exec(text);
  if (match !== null) return named(match[3], match[2], match[1]);
  match = /^(?:[A-Za-z]{3,9},? )?([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/.exec(text);
  if (match !== null) return named(match[3], match[1], match[2]);
  return undefined;
}

function named(year: string | undefined, month: string | undefined, day: string | undefined): string | undefined {
  const index = MONTHS.indexOf((month ?? '').slice(0, 3).toLowerCase());
  return index < 0 ? undefined : valid(fullYear(year ?? ''), index + 1, Number(day));
}
