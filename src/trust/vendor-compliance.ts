// How well a vendor keeps the person's terms, from what the person's own node holds: the
// agreements, the grants made to the vendor, and the receipts it signed. Nothing here asks
// the vendor; it judges what the vendor did against the signed record (issue 11, part 5).
//
// Two clocks:
// - A deletion the person asked for (a revoked grant, which ending an agreement also does)
//   is owed within DELETION_DUE_DAYS: "without undue delay", and at the latest in a month
//   (GDPR arts. 12(3) and 17). A Kith vendor node answers within seconds when online.
// - A "delete after N days" term is owed N days after the grant was made. The vendor's
//   clock starts at its first delivery, a little later than the grant, so a receipt within
//   RETENTION_GRACE_DAYS of the deadline still counts as on time.
import type { DeletionVerdict, VendorComplianceView } from '../api/methods/vendor-compliance.ts';
import type { Agreement } from './agreements.ts';
import type { Contact } from './contacts.ts';
import type { Grant } from './grants.ts';
import type { ReceiptItem } from './receipts.ts';

export const DELETION_DUE_DAYS = 30;
export const RETENTION_GRACE_DAYS = 1;
const DAY_MS = 86_400_000;

/** on-time / late: a deletion receipt came (in time or after); never: none, and the time is up; waiting: none yet, and there is time. */
type Verdict = DeletionVerdict;
type DeletionOwed = VendorComplianceView['deletions'][number];
type ScoreFactor = VendorComplianceView['factors'][number];

/** A dispute as the agreement records keep it (absent until agreements can be disputed). */
export interface DisputeFacts {
  readonly agreement: string;
  readonly reason: string;
  readonly time: string;
}

export interface ComplianceInput {
  readonly vendor: Contact;
  readonly agreements: readonly Agreement[];
  readonly grants: readonly Grant[];
  readonly receipts: readonly ReceiptItem[];
  readonly disputes?: readonly DisputeFacts[];
  readonly now?: Date;
}

function judge(due: number, answered: string | undefined, now: number, grace = 0): Verdict {
  if (answered !== undefined) return Date.parse(answered) <= due + grace ? 'on-time' : 'late';
  return now > due + grace ? 'never' : 'waiting';
}

function deleteAfterDays(grant: Grant, agreement: Agreement | undefined): number | undefined {
  const clause = [...grant.terms, ...(agreement?.terms ?? [])].find((c) => c.id === 'delete-after');
  return clause?.id === 'delete-after' ? clause.days : undefined;
}

const PENALTY: Record<Exclude<Verdict, 'on-time' | 'waiting'>, number> = { late: 10, never: 25 };
const DISPUTE_PENALTY = 10;

/** "1 deletion you asked for", "2 deletions you asked for": the noun is the first word. */
function plural(n: number, phrase: string): string {
  const [noun, ...rest] = phrase.split(' ');
  return [`${n} ${noun}${n === 1 ? '' : 's'}`, ...rest].join(' ');
}

function factorsOf(deletions: readonly DeletionOwed[], retention: readonly DeletionOwed[], disputes: number): ScoreFactor[] {
  const factors: ScoreFactor[] = [];
  for (const [list, what] of [
    [deletions, 'deletion you asked for'],
    [retention, 'deletion your terms scheduled'],
  ] as const) {
    for (const verdict of ['late', 'never'] as const) {
      const n = list.filter((d) => d.verdict === verdict).length;
      if (n > 0) factors.push({ reason: `${plural(n, what)} ${verdict === 'late' ? 'answered late' : 'never answered'}`, points: -PENALTY[verdict] * n });
    }
  }
  if (disputes > 0) factors.push({ reason: `${plural(disputes, 'agreement')} disputed`, points: -DISPUTE_PENALTY * disputes });
  return factors;
}

export function vendorCompliance(input: ComplianceInput): VendorComplianceView {
  const now = (input.now ?? new Date()).getTime();
  const { vendor } = input;
  const agreements = input.agreements.filter((a) => a.role === 'customer' && a.vendor.peerId === vendor.peerId);
  const byId = new Map(agreements.map((a) => [a.id, a]));
  const grants = input.grants.filter((g) => g.to.kind === 'contact' && g.to.peerId === vendor.peerId);
  const deletedAt = new Map(input.receipts.filter((r) => r.kind === 'deletion' && r.holder === vendor.peerId).map((r) => [r.grant, r.time]));

  const holds = grants
    .filter((g) => g.revoked === undefined && !deletedAt.has(g.id) && (g.expires === undefined || Date.parse(g.expires) > now))
    .map((g) => ({ grant: g.id, purpose: g.purpose, records: g.records.map((r) => r.id) }));
  const deletions = grants
    .filter((g): g is Grant & { revoked: string } => g.revoked !== undefined)
    .map((g) => {
      const due = Date.parse(g.revoked) + DELETION_DUE_DAYS * DAY_MS;
      const answered = deletedAt.get(g.id);
      return { grant: g.id, purpose: g.purpose, asked: g.revoked, due: new Date(due).toISOString(), ...(answered === undefined ? {} : { answered }), verdict: judge(due, answered, now) };
    });
  const retention = grants.flatMap((g) => {
    const days = deleteAfterDays(g, g.agreement === undefined ? undefined : byId.get(g.agreement));
    if (days === undefined) return [];
    const due = Date.parse(g.created) + days * DAY_MS;
    // Revoked before its deadline: the deletion is owed as asked (above), not twice.
    if (g.revoked !== undefined && Date.parse(g.revoked) < due) return [];
    const answered = deletedAt.get(g.id);
    const dueIso = new Date(due).toISOString();
    return [{ grant: g.id, purpose: g.purpose, days, asked: dueIso, due: dueIso, ...(answered === undefined ? {} : { answered }), verdict: judge(due, answered, now, RETENTION_GRACE_DAYS * DAY_MS) }];
  });
  const disputes = (input.disputes ?? []).filter((d) => byId.has(d.agreement));
  const factors = factorsOf(deletions, retention, disputes.length);
  return {
    vendor: { peerId: vendor.peerId, did: vendor.did, petname: vendor.petname },
    agreements: agreements.map((a) => ({ id: a.id, purpose: a.purpose, status: a.status, created: a.created, ...(a.ended === undefined ? {} : { ended: a.ended }) })),
    holds,
    deletions,
    retention,
    disputes,
    score: Math.max(0, 100 + factors.reduce((sum, f) => sum + f.points, 0)),
    factors,
  };
}
