// Writes a locker in layout 1 — as Kith wrote it before encryption at rest: plain JSON values,
// types and item ids inside keys — so that the migration can be tested on the real thing.
import { Level } from 'level';
import { toHex } from '../../../src/base/bytes.ts';
import type { AuditKind } from '../../../src/api/activity/audit-sentences.ts';
import type { Signer } from '../../../src/identity/signer.ts';
import { createEntry, entryHash } from '../../../src/store/audit-entry.ts';
import { lockerDbPath } from '../../../src/store/locker.ts';

export interface PlainContent {
  /** Records: id -> versions' credentials (version 1..n), all of `type`. */
  readonly records: { id: string; type: string; credentials: Record<string, unknown>[] }[];
  readonly items: { collection: string; id: string; value: unknown }[];
  readonly auditKinds: AuditKind[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export async function writePlainLocker(dir: string, owner: Signer, content: PlainContent): Promise<void> {
  const db = new Level<string, string>(lockerDbPath(dir), { valueEncoding: 'utf8', createIfMissing: true });
  await db.open();
  try {
    const ops: { type: 'put'; key: string; value: string }[] = [];
    const put = (key: string, value: string) => ops.push({ type: 'put', key, value });
    put('m:owner', JSON.stringify({ did: owner.did, publicKey: toHex(owner.publicKey) }));
    put('m:format', '1');
    const counts = new Map<string, number>();
    const time = '2026-11-01T10:00:00.000Z';
    for (const { id, type, credentials } of content.records) {
      credentials.forEach((credential, i) => {
        put(`v:${id}\u0000${pad(i + 1, 10)}`, JSON.stringify({ id, type, version: i + 1, deleted: false, time, credential }));
      });
      put(`h:${id}`, JSON.stringify({ type, version: credentials.length, deleted: false }));
      put(`t:${type}\u0000${id}`, String(credentials.length));
      counts.set(type, (counts.get(type) ?? 0) + 1);
    }
    for (const [type, count] of counts) put(`c:${type}`, String(count));
    for (const { collection, id, value } of content.items) put(`x:${collection}\u0000${id}`, JSON.stringify(value));
    let point: { seq: number; hash: string } | undefined;
    for (const kind of content.auditKinds) {
      const entry = createEntry(owner, point, { kind, details: { note: kind } }, time);
      put(`a:${pad(entry.seq, 12)}`, JSON.stringify(entry));
      point = { seq: entry.seq, hash: entryHash(entry) };
    }
    if (point !== undefined) {
      put('m:head', JSON.stringify(point));
      put('m:checkpoint', JSON.stringify(point));
    }
    await db.batch(ops, { sync: true });
  } finally {
    await db.close();
  }
}
