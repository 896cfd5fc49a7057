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
  /** On the holder's side: whose grant it is (grant ids are unique per owner only). */
  owner: z.string().optional(),
  time: z.iso.datetime(),
  credential: z.record(z.string(), z.unknown()),
});
export type ReceiptItem = z.output<typeof receiptItemSchema>;

export function receiptChange(item: ReceiptItem): ItemChange {
  // One consent receipt per grant and holder (the latest countersignature), one deletion
  // receipt; a holder keeps them per owner too, so one owner cannot overwrite another's.
  const owner = item.owner === undefined ? '' : `:${item.owner}`;
  return { collection: RECEIPTS, id: `${item.grant}:${item.holder}:${item.kind}${owner}`, value: item };
}

export async function listReceipts(locker: Locker, grant?: string): Promise<ReceiptItem[]> {
  const items = await locker.collections.list(RECEIPTS, grant === undefined ? '' : `${grant}:`);
  return items.map((item) => parseWith(receiptItemSchema, item.value, 'stored receipt'));
}
