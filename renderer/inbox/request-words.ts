// How a request reads to a person: the types and fields it names in the words of the My
// data screen, and the field choices a person can tick when asking or approving. Field
// keys are the record schemas' (src/api/records.ts), as inbox.approve and requests.ask take them.
import { kindOf } from '../my-data/record-kinds.ts';
import { typeLabel } from '../sharing/record-summary.ts';

export interface FieldOption {
  readonly key: string;
  readonly label: string;
}

/** "Email address and Postal address". */
export function typesText(types: readonly string[]): string {
  const labels = types.map(typeLabel);
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

/**
 * The fields one can pick among for records of `types`: those the request named, or every
 * field the types have. The API takes one list for all records, so a key two types share
 * (such as "label") is one choice, and says which types it applies to.
 */
export function fieldOptions(types: readonly string[], asked?: readonly string[]): FieldOption[] {
  const byKey = new Map<string, { label: string; types: string[] }>();
  for (const type of types) {
    for (const field of kindOf(type)?.fields ?? []) {
      if (field.key === '') continue; // free-form records have no fixed fields
      const known = byKey.get(field.key);
      if (known === undefined) byKey.set(field.key, { label: field.label, types: [type] });
      else known.types.push(type);
    }
  }
  return (asked ?? [...byKey.keys()]).map((key) => {
    const known = byKey.get(key);
    if (known === undefined) return { key, label: key };
    // "Street and number (Postal address)" when several types are asked for; but not
    // "Email address (Email address)".
    const said = known.types.length === 1 && typeLabel(known.types[0] ?? '') === known.label;
    return { key, label: types.length > 1 && !said ? `${known.label} (${typesText(known.types)})` : known.label };
  });
}

/** "Street and number, Town or city" for the fields a request named. */
export function fieldsText(types: readonly string[], fields: readonly string[]): string {
  const plain = new Map<string, string>();
  for (const type of types) for (const field of kindOf(type)?.fields ?? []) if (!plain.has(field.key)) plain.set(field.key, field.label);
  return fields.map((key) => plain.get(key) ?? key).join(', ');
}

/** What the requester said about keeping it; while it waits for an answer, what approving means. */
export function retentionText(days: number | undefined, pending = true): string {
  const period = days === 1 ? '1 day' : `${days} days`;
  if (!pending) return days === undefined ? 'They did not say' : period;
  if (days === undefined) return 'They did not say; approving shares it until you revoke.';
  return `${period}, then they delete it (this becomes a term of what you share).`;
}
