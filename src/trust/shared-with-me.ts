// "Shared with me": what contacts have released to this node, each with its provenance
// (who, under which grant, purpose and terms) and version. A version never overwrites a
// newer one, so a delayed or replayed delivery cannot roll data back.
import { z } from 'zod';
import { parseWith } from '../base/schema.ts';
import type { Signer } from '../identity/signer.ts';
import type { Locker } from '../store/locker.ts';
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

/** Keeps a verified delivery unless an equal or newer version is already here. */
export async function acceptShared(locker: Locker, signer: Signer, fromPeerId: string, facts: SharedFacts, credential: Record<string, unknown>): Promise<AcceptOutcome> {
  const id = itemId(fromPeerId, facts.record.id);
  const existing = await locker.collections.get(SHARED, id);
  if (existing !== undefined) {
    const stored = parseWith(sharedItemSchema, existing, 'stored shared record');
    if (Number(stored.record['version']) >= facts.record.version && stored.revoked === undefined) return 'stale';
  }
  const item: SharedItem = {
    from: fromPeerId,
    fromDid: facts.owner,
    grant: facts.grant as unknown as Record<string, unknown>,
    record: facts.record as unknown as Record<string, unknown>,
    credential,
    received: new Date().toISOString(),
  };
  await locker.commit(signer, {
    items: [{ collection: SHARED, id, value: item }],
    audit: [{ kind: 'share.received', details: { from: fromPeerId, grant: facts.grant.id, record: facts.record.id, version: facts.record.version } }],
  });
  return 'stored';
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
