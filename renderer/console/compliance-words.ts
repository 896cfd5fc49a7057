// Words for the Compliance screen: a scheduled deletion's deadline as the customer's terms
// set it, how far off (or how late) it is, and how one was answered — on schedule or by
// the customer's revocation first, and whether their node has the signed deletion receipt.
import type { MethodOutput } from '../../src/api/contract.ts';
import { count } from '../lib/format.ts';

type Compliance = MethodOutput<'vendor.compliance'>;
export type OwedDeletion = Compliance['owed'][number];
export type AnsweredDeletion = Compliance['answered'][number];

const DAY_MS = 86_400_000;

/** "Their terms: delete after 30 days" — the deadline's source, named. */
export function retentionWords(deletion: Pick<OwedDeletion, 'reason' | 'days'>): string {
  if (deletion.days !== undefined) return `Their terms: delete after ${count(deletion.days, 'day')}`;
  return deletion.reason === 'delete-after' ? 'Their terms: delete after a set time' : `Their terms (${deletion.reason})`;
}

/** What was shared, by the grant's purpose. */
export function deletionWhat(deletion: Pick<OwedDeletion, 'purpose'>): string {
  return deletion.purpose === undefined || deletion.purpose === '' ? 'What they shared (no purpose given)' : `What they shared for “${deletion.purpose}”`;
}

/** "in 3 days", "today", "2 days overdue": the due date's distance from `now`. */
export function dueDistance(deletion: Pick<OwedDeletion, 'due' | 'overdue'>, now: number): string {
  const due = Date.parse(deletion.due);
  if (Number.isNaN(due)) return '';
  const late = now - due;
  if (deletion.overdue || late >= 0) {
    const days = Math.floor(late / DAY_MS);
    return days < 1 ? 'overdue since today' : `${count(days, 'day')} overdue`;
  }
  const days = Math.ceil(-late / DAY_MS);
  return days <= 1 ? 'due within a day' : `in ${count(days, 'day')}`;
}

/** How a deletion was answered: by the schedule, or by the customer's revocation first. */
export function answeredHow(deletion: Pick<AnsweredDeletion, 'by'>): string {
  return deletion.by === 'revocation' ? 'Deleted when they took it back (before it was due)' : 'Deleted on schedule';
}

/** Where the signed deletion receipt is. */
export function receiptWhere(deletion: Pick<AnsweredDeletion, 'by' | 'delivered'>): { text: string; done: boolean } {
  if (deletion.by === 'revocation') return { text: 'Their node took the receipt with the revocation', done: true };
  return deletion.delivered === undefined ? { text: 'Receipt on its way: their node gets it when next online', done: false } : { text: 'Their node took the receipt', done: true };
}
