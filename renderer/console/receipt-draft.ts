// The "Send a receipt" form's pure half: the order as the owner types it (text in every
// box), its total computed exactly as the lines are typed, the problems found before
// anything is sent, and the order as vendor.receipt takes it. The core checks the order
// again (src/trust/e-receipt.ts: the schema, one currency, the total equal to the sum)
// and its refusals are put in the form's words here too.
import { isKithError, KithError } from '../../src/base/errors.ts';

export interface ItemDraft {
  readonly name: string;
  readonly quantity: string;
  /** The unit price, as typed ("4.50", or "4,50" as many write it). */
  readonly price: string;
}

export interface ReceiptDraft {
  readonly orderId: string;
  readonly date: string;
  readonly currency: string;
  readonly items: readonly ItemDraft[];
}

export interface ItemProblems {
  name?: string;
  quantity?: string;
  price?: string;
}

export interface DraftProblems {
  orderId?: string;
  date?: string;
  currency?: string;
  items: ItemProblems[];
}

/** As the core takes them: at most 15 whole digits and 4 decimals, never negative. */
const AMOUNT = /^\d{1,15}(\.\d{1,4})?$/;
const SCALE = 4;
const MAX_QUANTITY = 1_000_000;

export const EMPTY_ITEM: ItemDraft = { name: '', quantity: '1', price: '' };

/** A new draft dated `today` (the owner's local day, YYYY-MM-DD). */
export function newDraft(today: string, currency = 'EUR'): ReceiptDraft {
  return { orderId: '', date: today, currency, items: [EMPTY_ITEM] };
}

/** The owner's local day as YYYY-MM-DD (a sale is dated where it was made, not in UTC). */
export function localDay(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "4,50" and " 4.50 " are 4.50; anything else stays as typed (and is found wrong). */
export function normalAmount(text: string): string {
  return text.trim().replace(',', '.');
}

function units(amount: string): bigint | undefined {
  const text = normalAmount(amount);
  if (!AMOUNT.test(text)) return undefined;
  const [whole = '0', fraction = ''] = text.split('.');
  return BigInt(whole) * 10n ** BigInt(SCALE) + BigInt(fraction.padEnd(SCALE, '0'));
}

function quantityOf(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,7}$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n >= 1 && n <= MAX_QUANTITY ? n : undefined;
}

function decimalsOf(amount: string): number {
  return normalAmount(amount).split('.')[1]?.length ?? 0;
}

function formatUnits(amount: bigint, decimals: number): string {
  const scaled = amount.toString().padStart(SCALE + 1, '0');
  const fraction = scaled.slice(-SCALE).slice(0, decimals);
  return fraction.length === 0 ? scaled.slice(0, -SCALE) : `${scaled.slice(0, -SCALE)}.${fraction}`;
}

/**
 * The sum of quantity × unit price, exactly (no binary floats), with as many decimals as
 * the most precise price and at least two; undefined while a line's quantity or price is
 * not a number yet. Empty lines (no name, no price) are left out, as the order leaves them.
 */
export function draftTotal(items: readonly ItemDraft[]): string | undefined {
  const lines = filledItems(items);
  if (lines.length === 0) return undefined;
  let sum = 0n;
  let decimals = 2;
  for (const item of lines) {
    const price = units(item.price);
    const quantity = quantityOf(item.quantity);
    if (price === undefined || quantity === undefined) return undefined;
    sum += price * BigInt(quantity);
    decimals = Math.max(decimals, decimalsOf(item.price));
  }
  return formatUnits(sum, decimals);
}

/** The lines the owner started: a trailing empty one is not an item. */
function filledItems(items: readonly ItemDraft[]): ItemDraft[] {
  return items.filter((item) => item.name.trim() !== '' || item.price.trim() !== '');
}

/** What is wrong before it is sent, in the form's words; nothing when it may go. */
export function draftProblems(draft: ReceiptDraft): DraftProblems {
  const problems: DraftProblems = { items: draft.items.map(() => ({})) };
  if (draft.orderId.trim() === '') problems.orderId = 'Give the order number, as on your till or invoice.';
  else if (draft.orderId.trim().length > 100) problems.orderId = 'An order number has at most 100 characters.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date) || Number.isNaN(Date.parse(`${draft.date}T00:00:00Z`))) problems.date = 'Give the day of the sale.';
  if (!/^[A-Z]{3}$/.test(draft.currency.trim().toUpperCase())) problems.currency = 'Give a three-letter currency code, such as EUR or USD.';
  const filled = filledItems(draft.items);
  draft.items.forEach((item, index) => {
    const found = problems.items[index]!;
    if (!filled.includes(item)) return;
    if (item.name.trim() === '') found.name = 'Name what was sold.';
    else if (item.name.trim().length > 200) found.name = 'At most 200 characters.';
    if (quantityOf(item.quantity) === undefined) found.quantity = 'A whole number from 1.';
    if (units(item.price) === undefined) found.price = normalAmount(item.price) === '' ? 'Give the price of one.' : 'An amount such as 4.50 (up to 4 decimals).';
  });
  if (filled.length === 0) problems.items[0] = { ...problems.items[0], name: 'Add at least one item.' };
  return problems;
}

export function hasProblems(problems: DraftProblems): boolean {
  return problems.orderId !== undefined || problems.date !== undefined || problems.currency !== undefined || problems.items.some((p) => Object.values(p).some((v) => v !== undefined));
}

/** The order as vendor.receipt takes it (the e-receipt's JSON); call it on a draft without problems. */
export function orderFrom(draft: ReceiptDraft): Record<string, unknown> {
  const currency = draft.currency.trim().toUpperCase();
  const items = filledItems(draft.items);
  return {
    orderId: draft.orderId.trim(),
    date: draft.date,
    items: items.map((item) => ({ name: item.name.trim(), quantity: Number(item.quantity.trim()), price: { value: normalAmount(item.price), currency } })),
    total: { value: draftTotal(items) ?? '', currency },
  };
}

const FIELD_WORDS: readonly (readonly [RegExp, (...groups: string[]) => string])[] = [
  [/\bitems\.(\d+)\.price\.value: /g, (n) => `item ${Number(n) + 1}'s price `],
  [/\bitems\.(\d+)\.price\.currency: /g, (n) => `item ${Number(n) + 1}'s currency `],
  [/\bitems\.(\d+)\.(name|quantity): /g, (n, field) => `item ${Number(n) + 1}'s ${field ?? ''} `],
  [/\bitems\.(\d+): /g, (n) => `item ${Number(n) + 1} `],
  [/\bitems: /g, () => 'the items '],
  [/\btotal\.value: /g, () => 'the total '],
  [/\btotal\.currency: /g, () => "the total's currency "],
  [/\borderId: /g, () => 'the order number '],
  [/\bdate: /g, () => 'the date '],
];

/**
 * The core's refusal with its field paths (items.1.price.value: …) in words (item 2's
 * price …); its code and hint are kept, and anything else passes as it came.
 */
export function receiptErrorWords(error: unknown): unknown {
  if (!isKithError(error)) return error;
  const message = FIELD_WORDS.reduce((text, [pattern, words]) => text.replace(pattern, (_match, ...groups: unknown[]) => words(...groups.filter((g): g is string => typeof g === 'string'))), error.message);
  if (message === error.message) return error;
  return new KithError(error.code, message, error.hint === undefined ? undefined : { hint: error.hint });
}
