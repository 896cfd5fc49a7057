// Receipts the owner keeps: consent receipts countersigned by holders on delivery, and
// deletion receipts after a revocation. Together they answer "who holds what, and who
// complied" (kith receipts, the Vendors and privacy-map screens).
import { z } from 'zod';
import { parseWith } from '../base/schema.ts';
import type { ItemChange, Locker } from '../store/locker.ts';

export const RECEIPTS = 'receipts';

const receiptItemSchema = z.strictObject({
  kind: z.enum(['consent', 'deletion']),
  grant: z.string(),
  holder: z.string(),
  time: z.iso.datetime(),
  credential: z.record(z.string(), z.unknown()),
});
export type ReceiptItem = z.output<typeof receiptItemSchema>;

export function receiptChange(item: ReceiptItem): ItemChange {
  // One consent receipt per grant and holder (the latest countersignature), one deletion receipt.
  return { collection: RECEIPTS, id: `${item.grant}:${item.holder}:${item.kind}`, value: item };
}

export async function listReceipts(locker: Locker, grant?: string): Promise<ReceiptItem[]> {
  const items = await locker.collections.list(RECEIPTS, grant === undefined ? '' : `${grant}:`);
  return items.map((item) => parseWith(receiptItemSchema, item.value, 'stored receipt'));
}
