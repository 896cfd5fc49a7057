// The persistent outbox: messages for peers (new record versions under a grant, revocation
// notices, answers to requests; on a vendor node, e-receipts and the deletion receipts of
// scheduled deletions) wait here until the peer acknowledges them, surviving
// restarts on either side. An item is keyed by peer and subject, so a newer version of a
// record replaces the older one still waiting — the peer gets the latest, once; the
// receiver also ignores versions it already has, so a retry is harmless (exactly once in
// effect). Recovery shares (trust/recovery-setup.ts) wait here too for a friend who is offline.
// Failed attempts back off exponentially, with jitter, up to an hour.
import { z } from 'zod';
import { parseWith } from '../base/schema.ts';
import type { Signer } from '../identity/signer.ts';
import type { ItemChange, Locker } from '../store/locker.ts';

export const OUTBOX = 'outbox';
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 60 * 60 * 1000;

// message / message-read: conversation messages and read receipts (trust/conversations.ts).
export const outboxKind = z.enum(['deliver', 'revoke', 'answer', 'e-receipt', 'deletion-receipt', 'recovery', 'message', 'message-read']);
const outboxItemSchema = z.strictObject({
  peer: z.string().max(200),
  subject: z.string().max(200),
  kind: outboxKind,
  message: z.record(z.string(), z.unknown()),
  attempts: z.number().int().nonnegative(),
  next: z.iso.datetime(),
  created: z.iso.datetime(),
});
export type OutboxItem = z.output<typeof outboxItemSchema>;

function itemId(peer: string, subject: string): string {
  return `${peer}:${subject}`;
}

/** The change that queues `message` for `peer` (commit it with the change that caused it). */
export function queueChange(peer: string, subject: string, kind: OutboxItem['kind'], message: Record<string, unknown>, now = new Date()): ItemChange {
  const item: OutboxItem = { peer, subject, kind, message, attempts: 0, next: now.toISOString(), created: now.toISOString() };
  return { collection: OUTBOX, id: itemId(peer, subject), value: item };
}

export async function pending(locker: Locker, peer?: string): Promise<OutboxItem[]> {
  const items = await locker.collections.list(OUTBOX, peer === undefined ? '' : `${peer}:`);
  return items.map((item) => parseWith(outboxItemSchema, item.value, 'stored outbox item'));
}

/** Items whose next attempt is due, oldest first. */
export async function due(locker: Locker, now = new Date(), peer?: string): Promise<OutboxItem[]> {
  return (await pending(locker, peer)).filter((item) => new Date(item.next).getTime() <= now.getTime()).sort((a, b) => a.created.localeCompare(b.created));
}

/**
 * Removes delivered items — except any a newer message replaced meanwhile (that one still
 * waits) — in one commit with `also` (what the answers brought: receipts) and one audit
 * entry for them all.
 */
export async function markDelivered(locker: Locker, signer: Signer, items: readonly OutboxItem[], details: Record<string, unknown>, also: readonly ItemChange[] = []): Promise<void> {
  const [first] = items;
  if (first === undefined) return;
  const stored = await storedVersions(locker, items);
  const removals: ItemChange[] = items.flatMap((item, i) => {
    const current = stored[i];
    const replaced = current !== undefined && current.created !== item.created;
    return replaced ? [] : [{ collection: OUTBOX, id: itemId(item.peer, item.subject), value: null }];
  });
  const subjects = items.length === 1 ? { subject: first.subject } : { subjects: items.map((item) => item.subject) };
  await locker.commit(signer, {
    items: [...also, ...removals],
    audit: [{ kind: `outbox.${first.kind}-delivered`, details: { peer: first.peer, ...subjects, ...details } }],
  });
}

/** What the outbox holds now under each item's key (a newer message may have replaced it): one read. */
async function storedVersions(locker: Locker, items: readonly OutboxItem[]): Promise<(OutboxItem | undefined)[]> {
  const values = await locker.collections.getMany(OUTBOX, items.map((item) => itemId(item.peer, item.subject)));
  return values.map((value) => (value === undefined ? undefined : parseWith(outboxItemSchema, value, 'stored outbox item')));
}

export function retryDelay(attempts: number, random = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.min(attempts, 20), MAX_RETRY_MS);
  return Math.round(base * (0.5 + random() / 2));
}

/** Schedules the next attempt after a failure (no audit entry: nothing changed hands). */
export async function markFailed(locker: Locker, signer: Signer, items: readonly OutboxItem[], now = new Date()): Promise<void> {
  const changes: ItemChange[] = [];
  const current = await storedVersions(locker, items);
  for (const [i, item] of items.entries()) {
    const stored = current[i];
    if (stored === undefined) continue;
    if (stored.created !== item.created) continue; // replaced by a newer message: it is due as it is
    const next: OutboxItem = { ...stored, attempts: stored.attempts + 1, next: new Date(now.getTime() + retryDelay(stored.attempts)).toISOString() };
    changes.push({ collection: OUTBOX, id: itemId(item.peer, item.subject), value: next });
  }
  if (changes.length > 0) await locker.commit(signer, { items: changes, audit: [] });
}

/** Everything waiting for a peer becomes due now (it just connected). */
export async function wake(locker: Locker, signer: Signer, peer: string, now = new Date()): Promise<number> {
  const waiting = (await pending(locker, peer)).filter((item) => new Date(item.next).getTime() > now.getTime());
  if (waiting.length === 0) return 0;
  await locker.commit(signer, {
    items: waiting.map((item) => ({ collection: OUTBOX, id: itemId(item.peer, item.subject), value: { ...item, next: now.toISOString() } })),
    audit: [],
  });
  return waiting.length;
}
