// A record in words, for sentences about it: "your postal address (Rua Augusta 1, Lisboa)".
// Portable (the app's Activity, the CLI's `kith log` and the UI all say it the same way).

const NOUNS: Readonly<Record<string, string>> = {
  name: 'name',
  email: 'email address',
  phone: 'phone number',
  address: 'postal address',
  birthdate: 'birth date',
  preference: 'preference',
  purchase: 'purchase',
  document: 'document',
  custom: 'custom record',
};

const MAX_SUMMARY = 60;

/** "postal address", "email address" — the type as a person says it; unknown types: "record". */
export function typeNoun(type: unknown): string {
  return typeof type === 'string' ? (NOUNS[type] ?? 'record') : 'record';
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value).trim() : '';
}

function clip(value: string): string {
  return value.length <= MAX_SUMMARY ? value : `${value.slice(0, MAX_SUMMARY - 1)}…`;
}

/** The one-line gist of a record's data ("Rua Augusta 1, Lisboa"), or '' when there is none to show. */
export function recordGist(type: unknown, data: unknown): string {
  const d = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const parts = (...keys: string[]) => keys.map((key) => text(d[key])).filter((part) => part.length > 0);
  switch (type) {
    case 'name':
      return clip(text(d['full']));
    case 'email':
      return clip(text(d['address']));
    case 'phone':
      return clip(text(d['number']));
    case 'address':
      return clip(parts('streetAddress', 'addressLocality').join(', '));
    case 'birthdate':
      return clip(text(d['date']));
    case 'preference':
      return clip(parts('key', 'value').join(': '));
    case 'purchase':
      return clip([text(d['item']), text(d['vendor'])].filter(Boolean).join(' from '));
    case 'document':
      return clip(text(d['name']));
    default:
      return '';
  }
}

/** "your postal address (Rua Augusta 1, Lisboa)"; `owner` is whose it is ("your", "Ana's"). */
export function recordWords(type: unknown, data: unknown, owner = 'your'): string {
  const gist = recordGist(type, data);
  return `${owner} ${typeNoun(type)}${gist === '' ? '' : ` (${gist})`}`;
}

/** "postal address and email address", "name, phone number and birth date". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? 'nothing';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
