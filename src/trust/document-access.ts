// What a holder may fetch: the owner's decision behind /kith/document/1.0.0. A document
// record's credential travels under a grant (shared-credential.ts); its file may follow
// only while that grant holds for this holder — the same rule that decides deliveries
// (app/sharing/releases.ts holdersOf): the grant names the contact, or a circle it is in
// (never a vendor through a circle); it is live (not revoked, not expired); it covers the
// record with the file's fields; and the record's current version is that file.
//
// Refusals are two codes, so that a contact learns nothing about grants that are not its:
// NotTrusted (not a contact; or its own grant has ended) and NotFound (everything else).
import { recordSchemas } from '../api/records.ts';
import { KithError } from '../base/errors.ts';
import type { BlobInfo, Locker } from '../store/locker.ts';
import { resolveCircle } from './circles.ts';
import type { Contact } from './contacts.ts';
import { GRANTS, grantSchema, isLive, type Grant } from './grants.ts';

export interface DocumentAsk {
  readonly grant: string;
  readonly record: string;
  readonly sha256: string;
}

/** The fields without which the file is not released: it is named by its hash. */
const FILE_FIELDS = ['sha256'] as const;

function notFound(): KithError {
  return new KithError('NotFound', 'There is no such shared document.');
}

async function addressedTo(locker: Locker, grant: Grant, holder: Contact): Promise<boolean> {
  if (grant.to.kind === 'contact') return grant.to.peerId === holder.peerId;
  if (holder.kind === 'vendor') return false;
  const circle = await resolveCircle(locker, grant.to.circleId).catch(() => undefined);
  return circle?.members.includes(holder.peerId) === true;
}

/**
 * The file `holder` may fetch with `ask` now, or throws NotTrusted / NotFound. `holder` is
 * the asking peer as a contact (undefined for a stranger or a blocked peer).
 */
export async function releasedDocument(locker: Locker, holder: Contact | undefined, ask: DocumentAsk, now = new Date()): Promise<BlobInfo> {
  if (holder === undefined) throw new KithError('NotTrusted', 'Only contacts may fetch shared documents.');
  const stored = await locker.collections.get(GRANTS, ask.grant);
  const grant = stored === undefined ? undefined : grantSchema.safeParse(stored).data;
  if (grant === undefined || !(await addressedTo(locker, grant, holder))) throw notFound();
  if (!isLive(grant, now)) throw new KithError('NotTrusted', 'The grant has ended.');
  const granted = grant.records.find((r) => r.id === ask.record);
  if (granted === undefined || (granted.fields !== undefined && !FILE_FIELDS.every((f) => granted.fields?.includes(f)))) throw notFound();
  const head = await locker.records.head(ask.record);
  if (head === undefined || head.deleted || head.type !== 'document') throw notFound();
  const data = (head.credential['credentialSubject'] as { record?: { data?: unknown } } | undefined)?.record?.data;
  const document = recordSchemas.document.safeParse(data).data;
  if (document === undefined || document.sha256 !== ask.sha256) throw notFound();
  if (!(await locker.blobs.has(document.sha256))) throw notFound();
  return { sha256: document.sha256, size: document.size };
}
