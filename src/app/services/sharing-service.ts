// grants.*, shared.list, receipts.list: sharing under the owner's terms. Creating or
// revoking a grant commits the deliveries or notices it causes in the same batch; the
// deliverer (when the node is online) does the rest.
import type { AppApi } from '../../api/contract.ts';
import type { GrantView, SharedView } from '../../api/methods/sharing.ts';
import { KithError } from '../../base/errors.ts';
import type { Locker } from '../../store/locker.ts';
import { agreementForGrant } from '../../trust/agreement-gate.ts';
import { listCircles, resolveCircle, type Circle } from '../../trust/circles.ts';
import { type Contact, listContacts, resolveContact, unknownPeerName } from '../../trust/contacts.ts';
import { createGrant, getGrant, isLive, listGrants, revokeGrant, type Grant, type Recipient } from '../../trust/grants.ts';
import { pending, type OutboxItem } from '../../trust/outbox.ts';
import { listReceipts, type ReceiptItem } from '../../trust/receipts.ts';
import { sharedFileOf } from '../../trust/shared-files.ts';
import { describeClause, parseTerms } from '../../trust/terms.ts';
import type { AppContext } from '../context.ts';
import type { DocumentFetcher } from '../sharing/document-fetcher.ts';
import { grantChanges, holdersOf, revocationChanges } from '../sharing/releases.ts';
import { sharedFileStatus } from './shared-files-service.ts';

type SharingApi = Pick<AppApi, 'grants.create' | 'grants.list' | 'grants.revoke' | 'shared.list' | 'receipts.list'>;

/** "2026-12-31T00:00:00Z", or a duration from now: "30d", "12h". */
export function parseExpiry(text: string, now = new Date()): Date {
  const duration = /^(\d{1,4})([dh])$/.exec(text.trim());
  if (duration !== null) return new Date(now.getTime() + Number(duration[1]) * (duration[2] === 'd' ? 86_400_000 : 3_600_000));
  const date = new Date(text);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(text)) {
    throw new KithError('InvalidInput', `"${text.slice(0, 40)}" is not a date or a duration.`, { hint: 'Use e.g. 30d, 12h or 2026-12-31.' });
  }
  return date;
}

/** A contact or a circle, by the name a person types; a circle wins only if no contact matches. */
async function recipient(locker: Locker, name: string): Promise<Recipient> {
  try {
    return { kind: 'contact', peerId: (await resolveContact(locker, name)).peerId };
  } catch (error) {
    if (!(error instanceof KithError) || error.code !== 'NotFound') throw error;
  }
  try {
    return { kind: 'circle', circleId: (await resolveCircle(locker, name)).id };
  } catch {
    throw new KithError('NotFound', `You have no contact or circle called "${name.slice(0, 80)}".`, { hint: 'See them with `kith contacts` and `kith circle list`.' });
  }
}

/** Views of `grants`, reading contacts, circles and the outbox once for all of them. */
async function grantViews(locker: Locker, grants: readonly Grant[]): Promise<GrantView[]> {
  const [contacts, circles, outbox] = await Promise.all([listContacts(locker), listCircles(locker), pending(locker)]);
  return Promise.all(grants.map((grant) => grantView(locker, grant, { contacts, circles, outbox })));
}

async function grantView(
  locker: Locker,
  grant: Grant,
  known: { contacts: Contact[]; circles: Circle[]; outbox: OutboxItem[] },
): Promise<GrantView> {
  const { to } = grant;
  const name =
    to.kind === 'contact'
      ? (known.contacts.find((c) => c.peerId === to.peerId)?.petname ?? unknownPeerName(to.peerId))
      : (known.circles.find((c) => c.id === to.circleId)?.name ?? '(deleted circle)');
  const waiting = known.outbox.filter((item) => item.subject.startsWith(`${grant.id}:`));
  const receipts = await listReceipts(locker, grant.id);
  const holders = await holdersOf(locker, grant);
  return {
    id: grant.id,
    to: { kind: grant.to.kind, name },
    records: grant.records.map((r) => (r.fields === undefined ? { id: r.id } : { id: r.id, fields: r.fields })),
    purpose: grant.purpose,
    terms: grant.terms.map(describeClause),
    created: grant.created,
    ...(grant.expires === undefined ? {} : { expires: grant.expires }),
    ...(grant.revoked === undefined ? {} : { revoked: grant.revoked }),
    live: isLive(grant),
    holders: holders.map((h) => ({
      peerId: h.peerId,
      petname: h.petname,
      upToDate: !waiting.some((item) => item.peer === h.peerId),
      receipt: receipts.some((r) => r.holder === h.peerId && r.kind === 'consent'),
      deleted: receipts.some((r) => r.holder === h.peerId && r.kind === 'deletion'),
    })),
  };
}

export function sharingService(ctx: AppContext, fetcher: () => DocumentFetcher | undefined = () => undefined): SharingApi {
  return {
    async 'grants.create'(input) {
      const locker = await ctx.locker();
      const owner = ctx.signer();
      const to = await recipient(locker, input.to);
      // A vendor gets data only under a live agreement, on the purpose and terms it countersigned.
      const agreement = await agreementForGrant(locker, to, input.purpose);
      const grant = await createGrant(
        locker,
        owner,
        {
          to,
          records: input.records.map((id) => (input.fields === undefined ? { id } : { id, fields: input.fields })),
          purpose: agreement?.purpose ?? input.purpose,
          terms: agreement?.terms ?? parseTerms(input.terms ?? '', input.clauses ?? []),
          ...(input.expires === undefined ? {} : { expires: parseExpiry(input.expires) }),
          ...(agreement === undefined ? {} : { agreement: agreement.id }),
        },
        (created) => grantChanges(locker, owner, created),
      );
      ctx.emit('grants.changed', {});
      ctx.emit('log.appended', {});
      return (await grantViews(locker, [grant]))[0] as GrantView;
    },
    async 'grants.list'() {
      const locker = await ctx.locker();
      return grantViews(locker, await listGrants(locker));
    },
    async 'grants.revoke'({ grant: id }) {
      const locker = await ctx.locker();
      const owner = ctx.signer();
      const revoked = await revokeGrant(locker, owner, (await getGrant(locker, id)).id, (grant) => revocationChanges(locker, owner, grant));
      ctx.emit('grants.changed', {});
      ctx.emit('log.appended', {});
      return (await grantViews(locker, [revoked]))[0] as GrantView;
    },
    async 'shared.list'() {
      const locker = await ctx.locker();
      const contacts = await listContacts(locker);
      const items = await (await ctx.holdings()).list();
      const files = await Promise.all(
        items.map((item) => {
          const file = sharedFileOf(item);
          return file === undefined ? undefined : sharedFileStatus(locker, file, fetcher());
        }),
      );
      return items.map(
        (item, i): SharedView => ({
          from: { peerId: item.from, did: item.fromDid, petname: contacts.find((c) => c.peerId === item.from)?.petname ?? unknownPeerName(item.from) },
          grant: {
            id: String(item.grant['id']),
            purpose: String(item.grant['purpose']),
            terms: parseTermsQuietly(item.grant['terms']),
            ...(typeof item.grant['expires'] === 'string' ? { expires: item.grant['expires'] } : {}),
          },
          record: {
            id: String(item.record['id']),
            type: String(item.record['type']),
            version: Number(item.record['version']),
            deleted: item.record['deleted'] === true,
            data: item.record['data'] ?? null,
          },
          received: item.received,
          ...(item.revoked === undefined ? {} : { revoked: item.revoked }),
          ...(files[i] === undefined ? {} : { file: files[i] }),
        }),
      );
    },
    async 'receipts.list'() {
      // Ours as an owner (from the holders of our grants) from the locker; ours as a holder from the holdings.
      const asOwner = (await listReceipts(await ctx.locker())).filter((receipt) => receipt.owner === undefined);
      const asHolder = await (await ctx.holdings()).receipts();
      const key = (r: ReceiptItem) => `${r.grant}:${r.holder}:${r.kind}${r.owner === undefined ? '' : `:${r.owner}`}`;
      return [...asOwner, ...asHolder].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    },
  };
}

function parseTermsQuietly(terms: unknown): string[] {
  if (!Array.isArray(terms)) return [];
  return terms.map((clause) => {
    try {
      return describeClause(clause as never);
    } catch {
      return '(a clause this version of Kith does not know)';
    }
  });
}
