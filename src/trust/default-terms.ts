// The owner's default terms: the clauses the Share dialog and the Inbox's approve flow
// start from, so a person who always asks for "no tracking" says it once. Kept in the
// locker's `settings` collection as one item (so it travels with exports) and every change
// is an audit entry. The clauses are the same `termsSchema` a grant carries.
import { z } from 'zod';
import { KithError } from '../base/errors.ts';
import { parseWith } from '../base/schema.ts';
import type { Signer } from '../identity/signer.ts';
import type { Locker } from '../store/locker.ts';
import { MAX_CUSTOM_CLAUSES, describeClause, parseTerms, termsSchema, type Clause } from './terms.ts';

export const SETTINGS = 'settings';
const DEFAULT_TERMS_ID = 'default-terms';

const storedSchema = z.strictObject({
  terms: termsSchema,
  updated: z.iso.datetime(),
});

export interface DefaultTerms {
  readonly terms: readonly Clause[];
  /** When the owner last chose them; undefined while they are Kith's own. */
  readonly updated?: string;
}

/**
 * Until the owner chooses, the two clauses that protect anyone whatever the purpose: the
 * holder may not pass it on, and deletes it when access ends. (These were the Share
 * dialog's preselection before defaults could be set, so nothing changes for anyone who
 * never opens Settings.)
 */
export const KITH_DEFAULT_TERMS: readonly Clause[] = Object.freeze([{ id: 'no-onward-sharing' }, { id: 'delete-on-revocation' }]);

export async function getDefaultTerms(locker: Locker): Promise<DefaultTerms> {
  const stored = await locker.collections.get(SETTINGS, DEFAULT_TERMS_ID);
  if (stored === undefined) return { terms: KITH_DEFAULT_TERMS };
  return parseWith(storedSchema, stored, 'stored default terms');
}

/** Defaults hold as many clauses in the owner's words as a grant takes (the forms show one box each). */
export const MAX_DEFAULT_CLAUSES = MAX_CUSTOM_CLAUSES;

/** Presets as typed (`no-tracking,delete-after-30d`) and custom clauses, as grants take them. */
export function defaultTermsFrom(presets: string, clauses: readonly string[]): Clause[] {
  const own = clauses.filter((clause) => clause.trim() !== '');
  if (own.length > MAX_DEFAULT_CLAUSES) {
    throw new KithError('InvalidInput', `Default terms hold at most ${MAX_DEFAULT_CLAUSES} clauses in your own words.`);
  }
  const terms = parseTerms(presets, clauses);
  // A grant may carry anything the owner typed; defaults are a form's starting point, which
  // has one box per preset, so two different periods or duplicates cannot be shown.
  for (const id of ['delete-after', 'breach-notice'] as const) {
    if (terms.filter((clause) => clause.id === id).length > 1) {
      throw new KithError('InvalidInput', `Choose one ${id} period for your default terms, not several.`, { hint: `For example ${id === 'delete-after' ? 'delete-after-30d' : 'breach-notice-48h'}.` });
    }
  }
  const seen = new Set<string>();
  return terms.filter((clause) => {
    const key = JSON.stringify(clause);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function setDefaultTerms(locker: Locker, signer: Signer, terms: readonly Clause[]): Promise<DefaultTerms> {
  const next = parseWith(storedSchema, { terms, updated: new Date().toISOString() }, 'The default terms');
  await locker.commit(signer, {
    items: [{ collection: SETTINGS, id: DEFAULT_TERMS_ID, value: next }],
    audit: [{ kind: 'settings.updated', details: { defaultTerms: next.terms.map(describeClause) } }],
  });
  return next;
}

/** The presets of `terms` spelled as `parseTerms` reads them: what `defaultTermsFrom` takes back. */
export function presetsText(terms: readonly Clause[]): string {
  return terms
    .flatMap((clause) => {
      if (clause.id === 'custom') return [];
      if (clause.id === 'delete-after') return [`delete-after-${clause.days}d`];
      if (clause.id === 'breach-notice') return [`breach-notice-${clause.hours}h`];
      return [clause.id];
    })
    .join(',');
}

/** The custom clauses of `terms`, in the owner's words. */
export function customClauses(terms: readonly Clause[]): string[] {
  return terms.flatMap((clause) => (clause.id === 'custom' ? [clause.text] : []));
}
