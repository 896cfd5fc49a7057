// What an import would do to the locker, decided before anything is written: for each
// item read from the file, its record (found through the source-id map an earlier import
// left in the `import-sources` collection) and whether it is new, changed, the same, or
// deleted by the owner since. Nothing here writes.
import { createHash } from 'node:crypto';
import { MAX_RECORD_BYTES, recordSchemas, type RecordType } from '../../api/records.ts';
import { isKithError } from '../../base/errors.ts';
import { canonicalize } from '../../credentials/jcs.ts';
import type { Locker } from '../../store/locker.ts';
import { recordFacts } from '../records/record-credential.ts';
import { newRecordId } from '../records/record-id.ts';
import type { Attachment, ImportItem, ItemProblem } from './importer.ts';

/** source key → { recordId }: written before the records it names (see import-service.ts). */
export const IMPORT_SOURCES = 'import-sources';

export type Action = 'create' | 'update' | 'unchanged' | 'skipped';

export interface Step {
  readonly action: Action;
  readonly recordId: string;
  readonly type: RecordType;
  /** The version to write (head + 1, or 1). */
  readonly version: number;
  readonly data: Record<string, unknown>;
  readonly sourceId: string;
  readonly place: string;
  /** Whether the source map lacks this item (so the import writes it there first). */
  readonly unmapped: boolean;
  /** A contact's photo: written, but not counted as an item of its own. */
  readonly attachment?: boolean;
  /** Bytes to put into the blob store before the document record is written. */
  readonly blob?: Uint8Array;
}

/** The collection id for an item: by record type, so a contact imported from a .vcf and again from a Takeout archive is one record. */
export function sourceKey(type: RecordType, sourceId: string): string {
  const key = `${type}:${sourceId}`;
  // Item ids are at most 256 characters with no control characters (store/collections.ts).
  return key.length <= 200 && !/[\u0000-\u001f\u007f]/.test(key) ? key : `${type}:sha256:${createHash('sha256').update(sourceId).digest('hex')}`;
}

interface Wanted {
  readonly type: RecordType;
  readonly data: Record<string, unknown>;
  readonly sourceId: string;
  readonly place: string;
  readonly blob?: Uint8Array;
}

function photoDocument(item: ImportItem, photo: Attachment): Wanted {
  return {
    type: 'document',
    data: { name: photo.name, mediaType: photo.mediaType, size: photo.bytes.length, sha256: createHash('sha256').update(photo.bytes).digest('hex') },
    sourceId: `${item.sourceId}#photo`,
    place: item.place,
    blob: photo.bytes,
  };
}

/** Checks data the way the locker will (schema, size): a problem now instead of a failed commit later. */
function check(type: RecordType, data: Record<string, unknown>): string | undefined {
  const parsed = recordSchemas[type].safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `its ${issue?.path.map(String).join('.') || 'data'} ${issue?.message ?? 'is not valid'}`;
  }
  // JSON.stringify's length is JCS's (RFC 8785 orders keys, it does not change their text); recordCredential checks again.
  if (JSON.stringify(data).length > MAX_RECORD_BYTES) return `it is larger than a record may be (${MAX_RECORD_BYTES / 1024} KiB)`;
  return undefined;
}

async function stepFor(locker: Locker, wanted: Wanted, mapped: string | undefined): Promise<Step> {
  const base = { type: wanted.type, data: wanted.data, sourceId: wanted.sourceId, place: wanted.place, ...(wanted.blob === undefined ? {} : { blob: wanted.blob }) };
  if (mapped === undefined) return { ...base, action: 'create', recordId: newRecordId(), version: 1, unmapped: true };
  const head = await locker.records.head(mapped);
  // Mapped but never written (the import before stopped between the map and the records): write it now.
  if (head === undefined) return { ...base, action: 'create', recordId: mapped, version: 1, unmapped: false };
  if (head.deleted) return { ...base, action: 'skipped', recordId: mapped, version: head.version, unmapped: false };
  const same = canonicalize(recordFacts(head.credential).data ?? null) === canonicalize(wanted.data);
  return { ...base, action: same ? 'unchanged' : 'update', recordId: mapped, version: head.version + 1, unmapped: false };
}

const mappedRecordId = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null && typeof (value as { recordId?: unknown }).recordId === 'string' ? (value as { recordId: string }).recordId : undefined;

async function mappedIds(locker: Locker, keys: readonly string[]): Promise<(string | undefined)[]> {
  const out: (string | undefined)[] = [];
  for (let i = 0; i < keys.length; i += 1000) {
    const values = await locker.collections.getMany(IMPORT_SOURCES, keys.slice(i, i + 1000));
    out.push(...values.map(mappedRecordId));
  }
  return out;
}

/**
 * The steps for every item, in order (a contact's photo document just before it); items
 * whose data does not fit its record type become problems.
 */
export async function planImport(locker: Locker, items: readonly ImportItem[], onItem?: (done: number, total: number) => void): Promise<{ steps: Step[]; problems: ItemProblem[] }> {
  const problems: ItemProblem[] = [];
  const valid = items.filter((item) => {
    const reason = check(item.draft.type, { ...item.draft.data, ...(item.draft.photo === undefined ? {} : { photo: '0'.repeat(16) }) });
    if (reason !== undefined) problems.push({ place: item.place, reason });
    return reason === undefined;
  });
  const photos = valid.map((item) => (item.draft.photo === undefined ? undefined : photoDocument(item, item.draft.photo)));
  const keys = valid.flatMap((item, index) => {
    const photo = photos[index];
    return [...(photo === undefined ? [] : [sourceKey('document', photo.sourceId)]), sourceKey(item.draft.type, item.sourceId)];
  });
  const mapped = await mappedIds(locker, keys);
  const steps: Step[] = [];
  let at = 0;
  for (const [index, item] of valid.entries()) {
    onItem?.(index, valid.length);
    const photo = photos[index];
    const photoAt = photo === undefined ? undefined : at++;
    const itemAt = at++;
    try {
      const photoStep = photo === undefined || photoAt === undefined ? undefined : await stepFor(locker, photo, mapped[photoAt]);
      // A photo whose document the owner deleted: the contact comes without one.
      const photoId = photoStep === undefined || photoStep.action === 'skipped' ? undefined : photoStep.recordId;
      const data = photoId === undefined ? item.draft.data : { ...item.draft.data, photo: photoId };
      const step = await stepFor(locker, { type: item.draft.type, data, sourceId: item.sourceId, place: item.place }, mapped[itemAt]);
      if (photoStep !== undefined && photoId !== undefined) steps.push({ ...photoStep, attachment: true });
      steps.push(step);
    } catch (error) {
      if (!isKithError(error)) throw error;
      problems.push({ place: item.place, reason: `its earlier record cannot be read (${error.message})` });
    }
  }
  onItem?.(valid.length, valid.length);
  return { steps, problems };
}
