// requests.*, inbox.*: asking a contact for data, and answering what you were asked.
// Asking goes straight to the contact (the requester is online when asking). Approving
// makes an ordinary grant whose deliveries and answer are committed with it in one batch;
// denying commits the answer with the decision. The deliverer sends both from the outbox,
// so an answer reaches a requester that is offline now once it comes back.
import type { AppApi } from '../../api/contract.ts';
import type { RequestView } from '../../api/methods/requests.ts';
import { recordSchemas, type RecordType } from '../../api/records.ts';
import { KithError } from '../../base/errors.ts';
import type { KithNode } from '../../net/node.ts';
import { REQUEST_PROTOCOL, receivedSchema } from '../../net/protocols/request/request-protocol.ts';
import type { Locker } from '../../store/locker.ts';
import { getContact, listBlocked, listContacts, resolveContact, unknownPeerName } from '../../trust/contacts.ts';
import { createGrant, type GrantedRecord } from '../../trust/grants.ts';
import { parseTerms, type Clause } from '../../trust/terms.ts';
import { approvalChanges, denyRequest, getInboxItem, listInbox, listSent, newRequestId, recordSent, type Ask, type StoredRequest } from '../../trust/requests.ts';
import type { AppContext } from '../context.ts';
import { grantChanges } from '../sharing/releases.ts';

type RequestsApi = Pick<AppApi, 'requests.ask' | 'requests.list' | 'inbox.list' | 'inbox.approve' | 'inbox.deny'>;

/**
 * The terms of the grant an approval makes. The requester's stated retention always binds
 * them; the owner may add terms of their own (the Inbox starts from their default terms).
 * When both name a deletion period, the shorter one holds: the owner's terms can only
 * protect more than the request promised, never less.
 */
export function approvalTerms(retentionDays: number | undefined, own: readonly Clause[] = []): Clause[] {
  if (retentionDays === undefined) return [...own];
  const ownDays = own.flatMap((clause) => (clause.id === 'delete-after' ? [clause.days] : []));
  const days = Math.min(retentionDays, ...ownDays);
  return [...own.filter((clause) => clause.id !== 'delete-after'), { id: 'delete-after', days }];
}

/** The top-level fields a record type has, or undefined for a free-form type (custom). */
function knownFields(type: string): string[] | undefined {
  const schema = recordSchemas[type as RecordType] as unknown as { shape?: Record<string, unknown> } | undefined;
  return schema?.shape === undefined ? undefined : Object.keys(schema.shape);
}

/**
 * What approving releases: the owner's records of the types asked for (or the subset
 * named), each limited to the fields asked for (or the narrower set the owner chose).
 */
export async function chooseRecords(locker: Locker, item: StoredRequest, records?: readonly string[], fields?: readonly string[]): Promise<GrantedRecord[]> {
  const candidates = (await locker.records.list()).filter((r) => (item.types as string[]).includes(r.type));
  if (fields !== undefined && item.fields !== undefined) {
    const extra = fields.filter((f) => !item.fields?.includes(f));
    if (extra.length > 0) throw new KithError('InvalidInput', `The request did not ask for ${extra.join(', ')}.`, { hint: `It asked for: ${item.fields.join(', ')}.` });
  }
  const chosen =
    records === undefined
      ? candidates
      : [...new Set(records)].map((id) => {
          const found = candidates.find((c) => c.id === id);
          if (found === undefined) throw new KithError('InvalidInput', `Record ${id} is not one of your ${item.types.join(' or ')} records.`, { hint: 'See what was asked for with `kith inbox`.' });
          return found;
        });
  const wanted = fields ?? item.fields;
  const granted: GrantedRecord[] = [];
  for (const record of chosen) {
    const known = knownFields(record.type);
    const kept = wanted === undefined ? undefined : known === undefined ? [...wanted] : wanted.filter((f) => known.includes(f));
    // A record with none of the fields asked for has nothing to release: it is left out.
    if (kept !== undefined && kept.length === 0) continue;
    granted.push(kept === undefined ? { id: record.id } : { id: record.id, fields: kept });
  }
  if (granted.length === 0) {
    throw new KithError('InvalidInput', `You have no ${item.types.join(' or ')} records${wanted === undefined ? '' : ` with ${wanted.join(', ')}`} to share.`, {
      hint: `Add one with \`kith data set\`, or deny the request with \`kith deny ${item.id}\`.`,
    });
  }
  return granted;
}

async function views(locker: Locker, items: readonly StoredRequest[], inbox: boolean): Promise<RequestView[]> {
  const contacts = await listContacts(locker);
  const mine = inbox && items.some((i) => i.status === 'pending') ? await locker.records.list() : [];
  return items.map((item) => ({
    id: item.id,
    peer: { peerId: item.peer, petname: contacts.find((c) => c.peerId === item.peer)?.petname ?? unknownPeerName(item.peer) },
    types: [...item.types],
    ...(item.fields === undefined ? {} : { fields: [...item.fields] }),
    purpose: item.purpose,
    ...(item.retentionDays === undefined ? {} : { retentionDays: item.retentionDays }),
    status: item.status,
    created: item.created,
    ...(item.answered === undefined ? {} : { answered: item.answered }),
    ...(item.grant === undefined ? {} : { grant: item.grant }),
    ...(item.records === undefined ? {} : { records: [...item.records] }),
    ...(item.reason === undefined ? {} : { reason: item.reason }),
    ...(inbox && item.status === 'pending' ? { available: mine.filter((r) => (item.types as string[]).includes(r.type)).map((r) => ({ id: r.id, type: r.type })) } : {}),
  }));
}

async function view(locker: Locker, item: StoredRequest, inbox: boolean): Promise<RequestView> {
  const [one] = await views(locker, [item], inbox);
  if (one === undefined) throw new KithError('Internal', 'The request has no view.');
  return one;
}

/** A failed ask in words a person can act on: nothing was sent unless the owner confirmed. */
function askFailure(error: unknown, petname: string): KithError {
  const code = error instanceof KithError ? error.code : 'Internal';
  if (code === 'Unreachable' || code === 'Timeout' || code === 'Aborted') {
    return new KithError(code, `${petname} could not be reached, so the request was not sent.`, { hint: 'Their node may be offline; ask again when it is online.', cause: error });
  }
  if (code === 'NotTrusted') return new KithError('NotTrusted', `${petname} does not take requests from you.`, { hint: 'They may have removed or blocked you as a contact.', cause: error });
  if (code === 'RateLimited') return new KithError('RateLimited', `${petname} has too many of your requests waiting, or you are asking too often.`, { hint: 'Wait for an answer, then ask again.', cause: error });
  if (code === 'Unsupported') return new KithError('Unsupported', `${petname}'s Kith does not take requests yet.`, { cause: error });
  return error instanceof KithError ? error : new KithError('Internal', 'The request could not be sent.', { cause: error });
}

export function requestsService(ctx: AppContext, current: () => { readonly node: KithNode } | undefined): RequestsApi {
  return {
    async 'requests.ask'(input) {
      const network = current();
      if (network === undefined) throw new KithError('Unreachable', 'Your node is not online.', { hint: 'Start it with `kith start` (and unlock it) first.' });
      const locker = await ctx.locker();
      const signer = ctx.signer();
      const contact = await resolveContact(locker, input.contact);
      const ask: Ask = {
        id: newRequestId(),
        types: input.types as Ask['types'],
        ...(input.fields === undefined ? {} : { fields: input.fields }),
        purpose: input.purpose,
        ...(input.retentionDays === undefined ? {} : { retentionDays: input.retentionDays }),
      };
      try {
        await network.node.request(contact.peerId, REQUEST_PROTOCOL, { type: 'ask', ...ask }, { responseSchema: receivedSchema });
      } catch (error) {
        throw askFailure(error, contact.petname);
      }
      // Kept only once the owner has it: a request that never arrived is not shown as pending.
      const sent = await recordSent(locker, signer, contact.peerId, ask);
      ctx.emit('requests.changed', {});
      ctx.emit('log.appended', {});
      return view(locker, sent, false);
    },
    async 'requests.list'() {
      const locker = await ctx.locker();
      return views(locker, await listSent(locker), false);
    },
    async 'inbox.list'() {
      const locker = await ctx.locker();
      return views(locker, await listInbox(locker), true);
    },
    async 'inbox.approve'({ id, records, fields, terms, clauses }) {
      // Checked first, so a mistyped preset is InvalidInput whatever else is wrong.
      const own = terms === undefined && clauses === undefined ? undefined : parseTerms(terms ?? '', clauses ?? []);
      const locker = await ctx.locker();
      const owner = ctx.signer();
      const item = await getInboxItem(locker, id);
      if (item.status !== 'pending') throw new KithError('InvalidInput', `Request ${item.id} was already ${item.status}.`);
      if ((await getContact(locker, item.peer)) === undefined) throw new KithError('NotFound', 'The requester is no longer your contact.', { hint: `Deny it with \`kith deny ${item.id}\`.` });
      if ((await listBlocked(locker)).some((b) => b.peerId === item.peer)) throw new KithError('InvalidInput', 'You have blocked the requester.', { hint: `Unblock them first, or deny it with \`kith deny ${item.id}\`.` });
      const granted = await chooseRecords(locker, item, records, fields);
      await createGrant(
        locker,
        owner,
        {
          to: { kind: 'contact', peerId: item.peer },
          records: granted,
          purpose: item.purpose,
          terms: approvalTerms(item.retentionDays, own),
        },
        async (created) => [...(await grantChanges(locker, owner, created)), ...approvalChanges(item, created.id, granted.map((r) => r.id))],
      );
      ctx.emit('inbox.changed', {});
      ctx.emit('grants.changed', {});
      ctx.emit('log.appended', {});
      return view(locker, await getInboxItem(locker, item.id), true);
    },
    async 'inbox.deny'({ id, reason }) {
      const locker = await ctx.locker();
      const denied = await denyRequest(locker, ctx.signer(), id, reason);
      ctx.emit('inbox.changed', {});
      ctx.emit('log.appended', {});
      return view(locker, denied, true);
    },
  };
}
