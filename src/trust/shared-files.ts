// The files of documents shared with me. A shared `document` record names its file by
// SHA-256 and size; the file itself is fetched into the locker's blob store (beside my own
// documents, deduplicated by hash) and noted in the `shared-files` ledger, so that it can
// be deleted again once nothing refers to it: the grant revoked, the record deleted or
// replaced by a newer version with another file. A file is never deleted while one of my
// own record versions names it (I may have added the same file myself).
import { z } from 'zod';
import { recordSchemas } from '../api/records.ts';
import { parseWith } from '../base/schema.ts';
import type { Signer } from '../identity/signer.ts';
import type { Locker } from '../store/locker.ts';
import type { SharedItem } from './shared-with-me.ts';

export const SHARED_FILES = 'shared-files';

const ledgerEntrySchema = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  from: z.string().max(200),
  record: z.string().max(64),
  fetched: z.iso.datetime(),
});

/** The file a shared document record names, as this holder sees it. */
export interface SharedFile {
  /** The shared item: `<owner PeerId>:<record id>`. */
  readonly key: string;
  /** The owner's PeerId. */
  readonly from: string;
  readonly grant: string;
  readonly record: string;
  readonly version: number;
  readonly sha256: string;
  readonly size: number;
  readonly name: string;
  readonly mediaType: string;
  /** The grant's expiry has passed: the owner would refuse, so it is not fetched (a copy already here stays, like the record's data). */
  readonly expired: boolean;
}

/** The file of `item`, if it is a document whose released fields name one and its data is still held. */
export function sharedFileOf(item: SharedItem, now = new Date()): SharedFile | undefined {
  if (item.revoked !== undefined || item.record['type'] !== 'document' || item.record['deleted'] === true) return undefined;
  const data = recordSchemas.document.partial().safeParse(item.record['data']).data;
  if (data?.sha256 === undefined || data.size === undefined) return undefined;
  const expires = item.grant['expires'];
  const record = String(item.record['id']);
  return {
    key: `${item.from}:${record}`,
    from: item.from,
    grant: String(item.grant['id']),
    record,
    version: Number(item.record['version']),
    sha256: data.sha256,
    size: data.size,
    name: data.name ?? record,
    mediaType: data.mediaType ?? 'application/octet-stream',
    expired: typeof expires === 'string' && new Date(expires).getTime() <= now.getTime(),
  };
}

/** Every file that documents shared with me name now (`items`: what the holdings list). */
export function sharedFiles(items: readonly SharedItem[], now = new Date()): SharedFile[] {
  return items.flatMap((item) => sharedFileOf(item, now) ?? []);
}

/**
 * Notes a file in the ledger (so it can be released later): with an audit entry when it
 * was just fetched; silently for one found here unnoted (a crash between storing it and
 * noting it), so that it is not left behind when its share ends.
 */
export async function noteFetched(locker: Locker, signer: Signer, file: SharedFile, options: { audit: boolean } = { audit: true }): Promise<void> {
  const entry = { sha256: file.sha256, size: file.size, from: file.from, record: file.record, fetched: new Date().toISOString() };
  await locker.commit(signer, {
    items: [{ collection: SHARED_FILES, id: file.sha256, value: parseWith(ledgerEntrySchema, entry, 'shared file') }],
    audit: options.audit
      ? [{ kind: 'share.file.received', details: { from: file.from, grant: file.grant, record: file.record, version: file.version, sha256: file.sha256, size: file.size } }]
      : [],
  });
}

/** Whether `sha256` is in the ledger. */
export async function isNoted(locker: Locker, sha256: string): Promise<boolean> {
  return (await locker.collections.get(SHARED_FILES, sha256)) !== undefined;
}

/** The subset of `hashes` that some version of my own document records names. */
async function ownFiles(locker: Locker, hashes: ReadonlySet<string>): Promise<Set<string>> {
  const own = new Set<string>();
  for await (const version of locker.records.versions()) {
    if (version.type !== 'document' || version.deleted) continue;
    const sha256 = (version.credential['credentialSubject'] as { record?: { data?: { sha256?: unknown } } } | undefined)?.record?.data?.sha256;
    if (typeof sha256 === 'string' && hashes.has(sha256)) own.add(sha256);
  }
  return own;
}

/**
 * Deletes the fetched files that no shared document (of `shared`) names any more (and
 * that are not mine too), and their ledger entries. Returns the hashes whose files were deleted.
 */
export async function releaseUnreferenced(locker: Locker, signer: Signer, shared: readonly SharedItem[]): Promise<string[]> {
  const ledger = await locker.collections.list(SHARED_FILES);
  if (ledger.length === 0) return [];
  const named = new Set(sharedFiles(shared).map((file) => file.sha256));
  const unnamed = new Set(ledger.map((entry) => entry.id).filter((sha256) => !named.has(sha256)));
  if (unnamed.size === 0) return [];
  const own = await ownFiles(locker, unnamed);
  const deleted = [...unnamed].filter((sha256) => !own.has(sha256));
  // The file first: a crash in between leaves a ledger entry with no file (removed again
  // next time), never a file that nothing accounts for.
  for (const sha256 of deleted) await locker.blobs.remove(sha256);
  await locker.commit(signer, {
    items: [...unnamed].map((sha256) => ({ collection: SHARED_FILES, id: sha256, value: null })),
    audit: deleted.length === 0 ? [] : [{ kind: 'share.file.deleted', details: { files: deleted } }],
  });
  return deleted;
}
