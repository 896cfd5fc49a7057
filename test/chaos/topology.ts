// The chaos network's shape and its start: relays (`kith start --relay`), vendor nodes
// (`--vendor`, PGlite store) and people, about a third of whom listen only on a circuit
// reservation at a relay (no direct address: reachable only through it). Every person is
// a contact of every vendor and of a few other people; each person has a few records to
// edit and share. Identities are written at a test's scrypt cost (test/support).
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PASSPHRASE } from '../cli/run-kith.ts';
import { writeQuickIdentity } from '../support/quick-identity.ts';
import { ChaosNode, type Role } from './chaos-node.ts';
import type { Random } from './random.ts';

export const PURPOSE = 'Delivery of my order';
export const AGREEMENT_TERMS = 'delivery-only,delete-on-revocation';
export const RECORD_TYPES = ['email', 'phone', 'address'] as const;

export interface Network {
  readonly root: string;
  readonly nodes: ChaosNode[];
  readonly people: ChaosNode[];
  readonly vendors: ChaosNode[];
  readonly relays: ChaosNode[];
  /** What each person can share: record ids by owner name. */
  readonly records: Map<string, string[]>;
  /** contacts.get(a).get(b): the petname a knows b by. */
  readonly petnames: Map<string, Map<string, string>>;
  remove(): Promise<void>;
}

/** How many of each: one relay per 6 nodes (at least one), one vendor per 5, the rest people. */
export function shape(total: number): { relays: number; vendors: number; people: number } {
  if (total < 4) throw new Error('a chaos network needs at least 4 nodes (a relay, a vendor and two people)');
  const relays = Math.max(1, Math.floor(total / 6));
  const vendors = Math.max(1, Math.floor(total / 5));
  return { relays, vendors, people: total - relays - vendors };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** Runs `fn` over `items`, `limit` at a time: starting a dozen daemons at once on two cores times out. */
export async function inBatches<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += limit) await Promise.all(items.slice(i, i + limit).map(fn));
}

async function makeNode(root: string, name: string, role: Role, relay?: ChaosNode): Promise<ChaosNode> {
  const home = join(root, name);
  const { did, peerId } = await writeQuickIdentity(home, PASSPHRASE);
  return relay === undefined
    ? new ChaosNode({ name, role, home, did, peerId, port: await freePort() })
    : new ChaosNode({ name, role, home, did, peerId, relayAddress: relay.address });
}

/** `invitee` accepts an invite of `inviter`; both learn each other's petname. */
async function befriend(net: Network, inviter: ChaosNode, invitee: ChaosNode): Promise<void> {
  const { code } = await inviter.client.call('invites.create', {});
  const contact = await invitee.client.call('invites.accept', { code });
  net.petnames.get(invitee.name)!.set(inviter.name, contact.petname);
  const theirs = (await inviter.client.call('contacts.list', {})).find((c) => c.peerId === invitee.spec.peerId);
  if (theirs === undefined) throw new Error(`${inviter.name} did not store ${invitee.name} as a contact`);
  net.petnames.get(inviter.name)!.set(invitee.name, theirs.petname);
}

export async function startNetwork(total: number, random: Random, log: (line: string) => void): Promise<Network> {
  const root = await mkdtemp(join(tmpdir(), 'kith-chaos-'));
  const counts = shape(total);
  const relays: ChaosNode[] = [];
  for (let i = 0; i < counts.relays; i++) relays.push(await makeNode(root, `relay-${i + 1}`, 'relay'));
  const vendors: ChaosNode[] = [];
  for (let i = 0; i < counts.vendors; i++) vendors.push(await makeNode(root, `vendor-${i + 1}`, 'vendor'));
  const people: ChaosNode[] = [];
  for (let i = 0; i < counts.people; i++) {
    // Every third person (the second, fifth…) only through a relay, so even a 4-node network has one.
    const behind = i % 3 === 1 ? relays[Math.floor(i / 3) % relays.length] : undefined;
    people.push(await makeNode(root, `person-${i + 1}${behind === undefined ? '' : '-relayed'}`, 'person', behind));
  }
  const nodes = [...relays, ...vendors, ...people];
  const net: Network = {
    root,
    nodes,
    people,
    vendors,
    relays,
    records: new Map(),
    petnames: new Map(nodes.map((n) => [n.name, new Map()])),
    async remove() {
      await Promise.all(nodes.map((n) => n.kill()));
      await rm(root, { recursive: true, force: true });
    },
  };
  try {
    // Relays (and vendors) first: the relayed people take their reservation at start. Two
    // at a time: a vendor's first start (its PGlite store created and migrated) takes 20 s
    // of a core, and a dozen starting at once on a shared machine time out.
    await inBatches([...relays, ...vendors], 2, (n) => n.start());
    await inBatches(people, 2, (n) => n.start());
    log(`started ${nodes.length} nodes: ${nodes.map((n) => n.name).join(', ')}`);
    for (const [i, vendor] of vendors.entries()) {
      await vendor.client.call('vendor.profile.set', { name: `Shop ${i + 1}`, accepts: 'delivery-only,no-tracking,delete-on-revocation' });
    }
    for (const [i, person] of people.entries()) {
      await person.client.call('data.set', { type: 'name', data: { full: `Person ${i + 1}` } });
      const ids: string[] = [];
      for (const type of RECORD_TYPES) ids.push((await person.client.call('data.set', initialRecord(type, i))).id);
      net.records.set(person.name, ids);
    }
    for (const person of people) for (const vendor of vendors) await befriend(net, vendor, person);
    // A ring of people, and a chord from each to someone random: every person has 2–4 person contacts.
    for (const [i, person] of people.entries()) {
      const next = people[(i + 1) % people.length]!;
      if (next !== person && !net.petnames.get(person.name)!.has(next.name)) await befriend(net, person, next);
      const chord = random.pick(people.filter((p) => p !== person && !net.petnames.get(person.name)!.has(p.name)));
      if (chord !== undefined && people.length > 3) await befriend(net, person, chord);
    }
    log(`contacts made: ${[...net.petnames.values()].reduce((sum, m) => sum + m.size, 0) / 2} pairs`);
  } catch (error) {
    await net.remove();
    throw error;
  }
  return net;
}

type RecordInput = { type: 'email'; data: { address: string } } | { type: 'phone'; data: { number: string } } | { type: 'address'; data: { streetAddress: string; addressLocality: string; addressCountry: string } };

/** A record's data; `n` makes each version different, so a stale copy is never mistaken for the latest. */
export function initialRecord(type: (typeof RECORD_TYPES)[number], n: number): RecordInput {
  if (type === 'email') return { type, data: { address: `p${n}@example.org` } };
  if (type === 'phone') return { type, data: { number: `+351 21 000 ${String(n % 10000).padStart(4, '0')}` } };
  return { type, data: { streetAddress: `Rua ${n}`, addressLocality: 'Lisboa', addressCountry: 'PT' } };
}
