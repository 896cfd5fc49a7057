// Requests for data: a contact asks the owner for records of some types (optionally only
// some fields), saying what for and for how long. The owner keeps what it received in
// `inbox`; the requester keeps what it sent in `requests`, keyed by the same id, so both
// sides talk about one request. Everything read back from disk or a peer is parsed.
//
// A request is answered once: approved (with the id of the grant that releases the data
// through the normal delivery path) or denied. The answer travels through the outbox
// (kind 'answer', subject `request:<id>`) so it survives an offline requester.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { RECORD_TYPES, type RecordType } from '../api/records.ts';
import { KithError } from '../base/errors.ts';
import { parseWith } from '../base/schema.ts';
import type { Signer } from '../identity/signer.ts';
import type { ItemChange, Locker } from '../store/locker.ts';
import { queueChange } from './outbox.ts';

export const INBOX = 'inbox';
export const REQUESTS = 'requests';
/** Pending requests one contact may have in the owner's inbox: a contact cannot flood it. */
export const MAX_PENDING_PER_PEER = 20;
/** As many records as one grant may hold (trust/grants.ts MAX_GRANT_RECORDS). */
export const MAX_ANSWER_RECORDS = 200;

export const requestIdSchema = z.string().regex(/^r[a-f0-9]{16}$/, 'must be a request id such as r0123456789abcdef');
const recordTypeSchema = z.enum(RECORD_TYPES as [RecordType, ...RecordType[]]);
const fieldSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'must be a field name');
const recordIdSchema = z.string().regex(/^[a-z0-9]{8,64}$/);
const grantIdSchema = z.string().regex(/^g[a-f0-9]{16}$/);

/** What is asked: the same on the wire, in the inbox and in the sent list. */
export const askSchema = z.strictObject({
  id: requestIdSchema,
  types: z.array(recordTypeSchema).min(1).max(RECORD_TYPES.length).refine((t) => new Set(t).size === t.length, 'must not repeat a type'),
  /** Only these fields of each record; absent = whole records. */
  fields: z.array(fieldSchema).min(1).max(32).optional(),
  purpose: z.string().trim().min(1, 'must say what it is for').max(500),
  /** How long the requester will keep the data; becomes a `delete-after` term. */
  retentionDays: z.number().int().min(1).max(3650).optional(),
});
export type Ask = z.output<typeof askSchema>;

/** The owner's answer, as sent to the requester. */
export const answerSchema = z.strictObject({
  id: requestIdSchema,
  status: z.enum(['approved', 'denied']),
  /** On approval: the grant the data arrives under, and the records it releases. */
  grant: grantIdSchema.optional(),
  records: z.array(recordIdSchema).max(MAX_ANSWER_RECORDS).optional(),
  /** On denial, optionally: why, in the owner's words. */
  reason: z.string().trim().max(500).optional(),
});
export type Answer = z.output<typeof answerSchema>;

const storedRequestSchema = askSchema.extend({
  /** The other side: the requester (inbox) or the owner asked (requests). */
  peer: z.string().max(200),
  status: z.enum(['pending', 'approved', 'denied']),
  created: z.iso.datetime(),
  answered: z.iso.datetime().optional(),
  grant: grantIdSchema.optional(),
  records: z.array(recordIdSchema).max(MAX_ANSWER_RECORDS).optional(),
  reason: z.string().max(500).optional(),
});
export type StoredRequest = z.output<typeof storedRequestSchema>;

export function newRequestId(): string {
  return `r${randomBytes(8).toString('hex')}`;
}

async function list(locker: Locker, collection: string): Promise<StoredRequest[]> {
  const items = (await locker.collections.list(collection)).map((item) => parseWith(storedRequestSchema, item.value, 'stored request'));
  return items.sort((a, b) => b.created.localeCompare(a.created));
}

async function find(locker: Locker, collection: string, id: string): Promise<StoredRequest | undefined> {
  if (!requestIdSchema.safeParse(id).success) return undefined;
  const value = await locker.collections.get(collection, id);
  return value === undefined ? undefined : parseWith(storedRequestSchema, value, 'stored request');
}

/** Requests received, newest first. */
export const listInbox = (locker: Locker): Promise<StoredRequest[]> => list(locker, INBOX);
/** Requests sent, newest first. */
export const listSent = (locker: Locker): Promise<StoredRequest[]> => list(locker, REQUESTS);

export async function getInboxItem(locker: Locker, id: string): Promise<StoredRequest> {
  const item = await find(locker, INBOX, id);
  if (item === undefined) throw new KithError('NotFound', `There is no request ${id.slice(0, 40)} in your inbox.`, { hint: 'See them with `kith inbox`.' });
  return item;
}

export function inboxChange(item: StoredRequest): ItemChange {
  return { collection: INBOX, id: item.id, value: parseWith(storedRequestSchema, item, 'The request') };
}

/** The owner keeps a contact's ask. A repeat of the same ask (a retry) changes nothing. */
export async function receiveAsk(locker: Locker, signer: Signer, peer: string, ask: Ask, now = new Date()): Promise<'stored' | 'duplicate'> {
  const existing = await find(locker, INBOX, ask.id);
  if (existing !== undefined) {
    // Ids are chosen by requesters: one contact must not touch another's request.
    if (existing.peer !== peer) throw new KithError('AlreadyExists', 'A request with this id already exists.');
    return 'duplicate';
  }
  const pending = (await listInbox(locker)).filter((item) => item.peer === peer && item.status === 'pending');
  if (pending.length >= MAX_PENDING_PER_PEER) throw new KithError('RateLimited', 'Too many of your requests are waiting for an answer.');
  const item: StoredRequest = { ...ask, peer, status: 'pending', created: now.toISOString() };
  await locker.commit(signer, {
    items: [inboxChange(item)],
    audit: [{ kind: 'request.received', details: { request: ask.id, from: peer, types: ask.types, purpose: ask.purpose } }],
  });
  return 'stored';
}

/** The requester keeps what it asked (after the owner confirmed receipt). */
export async function recordSent(locker: Locker, signer: Signer, peer: string, ask: Ask, now = new Date()): Promise<StoredRequest> {
  const item = parseWith(storedRequestSchema, { ...ask, peer, status: 'pending', created: now.toISOString() }, 'The request');
  await locker.commit(signer, {
    items: [{ collection: REQUESTS, id: item.id, value: item }],
    audit: [{ kind: 'request.sent', details: { request: item.id, to: peer, types: item.types, purpose: item.purpose } }],
  });
  return item;
}

/**
 * The requester takes the owner's answer. Only the peer that was asked may answer, and
 * only once: a repeat (the outbox retrying after a lost acknowledgement) changes nothing.
 * Returns false for a request this node never sent (e.g. restored from an older backup).
 */
export async function receiveAnswer(locker: Locker, signer: Signer, peer: string, answer: Answer, now = new Date()): Promise<boolean> {
  const sent = await find(locker, REQUESTS, answer.id);
  if (sent === undefined) return false;
  if (sent.peer !== peer) throw new KithError('NotTrusted', 'Only the contact asked may answer a request.');
  if (sent.status !== 'pending') return true;
  if (answer.status === 'approved' && answer.grant === undefined) throw new KithError('InvalidInput', 'An approval names its grant.');
  const answered: StoredRequest = {
    ...sent,
    status: answer.status,
    answered: now.toISOString(),
    ...(answer.grant === undefined ? {} : { grant: answer.grant }),
    ...(answer.records === undefined ? {} : { records: answer.records }),
    ...(answer.reason === undefined || answer.reason === '' ? {} : { reason: answer.reason }),
  };
  await locker.commit(signer, {
    items: [{ collection: REQUESTS, id: sent.id, value: parseWith(storedRequestSchema, answered, 'The answer') }],
    audit: [{ kind: 'request.answered', details: { request: sent.id, from: peer, status: answer.status, ...(answer.grant === undefined ? {} : { grant: answer.grant }) } }],
  });
  return true;
}

/** The outbox item that carries an answer to the requester (commit it with the decision). */
export function answerChange(item: StoredRequest, answer: Omit<Answer, 'id'>, now = new Date()): ItemChange {
  return queueChange(item.peer, `request:${item.id}`, 'answer', { type: 'answer', id: item.id, ...answer }, now);
}

function assertPending(item: StoredRequest): void {
  if (item.status !== 'pending') throw new KithError('InvalidInput', `Request ${item.id} was already ${item.status} on ${item.answered ?? 'an earlier date'}.`);
}

/** The inbox item, approved under `grant` releasing `records`, and its answer: commit them with the grant. */
export function approvalChanges(item: StoredRequest, grant: string, records: readonly string[], now = new Date()): ItemChange[] {
  assertPending(item);
  const approved: StoredRequest = { ...item, status: 'approved', answered: now.toISOString(), grant, records: [...records] };
  return [inboxChange(approved), answerChange(item, { status: 'approved', grant, records: [...records] }, now)];
}

/** The owner says no; the requester is told (through the outbox), with the reason if given. */
export async function denyRequest(locker: Locker, signer: Signer, id: string, reason?: string, now = new Date()): Promise<StoredRequest> {
  const item = await getInboxItem(locker, id);
  assertPending(item);
  const text = reason?.trim();
  const denied: StoredRequest = { ...item, status: 'denied', answered: now.toISOString(), ...(text === undefined || text === '' ? {} : { reason: text }) };
  await locker.commit(signer, {
    items: [inboxChange(denied), answerChange(item, { status: 'denied', ...(denied.reason === undefined ? {} : { reason: denied.reason }) }, now)],
    audit: [{ kind: 'request.denied', details: { request: id, from: item.peer } }],
  });
  return denied;
}
