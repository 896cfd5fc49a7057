// The locker's LevelDB key layout, in one place so that every reader and writer agrees.
// Keys and values are UTF-8 strings; values are JSON text that is parsed (as untrusted)
// when read back.
//
//   m:owner                  {"did","publicKey"(hex)}           who the locker belongs to
//   m:format                 1                                  layout version
//   m:head                   {"seq","hash"}                     last audit entry (absent = empty chain)
//   m:checkpoint             {"seq","hash"}                     last entry known to be verified
//   c:<type>                 live (non-deleted) head count for the type
//   h:<id>                   {"type","version","deleted"}       the record's current head
//   v:<id>␀<version:10>      RecordVersion JSON                 every version: history is one range scan
//   t:<type>␀<id>            head version number                live heads only: list(type) is one range scan
//   a:<seq:12>               AuditEntry JSON                    the hash-chained audit trail, in seq order
//
// ␀ is U+0000. Ids and types may not contain control characters, so `<id>␀` can never be a
// prefix of another id's keys (id "a" vs "a␀…" is impossible), and the range
// [`v:<id>␀`, `v:<id>\u0001`) holds exactly that record's versions. Numbers are zero-padded
// so that lexicographic key order is numeric order.

export const SEP = '\u0000';
const AFTER_SEP = '\u0001';

export const META_OWNER = 'm:owner';
export const META_FORMAT = 'm:format';
export const META_HEAD = 'm:head';
export const META_CHECKPOINT = 'm:checkpoint';

export const FORMAT_VERSION = 1;

/** The largest audit seq / record version the padded keys can order correctly. */
export const MAX_SEQ = 999_999_999_999;
export const MAX_VERSION = 9_999_999_999;

export function countKey(type: string): string {
  return `c:${type}`;
}
export const COUNT_RANGE = { gte: 'c:', lt: 'c;' } as const;

export function headKey(id: string): string {
  return `h:${id}`;
}

export function versionKey(id: string, version: number): string {
  return `v:${id}${SEP}${String(version).padStart(10, '0')}`;
}

export function historyRange(id: string): { gte: string; lt: string } {
  return { gte: `v:${id}${SEP}`, lt: `v:${id}${AFTER_SEP}` };
}

export const ALL_VERSIONS_RANGE = { gte: 'v:', lt: 'v;' } as const;

export function typeIndexKey(type: string, id: string): string {
  return `t:${type}${SEP}${id}`;
}

export function typeRange(type?: string): { gte: string; lt: string } {
  return type === undefined ? { gte: 't:', lt: 't;' } : { gte: `t:${type}${SEP}`, lt: `t:${type}${AFTER_SEP}` };
}

/** The id part of a `t:` key. */
export function idFromTypeKey(key: string): string {
  return key.slice(key.indexOf(SEP) + 1);
}

export function auditKey(seq: number): string {
  return `a:${String(seq).padStart(12, '0')}`;
}

export const AUDIT_RANGE = { gte: 'a:', lt: 'a;' } as const;

/** The seq encoded in an `a:` key, or undefined if the key is not one we wrote. */
export function seqFromAuditKey(key: string): number | undefined {
  const digits = key.slice(2);
  if (!key.startsWith('a:') || !/^\d{12}$/.test(digits)) return undefined;
  return Number(digits);
}

/** Ids and types end up inside keys: no control characters (they are our separators). */
export function isKeySafe(text: string, max: number): boolean {
  return text.length > 0 && text.length <= max && !/[\u0000-\u001f\u007f]/.test(text);
}
