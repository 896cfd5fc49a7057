// The locker's LevelDB key layout, in one place so that every reader and writer agrees.
// Keys are UTF-8 strings; values are JSON text, sealed on disk under the locker key
// (sealed-db.ts) except the three plain m: keys read before the key is known. A key never
// holds anything personal: record ids are random, and types, contact ids and every other
// part of a collection item's id appear only as keyed names, hide(x) = HMAC (sealed-db.ts),
// with the real value inside the sealed value where a reader needs it back.
//
//   m:owner                  {"did","publicKey"(hex)}           plain: who the locker belongs to
//   m:format                 2                                  plain: layout version (1 = before sealing)
//   m:lockerkey              the wrapped locker key             plain (locker-key.ts)
//   m:head                   {"seq","hash"}                     last audit entry (absent = empty chain)
//   m:checkpoint             {"seq","hash"}                     last entry known to be verified
//   c:<hide(type)>           {"type","count"}                   live (non-deleted) head count for the type
//   v:<id>␀<version:10>      RecordVersion JSON                 every version: history is one range scan,
//                                                               the head is the last one (a reverse seek)
//   i:<hide(type)>␀<id>      head version number, PLAIN         live heads only: list(type) is one range scan
//   a:<seq:12>               AuditEntry JSON                    the hash-chained audit trail, in seq order
//   x:<collection>␀<hidden>  {"id","value"}                     collections.ts; <hidden> = each ':' part of the id hidden
//
// ␀ is U+0000. Ids and types may not contain control characters, so `<id>␀` can never be a
// prefix of another id's keys (id "a" vs "a␀…" is impossible), and the range
// [`v:<id>␀`, `v:<id>\u0001`) holds exactly that record's versions. Numbers are zero-padded
// so that lexicographic key order is numeric order.
//
// Why the index values are plain: a seal costs a fixed ~20 µs here (mostly creating the
// cipher), the largest part of a record write's budget (bench/locker-crypto.ts), and an
// index value is only a version number under a key whose type is hidden. What it points at is
// sealed and bound to its own key, so an edited index value can at most make a list show an
// older version of the same record; reads of one record take its head from its versions.
// (Layout 1 kept a separate head pointer `h:<id>` and the index under `t:`; see migrate-to-sealed.ts.)

/** Names a personal part of a key (sealed-db.ts `hide`). */
export type Hide = (part: string) => string;

export const SEP = '\u0000';
const AFTER_SEP = '\u0001';

export const META_OWNER = 'm:owner';
export const META_FORMAT = 'm:format';
export const META_HEAD = 'm:head';
export const META_CHECKPOINT = 'm:checkpoint';

/** Layout 1 had plain values and personal parts in keys; migrate-to-sealed.ts turns it into 2. */
export const PLAIN_FORMAT_VERSION = 1;
export const FORMAT_VERSION = 2;

/** The largest audit seq / record version the padded keys can order correctly. */
export const MAX_SEQ = 999_999_999_999;
export const MAX_VERSION = 9_999_999_999;

export function countKey(hide: Hide, type: string): string {
  return `c:${hide(type)}`;
}
export const COUNT_RANGE = { gte: 'c:', lt: 'c;' } as const;

export function versionKey(id: string, version: number): string {
  return `v:${id}${SEP}${String(version).padStart(10, '0')}`;
}

export function historyRange(id: string): { gte: string; lt: string } {
  return { gte: `v:${id}${SEP}`, lt: `v:${id}${AFTER_SEP}` };
}

export const ALL_VERSIONS_RANGE = { gte: 'v:', lt: 'v;' } as const;

export const INDEX_PREFIX = 'i:';

export function typeIndexKey(hide: Hide, type: string, id: string): string {
  return `i:${hide(type)}${SEP}${id}`;
}

/** Every live head of `type`, or of all types (then in no meaningful type order). */
export function typeRange(hide: Hide, type?: string): { gte: string; lt: string } {
  return type === undefined ? { gte: 'i:', lt: 'i;' } : { gte: `i:${hide(type)}${SEP}`, lt: `i:${hide(type)}${AFTER_SEP}` };
}

/** The id part of an `i:` key. */
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

/** The stored form of a collection item's id: each ':'-separated part hidden, so a prefix of whole parts stays a key prefix. */
export function hiddenItemId(hide: Hide, id: string): string {
  return id.split(':').map(hide).join(':');
}

export function itemKey(hide: Hide, collection: string, id: string): string {
  return `x:${collection}${SEP}${hiddenItemId(hide, id)}`;
}

/** The stored key prefix of the items whose id starts with `prefix` (whole parts: "" , "<peer>", "<peer>:"). */
export function itemPrefix(hide: Hide, collection: string, prefix: string): string {
  const parts = prefix.endsWith(':') ? `${hiddenItemId(hide, prefix.slice(0, -1))}:` : prefix === '' ? '' : hiddenItemId(hide, prefix);
  return `x:${collection}${SEP}${parts}`;
}

/** Ids and types end up inside keys: no control characters (they are our separators). */
export function isKeySafe(text: string, max: number): boolean {
  return text.length > 0 && text.length <= max && !/[\u0000-\u001f\u007f]/.test(text);
}
