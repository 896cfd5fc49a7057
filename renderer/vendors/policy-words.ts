// A vendor's policy — which of the customer's clauses its node countersigns by itself —
// in the words the customer sees on the terms (share-terms.ts), and how the vendor's own
// choices become the `accepts` text of vendor.profile.set (src/trust/vendor-profile.ts
// parsePolicy: clause ids, comma-separated; delete-after-90d and breach-notice-24h set bounds).
import type { VendorProfileView } from '../../src/api/methods/agreements.ts';
import { PRESETS } from '../sharing/share-terms.ts';

export type PolicyClause = (typeof POLICY_CLAUSES)[number]['id'];

export const POLICY_CLAUSES = [
  ...PRESETS.map((preset) => ({ id: preset.id, label: preset.label })),
  { id: 'custom', label: "Any clause in the customer's own words (signed unread)" },
] as const;

/** One line per clause the policy accepts, with its bound. */
export function policyLines(policy: VendorProfileView['policy']): string[] {
  return POLICY_CLAUSES.filter((clause) => policy.accepts.includes(clause.id)).map((clause) => {
    if (clause.id === 'delete-after' && policy.minDeleteAfterDays !== undefined) return `${clause.label}: at least ${policy.minDeleteAfterDays}`;
    if (clause.id === 'breach-notice' && policy.shortestBreachNoticeHours !== undefined) return `${clause.label}: at least ${policy.shortestBreachNoticeHours}`;
    return clause.label;
  });
}

export interface PolicyChoices {
  readonly accepts: ReadonlySet<PolicyClause>;
  /** Empty: any number of days. */
  readonly minDeleteAfterDays: string;
  /** Empty: any number of hours. */
  readonly shortestBreachNoticeHours: string;
}

export type PolicyProblems = Partial<Record<'minDeleteAfterDays' | 'shortestBreachNoticeHours', string>>;

/** The `accepts` text, or what is wrong with the bounds. */
export function acceptsFrom(choices: PolicyChoices): { accepts: string } | { problems: PolicyProblems } {
  const problems: PolicyProblems = {};
  const parts: string[] = [];
  for (const clause of POLICY_CLAUSES) {
    if (!choices.accepts.has(clause.id)) continue;
    if (clause.id === 'delete-after') {
      const days = bound(choices.minDeleteAfterDays, 3650);
      if (days === null) problems.minDeleteAfterDays = 'Days must be a whole number from 1 to 3650, or empty.';
      else parts.push(days === undefined ? 'delete-after' : `delete-after-${days}d`);
    } else if (clause.id === 'breach-notice') {
      const hours = bound(choices.shortestBreachNoticeHours, 720);
      if (hours === null) problems.shortestBreachNoticeHours = 'Hours must be a whole number from 1 to 720, or empty.';
      else parts.push(hours === undefined ? 'breach-notice' : `breach-notice-${hours}h`);
    } else parts.push(clause.id);
  }
  return Object.keys(problems).length > 0 ? { problems } : { accepts: parts.join(',') };
}

/** undefined for empty (no bound), null for not a number in range. */
function bound(text: string, max: number): number | undefined | null {
  if (text.trim() === '') return undefined;
  if (!/^\d{1,4}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= 1 && n <= max ? n : null;
}
