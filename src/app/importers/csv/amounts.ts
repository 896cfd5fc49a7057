// Money as bank and shop exports write it — "- $1,150.00", "-2680.89", "(12.50)",
// "1.234,56 €", "EUR 12.50" — as an exact decimal string and, when the text names one,
// a currency.

const SYMBOLS: Record<string, string> = { '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR', '₩': 'KRW', '₽': 'RUB', '₺': 'TRY', R$: 'BRL', US$: 'USD', $: 'USD', 'CHF': 'CHF' };

export interface Amount {
  /** "-1150.00": an optional minus, digits, and the fraction as written (at most 4 digits). */
  readonly value: string;
  readonly currency?: string;
}

/**
 * Reads an amount; undefined when the text is not one. `decimalComma` says a lone comma is
 * the decimal mark (files that separate fields with ";" write 12,50).
 */
export function parseAmount(raw: string, decimalComma = false): Amount | undefined {
  let text = raw.trim().replace(/[\u00a0\u202f']/g, ' ');
  if (text === '') return undefined;
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true; // accountants' (12.50)
    text = text.slice(1, -1).trim();
  }
  let currency: string | undefined;
  const code = /(^|\s)([A-Z]{3})(\s|$)/.exec(text);
  if (code?.[2] !== undefined) {
    currency = code[2];
    text = text.replace(code[2], ' ');
  }
  for (const [symbol, iso] of Object.entries(SYMBOLS).sort((a, b) => b[0].length - a[0].length)) {
    if (text.includes(symbol)) {
      currency ??= iso;
      text = text.replace(symbol, ' ');
      break;
    }
  }
  text = text.replace(/\s+/g, '');
  if (/^[-−]/.test(text)) {
    negative = !negative;
    text = text.slice(1);
  } else if (text.startsWith('+')) {
    text = text.slice(1);
  }
  if (text.endsWith('-')) {
    negative = !negative; // "12.50-", some German banks
    text = text.slice(0, -1);
  }
  if (!/^\d[\d.,]*$/.test(text)) return undefined;
  const value = normalizeNumber(text, decimalComma);
  if (value === undefined) return undefined;
  const isZero = /^0(\.0*)?$/.test(value);
  return { value: negative && !isZero ? `-${value}` : value, ...(currency === undefined ? {} : { currency }) };
}

function normalizeNumber(text: string, decimalComma: boolean): string | undefined {
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let integer: string;
  let fraction = '';
  if (lastDot >= 0 && lastComma >= 0) {
    // Both: the later one is the decimal mark, the other groups thousands.
    const mark = lastDot > lastComma ? '.' : ',';
    const at = Math.max(lastDot, lastComma);
    integer = text.slice(0, at).replaceAll(mark === '.' ? ',' : '.', '');
    fraction = text.slice(at + 1);
    if (integer.includes(mark)) return undefined;
  } else if (lastComma >= 0) {
    const groups = text.split(',');
    // "1,150" and "1,150,000" group thousands; "12,50" (or any comma in a ";" file) is a decimal mark.
    const thousands = !decimalComma && groups.slice(1).every((group) => group.length === 3);
    if (thousands) integer = groups.join('');
    else if (groups.length === 2) [integer = '', fraction = ''] = groups;
    else return undefined;
  } else if (lastDot >= 0) {
    const groups = text.split('.');
    if (groups.length > 2) {
      if (!groups.slice(1).every((group) => group.length === 3)) return undefined;
      integer = groups.join(''); // 1.150.000
    } else [integer = '', fraction = ''] = groups;
  } else {
    integer = text;
  }
  if (!/^\d+$/.test(integer) || !/^\d*$/.test(fraction) || fraction.length > 4 || integer.length > 15) return undefined;
  integer = integer.replace(/^0+(?=\d)/, '');
  return fraction === '' ? integer : `${integer}.${fraction}`;
}
