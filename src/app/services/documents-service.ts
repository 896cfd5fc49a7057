// doc.*: files of any size, streamed into the content-addressed blob store (never held
// whole in memory) and described by a signed `document` record.
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { lookup } from 'mime-types';
import type { AppApi } from '../../api/contract.ts';
import { recordSchemas } from '../../api/records.ts';
import { KithError } from '../../base/errors.ts';
import { parseWith } from '../../base/schema.ts';
import type { AppContext } from '../context.ts';
import { commitVersion, liveHead } from './records-service.ts';
import { newRecordId } from '../records/record-id.ts';
import { recordFacts } from '../records/record-credential.ts';

type DocumentsApi = Pick<AppApi, 'doc.add' | 'doc.get'>;

async function regularFile(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) throw new KithError('NotFound', `There is no file at ${path}.`);
  if (!info.isFile()) throw new KithError('InvalidInput', `${path} is not a regular file.`);
  return info.size;
}

export function documentsService(ctx: AppContext): DocumentsApi {
  return {
    async 'doc.add'({ path, name, mediaType }) {
      ctx.signer();
      await regularFile(path);
      const locker = await ctx.locker();
      const stored = await locker.blobs.put(createReadStream(path));
      const data = parseWith(
        recordSchemas.document,
        {
          name: name ?? basename(path),
          mediaType: mediaType ?? (lookup(path) || 'application/octet-stream'),
          size: stored.size,
          sha256: stored.sha256,
        },
        'The document',
      );
      return commitVersion(ctx, { id: newRecordId(), type: 'document', version: 1, deleted: false, data }, 'document.added');
    },

    async 'doc.get'({ id, outPath, overwrite }) {
      const locker = await ctx.locker();
      const head = await liveHead(locker, id);
      if (head.type !== 'document') throw new KithError('InvalidInput', `Record ${id} is a ${head.type}, not a document.`);
      const { data } = recordFacts(head.credential);
      const doc = parseWith(recordSchemas.document, data, 'The stored document record');
      if (overwrite !== true && (await stat(outPath).catch(() => undefined)) !== undefined) {
        throw new KithError('AlreadyExists', `${outPath} already exists.`, { hint: 'Choose another name, or add --force to replace it.' });
      }
      // Write beside the target and rename at the end: a failed or tampered read never
      // leaves a half-written file under the name the person asked for.
      const temp = join(dirname(outPath), `.${basename(outPath)}.kith-${process.pid}.part`);
      try {
        await pipeline(locker.blobs.open(doc.sha256), createWriteStream(temp, { flags: 'wx' }));
        await rename(temp, outPath);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      return { path: outPath, size: doc.size, sha256: doc.sha256 };
    },
  };
}
