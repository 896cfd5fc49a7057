// Source ids: what makes an item the same item when a file is exported again. A UID is
// that by definition (RFC 6350 §6.7.6, RFC 5545 §3.8.4.7); an item without one is keyed by
// its content, so an edited item without a UID comes back as a new item.
import { createHash } from 'node:crypto';

export function contentKey(parts: readonly unknown[]): string {
  return 'content:' + createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

/** Gives the second, third… item with the same id in one file ids of their own (`#2`, `#3`). */
export function uniqueIds(): (id: string) => string {
  const seen = new Map<string, number>();
  return (id) => {
    const count = (seen.get(id) ?? 0) + 1;
    seen.set(id, count);
    return count === 1 ? id : `${id}#${count}`;
  };
}
