// data.*: typed records, each version a signed credential, history kept, rm = tombstone.
import type { AuditKind } from '../../api/activity/audit-sentences.ts';
import type { AppApi } from '../../api/contract.ts';
import { recordSchemas, type RecordType } from '../../api/records.ts';
import { KithError } from '../../base/errors.ts';
import { parseWith } from '../../base/schema.ts';
import type { Locker, RecordVersion } from '../../store/locker.ts';
import type { AppContext } from '../context.ts';
import { recordCredential, recordFacts, recordView, type RecordFacts } from '../records/record-credential.ts';
import { newRecordId } from '../records/record-id.ts';
import { updateChanges } from '../sharing/releases.ts';

type RecordsApi = Pick<AppApi, 'data.set' | 'data.update' | 'data.get' | 'data.list' | 'data.history' | 'data.remove'>;

function facts(version: RecordVersion): RecordFacts {
  return recordFacts(version.credential);
}

function noSuchRecord(id: string): KithError {
  return new KithError('NotFound', `There is no record ${id}.`, { hint: 'See your records with `kith data list`.' });
}

export async function liveHead(locker: Locker, id: string): Promise<RecordVersion> {
  const head = await locker.records.head(id);
  if (head === undefined) throw noSuchRecord(id);
  if (head.deleted) throw new KithError('NotFound', `Record ${id} was deleted.`, { hint: 'Its history is still there: `kith data history ' + id + '`.' });
  return head;
}

/** Signs and commits one new version of a record, with its audit entry, atomically. */
export async function commitVersion(ctx: AppContext, next: Omit<RecordFacts, 'time'>, auditKind: AuditKind) {
  const signer = ctx.signer();
  const locker = await ctx.locker();
  const time = new Date().toISOString();
  const credential = recordCredential(signer, { ...next, time });
  // Change once, updated everywhere: the new version goes to every holder of a live grant,
  // queued in the same commit as the version itself.
  const deliveries = next.version === 1 ? [] : await updateChanges(locker, signer, { ...next, time });
  await locker.commit(signer, {
    records: [{ id: next.id, type: next.type, version: next.version, deleted: next.deleted, time, credential }],
    items: deliveries,
    audit: [{ kind: auditKind, details: { recordId: next.id, type: next.type, version: next.version } }],
  });
  ctx.emit('records.changed', { id: next.id });
  ctx.emit('log.appended', {});
  return recordView({ ...next, time });
}

export function recordsService(ctx: AppContext): RecordsApi {
  return {
    async 'data.set'({ type, data }) {
      ctx.signer(); // fail before any work if the key is locked
      return commitVersion(ctx, { id: newRecordId(), type: type as RecordType, version: 1, deleted: false, data }, 'record.created');
    },

    async 'data.update'({ id, data }) {
      const head = await liveHead(await ctx.locker(), id);
      if (head.type === 'document') {
        throw new KithError('InvalidInput', 'A document keeps the file it was made from.', { hint: 'Add the new file with `kith doc add FILE`.' });
      }
      const parsed = parseWith(recordSchemas[head.type as RecordType], data, `The ${head.type} record`);
      return commitVersion(ctx, { id, type: head.type as RecordType, version: head.version + 1, deleted: false, data: parsed }, 'record.updated');
    },

    async 'data.get'({ id }) {
      const head = await (await ctx.locker()).records.head(id);
      if (head === undefined) throw noSuchRecord(id);
      return { ...recordView(facts(head)), credential: head.credential };
    },

    async 'data.list'({ type }) {
      const heads = await (await ctx.locker()).records.list(type);
      return heads.map((head) => recordView(facts(head)));
    },

    async 'data.history'({ id }) {
      const versions = await (await ctx.locker()).records.history(id);
      if (versions.length === 0) throw noSuchRecord(id);
      return versions.map((version) => recordView(facts(version)));
    },

    async 'data.remove'({ id }) {
      const head = await liveHead(await ctx.locker(), id);
      return commitVersion(ctx, { id, type: head.type as RecordType, version: head.version + 1, deleted: true }, 'record.deleted');
    },
  };
}
