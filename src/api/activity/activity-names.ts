// What an Activity sentence needs to say names instead of keys: who is who (you, your
// contacts by name), what each record, grant, agreement and circle is. The app gathers
// these facts from the locker; the sentences (audit-sentences.ts) only read them.
// Portable: plain data in, words out.
import { listWords, recordWords, typeNoun } from './record-words.ts';

export interface ActivityFacts {
  readonly self: { readonly did: string; readonly peerId: string };
  readonly contacts: readonly { readonly peerId: string; readonly did: string; readonly name: string }[];
  /** Your records as they are now; a deleted one with its last data and `deleted` (absent: its type in the entry still names it). */
  readonly records: readonly { readonly id: string; readonly type: string; readonly data: unknown; readonly deleted?: boolean }[];
  readonly grants: readonly { readonly id: string; readonly to: unknown; readonly records: readonly string[]; readonly purpose: string; readonly terms: readonly string[] }[];
  /** `with`: the other side's PeerId. */
  readonly agreements: readonly { readonly id: string; readonly with: string; readonly purpose: string }[];
  readonly circles: readonly { readonly id: string; readonly name: string }[];
  /** Records others shared with you: `from` is their PeerId, `id` their record's id. */
  readonly shared: readonly { readonly from: string; readonly id: string; readonly type: string; readonly data: unknown }[];
}

export interface GrantWords {
  readonly records: string;
  readonly to: string;
  readonly purpose: string;
  readonly terms: readonly string[];
}

export interface ActivityNames {
  /** Anyone by PeerId or DID: "you", a contact's name, else "a node you do not know". */
  peer(key: unknown): string;
  /** The PeerId behind a PeerId or DID, when it is you or a contact. */
  peerIdOf(key: unknown): string | undefined;
  /** One of your records: "your postal address (Rua Augusta 1, Lisboa)". */
  record(id: unknown, type?: unknown): string;
  /** A record someone shared with you, said after their name: "their postal address (…)". */
  shared(from: unknown, id: unknown): string;
  grant(id: unknown): GrantWords | undefined;
  /** A grant's recipient ({kind:'contact',peerId} or {kind:'circle',circleId}): "Tea & Co", "your circle “Family”". */
  target(to: unknown): string;
  agreement(id: unknown): { readonly with: string; readonly purpose: string } | undefined;
  /** "the circle “Family”", or "a circle since deleted". */
  circle(id: unknown): string;
  /** The records a grant shares, by id (for filtering by record). */
  grantRecords(id: unknown): readonly string[];
  /** A grant's recipient PeerId, when it is one contact. */
  grantPeer(id: unknown): string | undefined;
  agreementPeer(id: unknown): string | undefined;
}

const key = (value: unknown): string => (typeof value === 'string' ? value : '');

export function activityNames(facts: ActivityFacts): ActivityNames {
  const people = new Map<string, { peerId: string; name: string }>();
  for (const contact of facts.contacts) {
    people.set(contact.peerId, { peerId: contact.peerId, name: contact.name });
    people.set(contact.did, { peerId: contact.peerId, name: contact.name });
  }
  people.set(facts.self.peerId, { peerId: facts.self.peerId, name: 'you' });
  people.set(facts.self.did, { peerId: facts.self.peerId, name: 'you' });
  const records = new Map(facts.records.map((r) => [r.id, r]));
  const grants = new Map(facts.grants.map((g) => [g.id, g]));
  const agreements = new Map(facts.agreements.map((a) => [a.id, a]));
  const circles = new Map(facts.circles.map((c) => [c.id, c.name]));
  const shared = new Map(facts.shared.map((s) => [`${s.from}:${s.id}`, s]));

  const names: ActivityNames = {
    peer: (value) => people.get(key(value))?.name ?? 'a node you do not know',
    peerIdOf: (value) => people.get(key(value))?.peerId,
    record(id, type) {
      const found = records.get(key(id));
      if (found === undefined) return `your ${typeNoun(type)} (since deleted)`;
      const words = recordWords(found.type, found.data);
      if (found.deleted !== true) return words;
      return words.endsWith(')') ? `${words.slice(0, -1)}; since deleted)` : `${words} (since deleted)`;
    },
    shared(from, id) {
      const found = shared.get(`${key(from)}:${key(id)}`);
      return found === undefined ? 'a record of theirs' : recordWords(found.type, found.data, 'their');
    },
    grant(id) {
      const found = grants.get(key(id));
      if (found === undefined) return undefined;
      const described = found.records.map((record) => names.record(record));
      return { records: listWords(described), to: names.target(found.to), purpose: found.purpose, terms: found.terms };
    },
    target(to) {
      const value = typeof to === 'object' && to !== null ? (to as Record<string, unknown>) : {};
      if (value['kind'] === 'circle') return circles.has(key(value['circleId'])) ? `your circle “${circles.get(key(value['circleId']))}”` : names.circle(value['circleId']);
      return names.peer(value['peerId']);
    },
    agreement(id) {
      const found = agreements.get(key(id));
      return found === undefined ? undefined : { with: names.peer(found.with), purpose: found.purpose };
    },
    circle(id) {
      const name = circles.get(key(id));
      return name === undefined ? 'a circle since deleted' : `the circle “${name}”`;
    },
    grantRecords: (id) => grants.get(key(id))?.records ?? [],
    grantPeer(id) {
      const to = grants.get(key(id))?.to;
      const value = typeof to === 'object' && to !== null ? (to as Record<string, unknown>) : {};
      return value['kind'] === 'contact' && typeof value['peerId'] === 'string' ? value['peerId'] : undefined;
    },
    agreementPeer: (id) => agreements.get(key(id))?.with,
  };
  return names;
}
