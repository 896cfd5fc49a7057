// Social recovery across separate processes on loopback: an owner with five friends sets
// up 3 of 5 and loses its device; a new, empty device starts a recovery; two approvals do
// not recover it (and a second approval from the same friend is refused); the third does,
// and the new device is the same identity — DID and PeerId — with the approving friends
// as contacts and the approvals in its audit trail, as in each friend's.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Client } from '../../src/api/client.ts';
import { bridgeClient, eventually, startDaemon, type Daemon } from './daemons.ts';

interface Entry { kind: string; details: Record<string, unknown> }

async function befriend(owner: Client, friend: Client): Promise<void> {
  const { code } = await owner.call('invites.create', {});
  await friend.call('invites.accept', { code });
}

test('3 of 5 friends recover an identity on a new device; 2 do not', async (t) => {
  const started = Date.now();
  const mark = (what: string) => t.diagnostic(`${what}: ${Date.now() - started} ms`);
  const [owner, ...friends] = await Promise.all([startDaemon(t), ...Array.from({ length: 5 }, () => startDaemon(t))]);
  const fresh = startDaemon(t, [], { empty: true }); // the new device, started meanwhile
  const ownerApi = await bridgeClient(owner);
  const friendApis = await Promise.all(friends.map((f) => bridgeClient(f)));
  await Promise.all(friendApis.map((api, i) => api.call('data.set', { type: 'name', data: { full: `Friend ${i}` } })));
  mark('daemons up');
  for (const api of friendApis) await befriend(ownerApi, api);
  mark('contacts made');

  const setup = await owner.kith(['recovery', 'setup', '--friends', friends.map((f) => f.did).join(','), '--threshold', '3', '--json']);
  assert.equal(setup.code, 0, setup.stderr);
  assert.equal(setup.json<{ setup: { threshold: number } }>().setup.threshold, 3);
  await eventually(() => ownerApi.call('recovery.status', {}), (s) => s.setup?.friends.every((f) => f.holds) === true, 'every friend confirming its share');
  mark('shares confirmed');
  const held = await friendApis[0]!.call('recovery.held', {});
  assert.equal(held.length, 1);
  assert.equal(held[0]!.owner.did, owner.did);
  assert.equal(held[0]!.threshold, 3);

  // A backup made before the device is lost: a record the recovered device gets back.
  const bundle = join(owner.home, 'backup.kith');
  const kept = await ownerApi.call('data.set', { type: 'email', data: { address: 'owner@example.org' } });
  await ownerApi.call('bundle.export', { path: bundle });
  // And a record made after it, shared with two friends: it comes back from them.
  const phone = await ownerApi.call('data.set', { type: 'phone', data: { number: '+351 912 345 678' } });
  await ownerApi.call('grants.create', { to: friends[0]!.did, records: [phone.id], purpose: 'to call me' });
  await ownerApi.call('grants.create', { to: friends[4]!.did, records: [phone.id], purpose: 'to call me' });
  await eventually(() => Promise.all([friendApis[0]!, friendApis[4]!].map((api) => api.call('shared.list', {}))), (lists) => lists.every((l) => l.length === 1), 'the phone number at both friends');

  // The owner's device is gone. A new one, in an empty folder, waits for approvals.
  await owner.kill();
  const device = await fresh;
  mark('device up');
  const begun = await device.kith(['recovery', 'start', '--json']);
  assert.equal(begun.code, 0, begun.stderr);
  const { code, state } = begun.json<{ code: string; state: string }>();
  assert.equal(state, 'waiting');
  assert.match(code, /^kithr1/);

  // The CLI for the first approval, the same contract method over the bridge for the next ones.
  const first = await friends[0]!.kith(['recovery', 'approve', code, '--json']);
  assert.equal(first.code, 0, first.stderr);
  assert.deepEqual(first.json(), { owner: { peerId: owner.peerId, did: owner.did, petname: first.json<{ owner: { petname: string } }>().owner.petname }, status: 'accepted', approvals: 1, threshold: 3 });
  const second = await friendApis[1]!.call('recovery.approve', { code });
  assert.deepEqual([second.status, second.approvals, second.threshold], ['accepted', 2, 3]);
  await assert.rejects(friendApis[1]!.call('recovery.approve', { code }), { code: 'AlreadyExists' }, 'a second approval from one friend is refused');
  const deviceApi = await bridgeClient(device);
  const waiting = await deviceApi.call('recovery.session', {});
  assert.equal(waiting.state, 'waiting');
  assert.equal(waiting.approvals.length, 2);
  assert.equal(waiting.threshold, 3);
  assert.equal(waiting.refused, 1);
  assert.equal((await deviceApi.call('identity.status', {})).initialized, false, 'two approvals recover nothing');
  const shown = await device.kith(['recovery', 'status']);
  assert.match(shown.stdout, /Waiting for approvals: 2 of 3/, shown.stderr);
  mark('two approvals');
  assert.equal((await friendApis[4]!.call('recovery.approve', { code })).status, 'recovered');
  const whoami = await device.kith(['whoami', '--json']);
  assert.equal(whoami.code, 0, whoami.stderr);
  assert.equal(whoami.json<{ did: string }>().did, owner.did);
  assert.equal(whoami.json<{ peerId: string }>().peerId, owner.peerId);

  mark('recovered');
  const contacts = await deviceApi.call('contacts.list', {});
  assert.deepEqual(contacts.map((c) => c.peerId).sort(), [friends[0]!, friends[1]!, friends[4]!].map((f) => f.peerId).sort(), 'the approving friends are contacts again');
  assert.deepEqual(contacts.map((c) => c.petname).sort(), ['Friend 0', 'Friend 1', 'Friend 4']);
  const trail = await deviceApi.call('log.list', {});
  assert.deepEqual(trail.map((e) => e.kind), ['recovery.approval-received', 'recovery.approval-received', 'recovery.approval-received', 'recovery.completed']);
  assert.equal((await deviceApi.call('log.verify', {})).ok, true);
  const friendTrail: Entry[] = await friendApis[4]!.call('log.list', {});
  assert.ok(friendTrail.some((e) => e.kind === 'recovery.approved' && e.details['owner'] === owner.peerId), 'the friend’s trail has its approval');
  // The bundle comes back on top of what the recovery wrote, which is kept after it.
  const imported = await device.kith(['import', bundle]);
  assert.equal(imported.code, 0, imported.stderr);
  assert.deepEqual((await deviceApi.call('data.list', {})).map((r) => r.id), [kept.id]);
  assert.equal((await deviceApi.call('contacts.list', {})).length, 3, 'the friends stay contacts');
  const restored = (await deviceApi.call('log.list', { limit: 1000 })).map((e) => e.kind);
  assert.ok(restored.indexOf('record.created') >= 0 && restored.indexOf('record.created') < restored.indexOf('bundle.imported'), 'the old trail first, verbatim, then the import');
  assert.deepEqual(restored.slice(-4), ['recovery.approval-received', 'recovery.approval-received', 'recovery.approval-received', 'recovery.completed']);
  assert.equal((await deviceApi.call('log.verify', {})).ok, true);
  await eventually(async () => (await deviceApi.call('node.status', {})).peerId, (peerId) => peerId === owner.peerId, 'the device online as the owner');
  // What the friends hold comes back, checked; the copy from the second friend is the same record.
  const recall = await device.kith(['recovery', 'recall', '--json']);
  assert.equal(recall.code, 0, recall.stderr);
  assert.equal(recall.json<{ records: number }>().records, 1);
  const back = await deviceApi.call('data.list', { type: 'phone' });
  assert.deepEqual(back.map((r) => [r.id, r.data]), [[phone.id, { number: '+351 912 345 678' }]]);
  assert.equal((await deviceApi.call('log.verify', {})).ok, true);
  t.diagnostic(`recovery test took ${Date.now() - started} ms`);
  // Stopped here rather than only by the cleanup hooks, which remove the data folders too:
  // a node still writing into a folder being removed can make the removal fail.
  await Promise.all([device, ...friends].map((d) => d.kill()));
});

export type { Daemon };
