// log.activity: the audit trail in sentences. The facts the sentences need (who is who,
// what each grant, agreement and circle is) come from the locker; of the records, only
// those the page names are read, so a locker of 100k records answers as fast as an empty one.
import { activityNames, type ActivityFacts } from '../../api/activity/activity-names.ts';
import { describeEntry } from '../../api/activity/audit-sentences.ts';
import { entryRefs } from '../../api/activity/entry-refs.ts';
import type { AppApi } from '../../api/contract.ts';
import type { ActivityItem } from '../../api/methods/activity.ts';
import type { AuditEntry } from '../../store/audit-entry.ts';
import { entryHash } from '../../store/audit-entry.ts';
import type { Locker } from '../../store/locker.ts';
import { listAgreements } from '../../trust/agreements.ts';
import { listCircles } from '../../trust/circles.ts';
import { listContacts, resolveContact } from '../../trust/contacts.ts';
import { listGrants } from '../../trust/grants.ts';
import { listShared } from '../../trust/shared-with-me.ts';
import { describeClause } from '../../trust/terms.ts';
import type { AppContext } from '../context.ts';
import { recordFacts } from '../records/record-credential.ts';

type ActivityApi = Pick<AppApi, 'log.activity'>;

const PAGE = 500;

async function gatherFacts(ctx: AppContext, locker: Locker): Promise<ActivityFacts> {
  const identity = await ctx.identity();
  const [contacts, grants, agreements, circles, shared] = await Promise.all([listContacts(locker), listGrants(locker), listAgreements(locker), listCircles(locker), listShared(locker)]);
  return {
    self: { did: identity.did, peerId: identity.peerId },
    contacts: contacts.map((c) => ({ peerId: c.peerId, did: c.did, name: c.petname })),
    records: [],
    grants: grants.map((g) => ({ id: g.id, to: g.to, records: g.records.map((r) => r.id), purpose: g.purpose, terms: g.terms.map(describeClause) })),
    agreements: agreements.map((a) => ({ id: a.id, with: a.role === 'customer' ? a.vendor.peerId : a.customer.peerId, purpose: a.purpose })),
    circles: circles.map((c) => ({ id: c.id, name: c.name })),
    shared: shared.map((s) => ({ from: s.from, id: String(s.record['id'] ?? ''), type: String(s.record['type'] ?? ''), data: s.record['data'] })),
  };
}

/** Your records that the entries name, as they are now; a deleted one by its last version before deletion. */
async function recordsNamed(locker: Locker, ids: Iterable<string>): Promise<ActivityFacts['records']> {
  const found: { id: string; type: string; data: unknown; deleted?: boolean }[] = [];
  for (const id of new Set(ids)) {
    if (!/^[a-z0-9]{8,64}$/.test(id)) continue;
    const head = await locker.records.head(id);
    if (head === undefined) continue;
    const facts = recordFacts(head.credential);
    if (!facts.deleted) {
      found.push({ id, type: facts.type, data: facts.data });
      continue;
    }
    const last = (await locker.records.history(id)).map((version) => recordFacts(version.credential)).filter((v) => !v.deleted).pop();
    found.push({ id, type: facts.type, data: last?.data, deleted: true });
  }
  return found;
}

/** Pages of entries in the order asked: oldest first from `from`, else newest first before `before`. */
async function* scan(locker: Locker, query: { from?: number; before?: number; kind?: string }): AsyncGenerator<AuditEntry> {
  if (query.from !== undefined) {
    let next = query.from;
    for (;;) {
      const page = await locker.audit.entries({ from: next, limit: PAGE, ...(query.kind === undefined ? {} : { kind: query.kind }) });
      const last = page[page.length - 1];
      if (last === undefined) return;
      yield* page;
      // A kind filter skips entries: go on from past the last one read.
      next = last.seq + 1;
    }
  }
  let below = query.before;
  while (below === undefined || below > 0) {
    const page = await locker.audit.entries({ ...(below === undefined ? {} : { from: below - 1 }), reverse: true, limit: PAGE, ...(query.kind === undefined ? {} : { kind: query.kind }) });
    const last = page[page.length - 1];
    if (last === undefined) return;
    yield* page;
    below = last.seq;
  }
}

export function activityService(ctx: AppContext): ActivityApi {
  return {
    async 'log.activity'({ from, before, limit, kind, person, record }) {
      const locker = await ctx.locker();
      const facts = await gatherFacts(ctx, locker);
      const refsNames = activityNames(facts);
      const who = person === undefined ? undefined : (await resolveContact(locker, person)).peerId;
      const wanted = limit ?? 200;
      const picked: { entry: AuditEntry; refs: ReturnType<typeof entryRefs> }[] = [];
      for await (const entry of scan(locker, { ...(from === undefined ? {} : { from }), ...(before === undefined ? {} : { before }), ...(kind === undefined ? {} : { kind }) })) {
        const refs = entryRefs(entry.details, refsNames);
        if (who !== undefined && !refs.people.includes(who)) continue;
        if (record !== undefined && !refs.records.includes(record)) continue;
        picked.push({ entry, refs });
        if (picked.length >= wanted) break;
      }
      const names = activityNames({ ...facts, records: await recordsNamed(locker, picked.flatMap((p) => p.refs.records)) });
      return picked.map(({ entry, refs }): ActivityItem => ({
        seq: entry.seq,
        time: entry.time,
        kind: entry.kind,
        sentence: describeEntry(entry, names),
        people: refs.people.map((peerId) => ({ peerId, name: names.peer(peerId) })),
        records: refs.records.map((id) => ({ id, words: names.record(id) })),
        entry: { ...entry, hash: entryHash(entry) },
      }));
    },
  };
}
