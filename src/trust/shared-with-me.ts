// "Shared with me": what contacts have released to this node, each with its provenance
// (who, under which grant, purpose and terms) and version. A version never overwrites a
// newer one, so a delayed or replayed delivery cannot roll data back.
import { z } from 'zod';
import { parseWith } from '../base/schema.ts';
import type { Signer } from '../identity/signer.ts';
import type { AuditInput, ItemChange, Locker } from '../store/locker.ts';
import type { SharedFacts } from './shared-credential.ts';

export const SHARED = 'shared';

const sharedItemSchema = z.strictObject({
  from: z.string(),
  fromDid: z.string(),
  grant: z.record(z.string(), z.unknown()),
  record: z.record(z.string(), z.unknown()),
  credential: z.record(z.string(), z.unknown()),
  received: z.iso.datetime(),
  /** Set when the owner revoked the grant: kept as a record that it was revoked, data gone. */
  revoked: z.iso.datetime().optional(),
});
export type SharedItem = z.output<typeof sharedItemSchema>;

function itemId(fromPeerId: string, recordId: string): string {
  return `${fromPeerId}:${recordId}`;
}

export async function listShared(locker: Locker): Promise<SharedItem[]> {
  return (await locker.collections.list(SHARED)).map((item) => parseWith(sharedItemSchema, item.value, 'stored shared record'));
}

export type AcceptOutcome = 'stored' | 'stale';

/** A verified delivery: what readSharedCredential found, and the credential itself. */
export interface Delivery {
  readonly facts: SharedFacts;
  readonly credential: Record<string, unknown>;
}

export interface AcceptedBatch {
  /** The items to write (commit them with whatever else the delivery brings). */
  readonly changes: ItemChange[];
  /** One per delivery, in order. */
  readonly outcomes: AcceptOutcome[];
  /** The audit entry for what was stored, if anything was. */
  readonly audit: AuditInput[];
}

/**
 * The version a delivery must beat. A revoked item keeps no data: a version under a new
 * grant is welcome again, but never one under the grant that was revoked (a replay).
 */
function newestKept(kept: SharedItem | undefined, grant: string): number {
  if (kept === undefined) return 0;
  if (kept.revoked === undefined) return Number(kept.record['version']);
  return kept.grant['id'] === grant ? Number.POSITIVE_INFINITY : 0;
}

/**
 * What keeping a batch of verified deliveries from one peer changes: each is kept unless
 * an equal or newer version is already here (or earlier in the same batch).
 */
export async function acceptedChanges(locker: Locker, fromPeerId: string, deliveries: readonly Delivery[], now = new Date()): Promise<AcceptedBatch> {
  const newest = new Map<string, number>();
  const changes: ItemChange[] = [];
  const outcomes: AcceptOutcome[] = [];
  const stored: { grant: string; record: string; version: number }[] = [];
  const ids = deliveries.map(({ facts }) => itemId(fromPeerId, facts.record.id));
  const existing = await locker.collections.getMany(SHARED, ids);
  for (const [i, { facts, credential }] of deliveries.entries()) {
    const id = ids[i]!;
    if (!newest.has(id)) {
      const value = existing[i];
      const kept = value === undefined ? undefined : parseWith(sharedItemSchema, value, 'stored shared record');
      newest.set(id, newestKept(kept, facts.grant.id));
    }
    if ((newest.get(id) ?? 0) >= facts.record.version) {
      outcomes.push('stale');
      continue;
    }
    newest.set(id, facts.record.version);
    const item: SharedItem = {
      from: fromPeerId,
      fromDid: facts.owner,
      grant: facts.grant as unknown as Record<string, unknown>,
      record: facts.record as unknown as Record<string, unknown>,
      credential,
      received: now.toISOString(),
    };
    changes.push({ collection: SHARED, id, value: item });
    outcomes.push('stored');
    stored.push({ grant: facts.grant.id, record: facts.record.id, version: facts.record.version });
  }
  const audit: AuditInput[] = stored.length === 0 ? [] : [{ kind: 'share.received', details: { from: fromPeerId, records: stored } }];
  return { changes, outcomes, audit };
}

/**
 * The owner revoked a grant: drop the data received under it (keeping a note that it was
 * shared and revoked). Returns the record ids whose data was deleted.
 */
export async function forgetGrant(locker: Locker, signer: Signer, fromPeerId: string, grantId: string): Promise<string[]> {
  const now = new Date().toISOString();
  const items = await locker.collections.list(SHARED, `${fromPeerId}:`);
  const changes = [];
  const deleted: string[] = [];
  for (const { id, value } of items) {
    const item = parseWith(sharedItemSchema, value, 'stored shared record');
    if (item.grant['id'] !== grantId || item.revoked !== undefined) continue;
    const { data: _data, ...recordWithoutData } = item.record;
    changes.push({ collection: SHARED, id, value: { ...item, record: recordWithoutData, credential: {}, revoked: now } });
    deleted.push(String(item.record['id']));
  }
  await locker.commit(signer, {
    items: changes,
    audit: [{ kind: 'share.revoked', details: { from: fromPeerId, grant: grantId, deleted } }],
  });
  return deleted;
}
