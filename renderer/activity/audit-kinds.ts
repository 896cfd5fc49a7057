// The audit trail's entry kinds in words. Kinds we do not know yet (added by a newer
// core) still show, by their code.
const KIND_LABELS: Readonly<Record<string, string>> = {
  'record.created': 'Record added',
  'record.updated': 'Record changed',
  'record.deleted': 'Record deleted',
  'document.added': 'Document added',
  'bundle.exported': 'Everything exported',
  'bundle.imported': 'Bundle imported',
  'settings.updated': 'Default terms changed',
};

export const KNOWN_KINDS = Object.keys(KIND_LABELS);

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

/** The details of an entry as short "key: value" text. */
export function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}
