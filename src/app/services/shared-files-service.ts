// shared.fetch, shared.get: the files of documents shared with me. A file is fetched in
// the background when its record arrives (sharing/document-fetcher.ts) or when asked for
// here; saving one out re-hashes it as it is read, like `doc.get`.
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { AppApi } from '../../api/contract.ts';
import type { SharedFileView } from '../../api/methods/sharing.ts';
import { KithError } from '../../base/errors.ts';
import type { Locker } from '../../store/locker.ts';
import { sharedFileOf, type SharedFile } from '../../trust/shared-files.ts';
import type { Holdings } from '../../trust/holdings.ts';
import type { AppContext } from '../context.ts';
import { writeAtomically } from '../files.ts';
import type { DocumentFetcher } from '../sharing/document-fetcher.ts';

type SharedFilesApi = Pick<AppApi, 'shared.fetch' | 'shared.get'>;

/** Where the file of a shared document stands, for `shared.list`. */
export async function sharedFileStatus(locker: Locker, file: SharedFile, fetcher: DocumentFetcher | undefined): Promise<SharedFileView> {
  if (await locker.blobs.has(file.sha256)) return { state: 'here', size: file.size };
  if (fetcher === undefined) return { state: file.expired ? 'unavailable' : 'offline', size: file.size };
  return { ...fetcher.status(file), size: file.size };
}

/** The file of the shared document `id` (a record id as `kith shared` shows it). */
async function sharedFile(holdings: Holdings, id: string): Promise<SharedFile> {
  const items = (await holdings.list()).filter((item) => item.record['id'] === id);
  const item = items[0];
  if (item === undefined) throw new KithError('NotFound', `Nothing shared with you has the id ${id}.`, { hint: 'See what is shared with you with `kith shared`.' });
  if (items.length > 1) throw new KithError('InvalidInput', `Two contacts shared a record with the id ${id}.`);
  const file = sharedFileOf(item);
  if (file !== undefined) return file;
  if (item.revoked !== undefined) throw new KithError('NotFound', 'Its owner revoked this share: the file was deleted here.');
  if (item.record['type'] !== 'document') throw new KithError('InvalidInput', `Record ${id} is a ${String(item.record['type'])}, not a document.`);
  if (item.record['deleted'] === true) throw new KithError('NotFound', 'Its owner deleted this document.');
  throw new KithError('NotFound', 'This share does not include the file itself, only some of its details.');
}

export function sharedFilesService(ctx: AppContext, fetcher: () => DocumentFetcher | undefined): SharedFilesApi {
  const online = (): DocumentFetcher => {
    const current = fetcher();
    if (current === undefined) throw new KithError('Unreachable', 'Your node is not online, so the file cannot be fetched.', { hint: 'Start it with `kith start` (and unlock it) first.' });
    return current;
  };
  return {
    async 'shared.fetch'({ id }) {
      const locker = await ctx.locker();
      const file = await sharedFile(await ctx.holdings(), id);
      if (!(await locker.blobs.has(file.sha256))) await online().fetch(file, { wait: false });
      return sharedFileStatus(locker, file, fetcher());
    },

    async 'shared.get'({ id, outPath, overwrite }) {
      const locker = await ctx.locker();
      const file = await sharedFile(await ctx.holdings(), id);
      if (!(await locker.blobs.has(file.sha256))) await online().fetch(file, { wait: true });
      // The blob stream re-hashes as it reads; a half-written output never takes the name.
      await writeAtomically(outPath, overwrite === true, (temp) => pipeline(locker.blobs.open(file.sha256), createWriteStream(temp, { flags: 'wx' })));
      return { path: outPath, name: file.name, mediaType: file.mediaType, size: file.size, sha256: file.sha256 };
    },
  };
}
