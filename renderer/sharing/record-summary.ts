// A record's one-line summary, whatever its type: the My data wording where there is one.
import { RECORD_KINDS, type EditableType } from '../my-data/record-kinds.ts';

export function recordSummary(type: string, data: unknown): string {
  const kind = Object.hasOwn(RECORD_KINDS, type) ? RECORD_KINDS[type as EditableType] : undefined;
  const fields = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  if (kind === undefined) return typeof fields['name'] === 'string' ? fields['name'] : type;
  return kind.summary(fields);
}

/** "Postal address", "Email address" — the singular of a type's category, for labels. */
export function typeLabel(type: string): string {
  const kind = Object.hasOwn(RECORD_KINDS, type) ? RECORD_KINDS[type as EditableType] : undefined;
  return kind === undefined ? type : kind.noun.replace(/^(a|an) /, '').replace(/^./, (c) => c.toUpperCase());
}
