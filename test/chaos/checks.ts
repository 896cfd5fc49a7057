// The invariants of a converged network, read from each node's own API. The owners' views
// are the truth: for every owner, holder and record —
//  - latest: a record under a live grant is at the holder in the owner's current version
//    and data (and the owner sees the holder up to date);
//  - deleted: a record only under revoked grants has no data left at the holder, and the
//    owner keeps the holder's signed deletion receipt;
//  - once: no delivery was kept twice — no two "shared with me" entries for one record, no
//    version twice in a vendor store, no (owner, grant, record, version) twice among a
//    person holder's share.received audit entries;
//  - trail: every node's audit chain verifies;
//  - up: every node came back after its kills.
import { isDeepStrictEqual } from 'node:util';
import type { Client } from '../../src/api/client.ts';
import type { ChaosNode } from './chaos-node.ts';
import type { Network } from './topology.ts';

export type Invariant = 'up' | 'latest' | 'deleted' | 'once' | 'trail';
export const INVARIANTS: readonly Invariant[] = ['up', 'latest', 'deleted', 'once', 'trail'];

export interface Violation {
  readonly invariant: Invariant;
  readonly message: string;
}

export interface CheckReport {
  readonly violations: Violation[];
  /** How many facts each invariant looked at (a check that saw nothing proves nothing). */
  readonly checked: Record<Invariant, number>;
}

type HolderCopy = { version: number; data: unknown; revoked: boolean };

/** What `holder` keeps from `owner`: record id (and, at a vendor, grant) -> its copy. */
async function copiesAt(holder: ChaosNode, owner: ChaosNode, report: CheckReport): Promise<(grant: string, record: string) => HolderCopy | undefined> {
  const api = holder.client;
  if (holder.spec.role === 'vendor') {
    const holdings = await api.call('vendor.holdings', { customer: owner.spec.did });
    const byKey = new Map<string, HolderCopy>();
    for (const r of holdings.records) {
      byKey.set(`${r.grant}:${r.id}`, { version: r.version, data: r.data, revoked: r.revoked !== undefined || r.data === null });
      const versions = r.versions.map((v) => v.version);
      report.checked.once++;
      if (new Set(versions).size !== versions.length) once(report, `${holder.name} stores a version of ${owner.name}'s ${r.id} twice: ${versions.join(',')}`);
    }
    return (grant, record) => byKey.get(`${grant}:${record}`);
  }
  const shared = (await api.call('shared.list', {})).filter((s) => s.from.peerId === owner.spec.peerId);
  const byRecord = new Map<string, HolderCopy>();
  for (const s of shared) {
    report.checked.once++;
    if (byRecord.has(s.record.id)) once(report, `${holder.name} lists ${owner.name}'s ${s.record.id} twice`);
    byRecord.set(s.record.id, { version: s.record.version, data: s.record.data, revoked: s.revoked !== undefined });
  }
  return (_grant, record) => byRecord.get(record);
}

function once(report: CheckReport, message: string): void {
  report.violations.push({ invariant: 'once', message });
}

/** Every (owner, grant, record, version) among a person's share.received entries, at most once. */
async function receivedOnce(node: ChaosNode, names: Map<string, string>, report: CheckReport): Promise<void> {
  const seen = new Set<string>();
  for (const entry of await allEntries(node.client, 'share.received')) {
    const from = String(entry.details['from'] ?? '');
    const records = Array.isArray(entry.details['records']) ? (entry.details['records'] as { grant?: unknown; record?: unknown; version?: unknown }[]) : [];
    for (const r of records) {
      const key = `${from}:${String(r.grant)}:${String(r.record)}:${String(r.version)}`;
      report.checked.once++;
      if (seen.has(key)) once(report, `${node.name} kept ${names.get(from) ?? from}'s ${String(r.record)} v${String(r.version)} (grant ${String(r.grant)}) twice`);
      seen.add(key);
    }
  }
}

async function allEntries(api: Client, kind: string) {
  const entries = [];
  for (let from = 0; ; ) {
    const page = await api.call('log.list', { kind, from, limit: 5000 });
    entries.push(...page);
    if (page.length < 5000) return entries;
    from = page[page.length - 1]!.seq + 1;
  }
}

export async function checkNetwork(net: Network): Promise<CheckReport> {
  const report: CheckReport = { violations: [], checked: { up: 0, latest: 0, deleted: 0, once: 0, trail: 0 } };
  // A node that would not come back is a violation of its own; the rest is checked without it.
  for (const node of net.nodes) {
    report.checked.up++;
    if (!node.alive) report.violations.push({ invariant: 'up', message: `${node.name} is not running (it did not restart)` });
  }
  const byPeer = new Map(net.nodes.map((n) => [n.spec.peerId, n]));
  const names = new Map(net.nodes.map((n) => [n.spec.peerId, n.name]));
  for (const owner of net.people.filter((p) => p.alive)) {
    const [records, grants] = await Promise.all([owner.client.call('data.list', {}), owner.client.call('grants.list', {})]);
    const current = new Map(records.map((r) => [r.id, r]));
    const holders = new Set(grants.flatMap((g) => g.holders.map((h) => h.peerId)));
    for (const peerId of holders) {
      const holder = byPeer.get(peerId);
      if (holder === undefined || !holder.alive) continue;
      const copy = await copiesAt(holder, owner, report);
      const mine = grants.filter((g) => g.holders.some((h) => h.peerId === peerId));
      const live = new Set(mine.filter((g) => g.live).flatMap((g) => g.records.map((r) => r.id)));
      for (const grant of mine) {
        const h = grant.holders.find((x) => x.peerId === peerId)!;
        for (const { id } of grant.records) {
          const kept = copy(grant.id, id);
          if (grant.live) {
            const want = current.get(id);
            report.checked.latest++;
            if (want === undefined) continue;
            if (kept === undefined || kept.revoked || kept.version !== want.version || !isDeepStrictEqual(kept.data, want.data)) {
              const what = kept === undefined ? 'nothing' : kept.revoked ? 'a deleted copy' : `v${kept.version}`;
              report.violations.push({ invariant: 'latest', message: `${holder.name} has ${what} of ${owner.name}'s ${id} under live grant ${grant.id}, latest is v${want.version}` });
            }
          } else if (holder.spec.role === 'vendor' || !live.has(id)) {
            // A person keeps one copy per record: one still live under another grant stays.
            report.checked.deleted++;
            if (kept !== undefined && (!kept.revoked || (kept.data !== null && kept.data !== undefined))) {
              report.violations.push({ invariant: 'deleted', message: `${holder.name} still has data of ${owner.name}'s ${id} after grant ${grant.id} was revoked` });
            }
          }
        }
        if (grant.live && !h.upToDate) report.violations.push({ invariant: 'latest', message: `${owner.name} does not see ${holder.name} up to date on grant ${grant.id}` });
        if (!grant.live) {
          report.checked.deleted++;
          if (!h.deleted) report.violations.push({ invariant: 'deleted', message: `${owner.name} has no deletion receipt from ${holder.name} for revoked grant ${grant.id}` });
        }
      }
    }
  }
  for (const node of net.nodes.filter((n) => n.alive)) {
    if (node.spec.role === 'person') await receivedOnce(node, names, report);
    const verdict = await node.client.call('log.verify', {});
    report.checked.trail += verdict.count;
    if (!verdict.ok) report.violations.push({ invariant: 'trail', message: `${node.name}'s trail does not verify: ${verdict.problems.map((p) => `#${p.seq} ${p.problem}`).join('; ')}` });
  }
  return report;
}
