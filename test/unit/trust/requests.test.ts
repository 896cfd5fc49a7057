import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { chooseRecords } from '../../../src/app/services/requests-service.ts';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { requestMessageSchema } from '../../../src/net/protocols/request/request-protocol.ts';
import { openLocker } from '../../../src/store/locker.ts';
import { pending } from '../../../src/trust/outbox.ts';
import {
  MAX_PENDING_PER_PEER,
  approvalChanges,
  denyRequest,
  getInboxItem,
  listInbox,
  listSent,
  newRequestId,
  receiveAnswer,
  receiveAsk,
  recordSent,
  type Ask,
} from '../../../src/trust/requests.ts';

async function lockerFor(t: TestContext, owner: OwnerKey) {
  const dir = await mkdtemp(join(tmpdir(), 'kith-requests-'));
  const locker = await openLocker(dir, owner);
  t.after(async () => {
    await locker.close();
    await rm(dir, { recursive: true, force: true });
  });
  return locker;
}

const ask = (over: Partial<Ask> = {}): Ask => ({ id: newRequestId(), types: ['email', 'address'], purpose: 'Delivering your order', retentionDays: 30, ...over });

test('the wire schema refuses what is malformed, unknown or oversized', () => {
  const good = { type: 'ask', ...ask() };
  assert.ok(requestMessageSchema.safeParse(good).success);
  const bad: unknown[] = [
    { ...good, id: 'r1' },
    { ...good, types: [] },
    { ...good, types: ['email', 'email'] },
    { ...good, types: ['passport'] },
    { ...good, purpose: ' ' },
    { ...good, purpose: 'x'.repeat(501) },
    { ...good, retentionDays: 0 },
    { ...good, retentionDays: 1.5 },
    { ...good, fields: ['ok', 'not a field'] },
    { ...good, admin: true },
    { type: 'answer', id: good.id, status: 'maybe' },
    { type: 'answer', id: good.id, status: 'approved', records: Array.from({ length: 201 }, (_, i) => `rec${String(i).padStart(6, '0')}`) },
    { type: 'other' },
  ];
  for (const message of bad) assert.equal(requestMessageSchema.safeParse(message).success, false, JSON.stringify(message).slice(0, 80));
});

test('the owner keeps an ask once, per requester, and bounds what each contact may leave pending', async (t) => {
  const owner = OwnerKey.generate();
  const locker = await lockerFor(t, owner);
  const ben = OwnerKey.generate().peerIdString;
  const cy = OwnerKey.generate().peerIdString;
  const first = ask();
  assert.equal(await receiveAsk(locker, owner, ben, first), 'stored');
  assert.equal(await receiveAsk(locker, owner, ben, first), 'duplicate', 'a retry changes nothing');
  await assert.rejects(receiveAsk(locker, owner, cy, { ...first, purpose: 'Hijack' }), { code: 'AlreadyExists' });
  assert.equal((await getInboxItem(locker, first.id)).purpose, 'Delivering your order');
  for (let i = 1; i < MAX_PENDING_PER_PEER; i++) await receiveAsk(locker, owner, ben, ask());
  await assert.rejects(receiveAsk(locker, owner, ben, ask()), { code: 'RateLimited' });
  assert.equal(await receiveAsk(locker, owner, cy, ask()), 'stored', 'another contact is not affected');
  await assert.rejects(getInboxItem(locker, 'nope'), { code: 'NotFound' });
});

test('denying answers through the outbox, once', async (t) => {
  const owner = OwnerKey.generate();
  const locker = await lockerFor(t, owner);
  const ben = OwnerKey.generate().peerIdString;
  const asked = ask();
  await receiveAsk(locker, owner, ben, asked);
  const denied = await denyRequest(locker, owner, asked.id, ' Not now ');
  assert.equal(denied.status, 'denied');
  assert.equal(denied.reason, 'Not now');
  const [queued] = await pending(locker, ben);
  assert.equal(queued?.kind, 'answer');
  assert.equal(queued?.subject, `request:${asked.id}`);
  assert.deepEqual(queued?.message, { type: 'answer', id: asked.id, status: 'denied', reason: 'Not now' });
  assert.ok(requestMessageSchema.safeParse(queued?.message).success, 'what is queued is what the wire accepts');
  await assert.rejects(denyRequest(locker, owner, asked.id), /already denied/);
  assert.throws(() => approvalChanges(denied, 'g0123456789abcdef', []), /already denied/);
  const entries = await locker.audit.entries();
  assert.deepEqual(entries.map((e) => e.kind), ['request.received', 'request.denied']);
});

test('the requester takes an answer only from the contact asked, once', async (t) => {
  const requester = OwnerKey.generate();
  const locker = await lockerFor(t, requester);
  const ana = OwnerKey.generate().peerIdString;
  const eve = OwnerKey.generate().peerIdString;
  const asked = ask();
  await recordSent(locker, requester, ana, asked);
  assert.equal((await listSent(locker))[0]?.status, 'pending');
  const approval = { id: asked.id, status: 'approved' as const, grant: 'g0123456789abcdef', records: ['email0000001'] };
  await assert.rejects(receiveAnswer(locker, requester, eve, approval), { code: 'NotTrusted' });
  await assert.rejects(receiveAnswer(locker, requester, ana, { id: asked.id, status: 'approved' }), { code: 'InvalidInput' });
  assert.equal(await receiveAnswer(locker, requester, ana, approval), true);
  assert.equal(await receiveAnswer(locker, requester, ana, { id: asked.id, status: 'denied' }), true, 'a later answer is acknowledged but ignored');
  const [sent] = await listSent(locker);
  assert.equal(sent?.status, 'approved');
  assert.equal(sent?.grant, 'g0123456789abcdef');
  assert.deepEqual(sent?.records, ['email0000001']);
  assert.equal(await receiveAnswer(locker, requester, ana, { ...approval, id: newRequestId() }), false, 'an unknown request is not ours');
  assert.equal((await listInbox(locker)).length, 0);
});

test('approval releases the records of the types asked for, a chosen subset, and only the fields asked for', async (t) => {
  const owner = OwnerKey.generate();
  const locker = await lockerFor(t, owner);
  const version = (id: string, type: string) => ({ id, type, version: 1, credential: { id } });
  await locker.commit(owner, { records: [version('email0000001', 'email'), version('email0000002', 'email'), version('addr00000001', 'address'), version('phone0000001', 'phone')], audit: [] });
  const base = { peer: 'p', status: 'pending' as const, created: new Date().toISOString() };
  const item = { ...base, ...ask({ types: ['email', 'address'] }) };
  assert.deepEqual((await chooseRecords(locker, item)).map((r) => r.id).sort(), ['addr00000001', 'email0000001', 'email0000002']);
  assert.deepEqual(await chooseRecords(locker, item, ['email0000002', 'email0000002']), [{ id: 'email0000002' }]);
  await assert.rejects(chooseRecords(locker, item, ['phone0000001']), { code: 'InvalidInput' });
  const narrow = { ...base, ...ask({ types: ['email', 'address'], fields: ['addressLocality', 'addressCountry'] }) };
  assert.deepEqual(await chooseRecords(locker, narrow), [{ id: 'addr00000001', fields: ['addressLocality', 'addressCountry'] }], 'an email has none of those fields');
  assert.deepEqual(await chooseRecords(locker, narrow, undefined, ['addressCountry']), [{ id: 'addr00000001', fields: ['addressCountry'] }]);
  await assert.rejects(chooseRecords(locker, narrow, undefined, ['streetAddress']), /did not ask for streetAddress/);
  await assert.rejects(chooseRecords(locker, { ...base, ...ask({ types: ['birthdate'] }) }), /no birthdate records/);
});
