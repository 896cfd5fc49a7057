// What the privacy map draws, worked out from the API's lists (no drawing here): my records
// that anyone holds or held, the holders (people, circles, vendors), and one link per
// record and grant, with the state that decides how the link looks.
import type { RecordView } from '../../src/api/contract.ts';
import type { AgreementView } from '../../src/api/methods/agreements.ts';
import type { CircleView, ContactView } from '../../src/api/methods/people.ts';
import type { GrantView } from '../../src/api/methods/sharing.ts';
import { recordSummary, typeLabel } from '../sharing/record-summary.ts';

/**
 * live: they hold it and get every update. expired: past its date, no more updates.
 * revoked: ended, and every holder confirmed deleting it. unconfirmed: ended, but someone
 * has not sent a deletion receipt yet — what the owner most needs to see.
 */
export type LinkState = 'live' | 'expired' | 'revoked' | 'unconfirmed';
export type HolderKind = 'person' | 'vendor' | 'circle';

export interface MapRecord {
  readonly id: string;
  /** "Postal address", or '' for a record deleted since. */
  readonly category: string;
  readonly label: string;
}

export interface MapLink {
  readonly record: string;
  readonly holder: string;
  readonly grant: GrantView;
  readonly state: LinkState;
  /** Only these fields of the record, when the grant names some. */
  readonly fields?: readonly string[];
}

export interface MapHolder {
  readonly key: string;
  readonly name: string;
  readonly kind: HolderKind;
  /** A circle's members, by name. */
  readonly members: readonly string[];
  readonly grants: readonly GrantView[];
  /** Agreements with this vendor (customer side). */
  readonly agreements: readonly AgreementView[];
  /** Holds something now. */
  readonly live: boolean;
  /** Names of those who have not confirmed deleting what was revoked. */
  readonly awaitingDeletion: readonly string[];
}

export interface PrivacyMap {
  readonly records: readonly MapRecord[];
  readonly holders: readonly MapHolder[];
  readonly links: readonly MapLink[];
}

export interface MapSources {
  readonly grants: readonly GrantView[];
  readonly contacts: readonly ContactView[];
  readonly circles: readonly CircleView[];
  readonly agreements: readonly AgreementView[];
  readonly records: readonly RecordView[];
}

export function grantState(grant: GrantView): LinkState {
  if (grant.live) return 'live';
  if (grant.revoked === undefined) return 'expired';
  return grant.holders.every((holder) => holder.deleted) ? 'revoked' : 'unconfirmed';
}

/** Who has not confirmed deleting what a revoked grant gave them. */
export function notDeleted(grant: GrantView): string[] {
  return grant.revoked === undefined ? [] : grant.holders.filter((holder) => !holder.deleted).map((holder) => holder.petname);
}

function holderKey(grant: GrantView, contacts: readonly ContactView[]): string {
  if (grant.to.kind === 'circle') return `circle:${grant.to.name}`;
  // A contact grant names its contact by petname (or PeerId when it has none left).
  const peerId = grant.holders[0]?.peerId ?? contacts.find((contact) => contact.petname === grant.to.name)?.peerId ?? grant.to.name;
  return `contact:${peerId}`;
}

const KIND_ORDER: Record<HolderKind, number> = { person: 0, circle: 1, vendor: 2 };

/** The map; `showEnded` false keeps only what is held now. */
export function buildPrivacyMap(sources: MapSources, showEnded: boolean): PrivacyMap {
  const grants = sources.grants.filter((grant) => showEnded || grant.live);
  const holders = new Map<string, { key: string; name: string; kind: HolderKind; members: string[]; grants: GrantView[]; agreements: AgreementView[] }>();
  const holderFor = (key: string, name: string, kind: HolderKind, members: string[] = []) => {
    let holder = holders.get(key);
    if (holder === undefined) {
      holder = { key, name, kind, members, grants: [], agreements: [] };
      holders.set(key, holder);
    }
    return holder;
  };
  const links: MapLink[] = [];
  for (const grant of grants) {
    const key = holderKey(grant, sources.contacts);
    const contact = sources.contacts.find((candidate) => `contact:${candidate.peerId}` === key);
    const circle = grant.to.kind === 'circle' ? sources.circles.find((candidate) => candidate.name === grant.to.name) : undefined;
    const holder = holderFor(
      key,
      grant.to.name,
      grant.to.kind === 'circle' ? 'circle' : contact?.kind === 'vendor' ? 'vendor' : 'person',
      circle?.members.map((member) => member.petname) ?? [],
    );
    holder.grants.push(grant);
    const state = grantState(grant);
    for (const record of grant.records) links.push({ record: record.id, holder: key, grant, state, ...(record.fields === undefined ? {} : { fields: record.fields }) });
  }
  // A vendor I have an agreement with is on the map even before I share anything with it.
  for (const agreement of sources.agreements) {
    if (agreement.role !== 'customer') continue;
    const key = `contact:${agreement.with.peerId}`;
    if (agreement.status === 'active' || holders.has(key)) holderFor(key, agreement.with.petname, 'vendor').agreements.push(agreement);
  }

  const mapHolders: MapHolder[] = [...holders.values()].map((holder) => ({
    ...holder,
    live: holder.grants.some((grant) => grant.live),
    awaitingDeletion: [...new Set(holder.grants.flatMap(notDeleted))],
  }));
  mapHolders.sort((a, b) => Number(b.live) - Number(a.live) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name));

  const recordIds = [...new Set(links.map((link) => link.record))];
  const records = recordIds.map((id): MapRecord => {
    const record = sources.records.find((candidate) => candidate.id === id);
    return record === undefined ? { id, category: '', label: 'A record you since deleted' } : { id, category: typeLabel(record.type), label: recordSummary(record.type, record.data) };
  });
  // Records deleted since (no category) go last.
  records.sort((a, b) => Number(a.category === '') - Number(b.category === '') || a.category.localeCompare(b.category) || a.label.localeCompare(b.label));
  return { records, holders: mapHolders, links };
}
