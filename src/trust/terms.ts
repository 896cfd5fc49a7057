// Terms the owner proffers with every grant and agreement — first-party terms in the
// spirit of IEEE 7012 ("MyTerms") and the Customer Commons agreements: a few presets a
// person can pick by name, plus custom clauses in their own words.
import { z } from 'zod';
import { clauseWords } from '../api/clause-words.ts';
import { KithError } from '../base/errors.ts';

export const MAX_CUSTOM_CLAUSES = 10;

export const clauseSchema = z.discriminatedUnion('id', [
  z.strictObject({ id: z.literal('delivery-only') }),
  z.strictObject({ id: z.literal('no-tracking') }),
  z.strictObject({ id: z.literal('no-onward-sharing') }),
  z.strictObject({ id: z.literal('delete-on-revocation') }),
  z.strictObject({ id: z.literal('breach-notice'), hours: z.number().int().min(1).max(24 * 30) }),
  z.strictObject({ id: z.literal('delete-after'), days: z.number().int().min(1).max(3650) }),
  z.strictObject({ id: z.literal('custom'), text: z.string().trim().min(1).max(500) }),
]);
export type Clause = z.output<typeof clauseSchema>;
export type ClauseId = Clause['id'];

export const termsSchema = z.array(clauseSchema).max(20);

/** What each preset means, in the words shown to both sides (src/api/clause-words.ts). */
export function describeClause(clause: Clause): string {
  return clauseWords(clause);
}

/**
 * Parses presets as typed on the command line: `delivery-only,no-tracking,delete-after-30d,
 * breach-notice-48h`, plus custom clauses given separately.
 */
export function parseTerms(presets: string, custom: readonly string[] = []): Clause[] {
  const clauses: Clause[] = [];
  for (const raw of presets.split(',').map((s) => s.trim()).filter((s) => s.length > 0)) {
    const afterDays = /^delete-after-(\d{1,4})d?$/.exec(raw);
    const breach = /^breach-notice(?:-(\d{1,3})h)?$/.exec(raw);
    if (afterDays !== null) clauses.push({ id: 'delete-after', days: Number(afterDays[1]) });
    else if (breach !== null) clauses.push({ id: 'breach-notice', hours: Number(breach[1] ?? 48) });
    else if (['delivery-only', 'no-tracking', 'no-onward-sharing', 'delete-on-revocation'].includes(raw)) clauses.push({ id: raw } as Clause);
    else {
      throw new KithError('InvalidInput', `"${raw.slice(0, 40)}" is not a terms preset.`, {
        hint: 'Use delivery-only, no-tracking, no-onward-sharing, delete-on-revocation, delete-after-30d, breach-notice-48h.',
      });
    }
  }
  if (custom.length > MAX_CUSTOM_CLAUSES) throw new KithError('InvalidInput', `At most ${MAX_CUSTOM_CLAUSES} custom clauses.`);
  for (const text of custom) clauses.push({ id: 'custom', text });
  const parsed = termsSchema.safeParse(clauses);
  if (!parsed.success) throw new KithError('InvalidInput', 'A custom clause must be 1 to 500 characters.');
  return parsed.data;
}

/** The clauses of `offered` that `policy` does not accept (by id and, for numbers, bound). */
export function clausesOutside(offered: readonly Clause[], policy: { accepts: readonly ClauseId[]; minDeleteAfterDays?: number; shortestBreachNoticeHours?: number }): Clause[] {
  return offered.filter((clause) => {
    if (!policy.accepts.includes(clause.id)) return true;
    if (clause.id === 'delete-after' && policy.minDeleteAfterDays !== undefined) return clause.days < policy.minDeleteAfterDays;
    if (clause.id === 'breach-notice' && policy.shortestBreachNoticeHours !== undefined) return clause.hours < policy.shortestBreachNoticeHours;
    return false;
  });
}
