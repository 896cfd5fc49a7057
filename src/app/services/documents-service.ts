// doc.*: files of any size, streamed into the content-addressed blob store (never held
// whole in memory) and described by a signed `document` record.
import { createReadStream, createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { lookup } from 'mime-types';
import type { AppApi } from '../../api/contract.ts';
import { recordSchemas } from '../../api/records.ts';
import { KithError } from '../../base/errors.ts';
import { parseWith } from '../../base/schema.ts';
import type { AppContext } from '../context.ts';
import { fileError, regularFileSize, writeAtomically } from '../files.ts';
import { recordFacts } from '../records/record-credential.ts';
import { newRecordId } from '../records/record-id.ts';
import { commitVersion, liveHead } from './records-service.ts';

type DocumentsApi = Pick<AppApi, 'doc.add' | 'doc.get'>;

export function documentsService(ctx: AppContext): DocumentsApi {
  return {
    async 'doc.add'({ path, name, mediaType, replaces }) {
      ctx.signer();
      const previous = replaces === undefined ? undefined : await liveHead(await ctx.locker(), replaces);
      if (previous !== undefined && previous.type !== 'document') throw new KithError('InvalidInput', `Record ${replaces} is a ${previous.type}, not a document.`);
      const size = await regularFileSize(path);
      const describe = (sha256: string, bytes: number) =>
        parseWith(
          recordSchemas.document,
          { name: name ?? basename(path), mediaType: mediaType ?? (lookup(path) || 'application/octet-stream'), size: bytes, sha256 },
          'The document',
        );
      describe('0'.repeat(64), size); // refuse a bad name or media type before storing anything
      const locker = await ctx.locker();
      const stored = await locker.blobs.put(createReadStream(path)).catch((error: unknown) => {
        throw fileError(error, path);
      });
      const data = describe(stored.sha256, stored.size);
      if (previous !== undefined) return commitVersion(ctx, { id: previous.id, type: 'document', version: previous.version + 1, deleted: false, data }, 'document.replaced');
      return commitVersion(ctx, { id: newRecordId(), type: 'document', version: 1, deleted: false, data }, 'document.added');
    },

    async 'doc.get'({ id, outPath, overwrite }) {
      const locker = await ctx.locker();
      const head = await liveHead(locker, id);
      if (head.type !== 'document') throw new KithError('InvalidInput', `Record ${id} is a ${head.type}, not a document.`);
      const doc = parseWith(recordSchemas.document, recordFacts(head.credential).data, 'The stored document record');
      // The blob stream re-hashes as it reads: a file altered on disk fails here, and the
      // half-written output never takes the name the person asked for.
      await writeAtomically(outPath, overwrite === true, (temp) => pipeline(locker.blobs.open(doc.sha256), createWriteStream(temp, { flags: 'wx' })));
      return { path: outPath, size: doc.size, sha256: doc.sha256 };
    },
  };
}
