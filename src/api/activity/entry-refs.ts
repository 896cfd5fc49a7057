// Who and what an audit entry is about — the PeerIds of the people and the ids of your
// records it concerns, directly or through the grant or agreement it names — so Activity
// can be filtered by person and by record. Portable.
import type { ActivityNames } from './activity-names.ts';

const PEER_KEYS = ['peerId', 'peer', 'from', 'to', 'customer', 'vendor'] as const;

export interface EntryRefs {
  readonly people: readonly string[];
  readonly records: readonly string[];
}

export function entryRefs(details: Readonly<Record<string, unknown>>, names: ActivityNames): EntryRefs {
  const people = new Set<string>();
  const records = new Set<string>();
  const person = (key: unknown) => {
    if (typeof key !== 'string' || key === '') return;
    const peerId = names.peerIdOf(key) ?? key;
    if (names.peer(peerId) !== 'you') people.add(peerId);
  };
  for (const key of PEER_KEYS) {
    const value = details[key];
    person(typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['peerId'] : value);
  }
  for (const key of ['recordId', 'record']) if (typeof details[key] === 'string') records.add(details[key] as string);
  const listed = Array.isArray(details['records']) ? (details['records'] as unknown[]) : [];
  for (const item of listed) if (typeof item === 'string') records.add(item);
  const subjects = [details['subject'], ...(Array.isArray(details['subjects']) ? (details['subjects'] as unknown[]) : [])];
  for (const subject of subjects) if (typeof subject === 'string' && subject.includes(':')) records.add(subject.slice(subject.indexOf(':') + 1));
  if (details['grant'] !== undefined) {
    for (const id of names.grantRecords(details['grant'])) records.add(id);
    person(names.grantPeer(details['grant']));
  }
  if (details['agreement'] !== undefined) person(names.agreementPeer(details['agreement']));
  return { people: [...people], records: [...records] };
}
