// What a grant puts in the outbox: one signed delivery per holder and record (the newest
// version, only the granted fields) with the consent receipt for that holder, and, when
// the grant ends, one revocation notice per holder. These changes are committed together
// with whatever caused them (the grant, the record edit), so nothing is lost between.
import type { RecordType } from '../../api/records.ts';
import type { Signer } from '../../identity/signer.ts';
import type { ItemChange, Locker } from '../../store/locker.ts';
import { getContact, listBlocked, type Contact } from '../../trust/contacts.ts';
import { consentReceipt } from '../../trust/consent-receipt.ts';
import { resolveCircle } from '../../trust/circles.ts';
import { isLive, listGrants, releasedData, type Grant } from '../../trust/grants.ts';
import { OUTBOX, pending, queueChange } from '../../trust/outbox.ts';
import { revocationNotice } from '../../trust/revocation.ts';
import { sharedRecordCredential } from '../../trust/shared-credential.ts';
import { recordFacts, type RecordFacts } from '../records/record-credential.ts';

/**
 * The contacts a grant reaches now: its contact, or its circle's members; never the
 * blocked, and never a vendor through a circle (a vendor gets data only under its own
 * agreement: trust/agreement-gate.ts).
 */
export async function holdersOf(locker: Locker, grant: Grant): Promise<Contact[]> {
  const peers = grant.to.kind === 'contact' ? [grant.to.peerId] : (await resolveCircle(locker, grant.to.circleId).catch(() => undefined))?.members ?? [];
  const blocked = new Set((await listBlocked(locker)).map((b) => b.peerId));
  const holders: Contact[] = [];
  for (const peer of peers) {
    const contact = blocked.has(peer) ? undefined : await getContact(locker, peer);
    if (contact !== undefined && !(grant.to.kind === 'circle' && contact.kind === 'vendor')) holders.push(contact);
  }
  return holders;
}

/** Deliveries of `versions` (facts of the versions to release) under `grant` to `holders`. */
export function deliveryChanges(owner: Signer, grant: Grant, holders: readonly Contact[], versions: readonly RecordFacts[], now = new Date()): ItemChange[] {
  const released = versions.filter((facts) => grant.records.some((r) => r.id === facts.id));
  if (released.length === 0) return [];
  const terms = { id: grant.id, purpose: grant.purpose, terms: grant.terms, ...(grant.expires === undefined ? {} : { expires: grant.expires }) };
  const changes: ItemChange[] = [];
  for (const holder of holders) {
    const receipt = consentReceipt(owner, { grant, holder: { did: holder.did, name: holder.petname }, categories: [...new Set(released.map((f) => f.type))] }, now);
    for (const facts of released) {
      const granted = grant.records.find((r) => r.id === facts.id);
      if (granted === undefined) continue;
      const data = facts.deleted || facts.data === undefined ? undefined : releasedData(facts.data as Record<string, unknown>, granted);
      const credential = sharedRecordCredential(owner, {
        holder: holder.did,
        grant: terms,
        record: { id: facts.id, type: facts.type as RecordType, version: facts.version, deleted: facts.deleted, ...(data === undefined ? {} : { data: data as never }) },
        time: now.toISOString(),
      });
      changes.push(queueChange(holder.peerId, `${grant.id}:${facts.id}`, 'deliver', { type: 'deliver', credential, receipt }, now));
    }
  }
  return changes;
}

/** Everything a new grant releases now: the current version of each of its records. */
export async function grantChanges(locker: Locker, owner: Signer, grant: Grant, holders?: readonly Contact[]): Promise<ItemChange[]> {
  const versions: RecordFacts[] = [];
  for (const { id } of grant.records) {
    const head = await locker.records.head(id);
    if (head !== undefined) versions.push(recordFacts(head.credential));
  }
  return deliveryChanges(owner, grant, holders ?? (await holdersOf(locker, grant)), versions);
}

/** A record changed: every live grant that covers it sends the new version to its holders. */
export async function updateChanges(locker: Locker, owner: Signer, facts: RecordFacts): Promise<ItemChange[]> {
  const changes: ItemChange[] = [];
  for (const grant of await listGrants(locker)) {
    if (!isLive(grant) || !grant.records.some((r) => r.id === facts.id)) continue;
    changes.push(...deliveryChanges(owner, grant, await holdersOf(locker, grant), [facts]));
  }
  return changes;
}

/**
 * A grant ends: drop what still waits to be delivered under it, and tell each holder —
 * then re-send, after the notice, the records another live grant still gives that holder.
 * A person's node keeps one copy per record, filed under the grant it first came with (a
 * second grant's delivery of the same version is "already here"), so the notice deletes it
 * even when another grant still covers it; without the re-send the holder went without
 * until the record's next edit (found writing the chaos network's checks). A vendor store
 * keeps a copy per grant, and deletes only this grant's: it needs no re-send.
 */
export async function revocationChanges(locker: Locker, owner: Signer, grant: Grant, now = new Date()): Promise<ItemChange[]> {
  const holders = await holdersOf(locker, grant);
  const waiting = (await pending(locker)).filter((item) => item.subject.startsWith(`${grant.id}:`));
  const changes: ItemChange[] = [
    ...waiting.map((item) => ({ collection: OUTBOX, id: `${item.peer}:${item.subject}`, value: null })),
    ...holders.map((holder) => queueChange(holder.peerId, `${grant.id}:revoke`, 'revoke', { type: 'revoke', notice: revocationNotice(owner, grant.id, holder.did) }, now)),
  ];
  // Queued a millisecond later: the outbox sends each peer's messages oldest first, so the
  // holder deletes before it is given the record again.
  const after = new Date(now.getTime() + 1);
  const others = (await listGrants(locker)).filter((g) => g.id !== grant.id && isLive(g, now) && g.records.some((r) => grant.records.some((x) => x.id === r.id)));
  for (const other of others) {
    const reached = new Set((await holdersOf(locker, other)).map((h) => h.peerId));
    const people = holders.filter((h) => h.kind === 'person' && reached.has(h.peerId));
    if (people.length === 0) continue;
    const versions: RecordFacts[] = [];
    for (const { id } of other.records) {
      const head = grant.records.some((r) => r.id === id) ? await locker.records.head(id) : undefined;
      if (head !== undefined) versions.push(recordFacts(head.credential));
    }
    changes.push(...deliveryChanges(owner, other, people, versions, after));
  }
  return changes;
}
