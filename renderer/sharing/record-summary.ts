// A record's one-line summary, whatever its type: the My data wording where there is one,
// a document's file name.
import { kindOf } from '../my-data/record-kinds.ts';

export function recordSummary(type: string, data: unknown): string {
  const kind = kindOf(type);
  const fields = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  if (kind === undefined) return typeof fields['name'] === 'string' ? fields['name'] : type;
  return kind.summary(fields);
}

/** "Postal address", "Email address", "Document" — the singular of a type's category, for labels. */
export function typeLabel(type: string): string {
  const kind = kindOf(type);
  return kind === undefined ? type : kind.noun.replace(/^(a|an) /, '').replace(/^./, (c) => c.toUpperCase());
}
