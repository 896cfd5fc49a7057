// Two people, each their own daemon process: Ben asks Ana for data; Ana sees it in her
// inbox and approves part of it, and exactly that part reaches Ben through the ordinary
// grant and delivery path; a denial reaches Ben even though he was offline when Ana
// decided. A stranger's request, a malformed one and an oversized one are refused, and
// Ana's node stays up.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OwnerKey } from '../../src/identity/identity.ts';
import { createKithNode } from '../../src/net/node.ts';
import { REQUEST_PROTOCOL } from '../../src/net/protocols/request/request-protocol.ts';
import { type Daemon, connect, eventually, startDaemon } from './daemons.ts';

interface RequestView {
  id: string;
  status: string;
  purpose: string;
  retentionDays?: number;
  grant?: string;
  records?: string[];
  reason?: string;
  available?: { id: string; type: string }[];
}
interface Shared {
  from: { did: string };
  record: { id: string; type: string };
  grant: { id: string; purpose: string; terms: string[] };
}



const list = async (d: Daemon, command: 'inbox' | 'requests') => (await d.kith([command, '--json'])).json<RequestView[]>();
const idOf = async (d: Daemon, type: string, data: string) => (await d.kith(['data', 'set', type, data, '--json'])).json<{ id: string }>().id;

test('ask, see it in the inbox, approve part, deny while offline; strangers and junk are refused', async (t) => {
  const [ana, ben] = await Promise.all([startDaemon(t), startDaemon(t)]);
  const work = await idOf(ana, 'email', '{"address":"ana@work.example","label":"work"}');
  await idOf(ana, 'email', '{"address":"ana@home.example","label":"home"}');
  const home = await idOf(ana, 'address', '{"streetAddress":"Rua Augusta 1","addressLocality":"Lisboa","postalCode":"1100-053","addressCountry":"PT"}');
  await connect(ana, ben);

  // Ben asks; Ana sees what was asked, why, for how long, and which of her records match.
  const asked = await ben.kith(['request', ana.peerId, 'email', 'address', '--purpose', 'Delivering your order', '--retention', '30', '--json']);
  assert.equal(asked.code, 0, asked.stderr);
  const request = asked.json<RequestView>();
  assert.equal(request.status, 'pending');
  const [received] = await list(ana, 'inbox');
  assert.equal(received?.id, request.id);
  assert.equal(received?.purpose, 'Delivering your order');
  assert.equal(received?.retentionDays, 30);
  assert.equal(received?.available?.length, 3);
  assert.match((await ana.kith(['inbox'])).stdout, /Delivering your order/);

  // Ana approves only her work email and her address: exactly those reach Ben, under a grant with the request's purpose and retention.
  const approved = await ana.kith(['approve', request.id, work, home, '--json']);
  assert.equal(approved.code, 0, approved.stderr);
  const grant = approved.json<RequestView>().grant;
  assert.ok(grant !== undefined);
  const shared = await eventually(async () => (await ben.kith(['shared', '--json'])).json<Shared[]>(), (s) => s.length >= 2, 'the approved records');
  await new Promise((resolve) => setTimeout(resolve, 1000)); // nothing more arrives
  const after = (await ben.kith(['shared', '--json'])).json<Shared[]>();
  assert.deepEqual(after.map((s) => s.record.id).sort(), [work, home].sort());
  for (const item of shared) {
    assert.equal(item.from.did, ana.did);
    assert.equal(item.grant.id, grant);
    assert.equal(item.grant.purpose, 'Delivering your order');
    assert.deepEqual(item.grant.terms, ['Delete it after 30 days.']);
  }
  const [answered] = await eventually(() => list(ben, 'requests'), (r) => r[0]?.status === 'approved', 'the approval at Ben');
  assert.equal(answered?.grant, grant);
  assert.deepEqual(answered?.records?.sort(), [work, home].sort());
  assert.equal((await ana.kith(['approve', request.id])).code, 1, 'a request is answered once');

  // Ben asks again and goes offline; Ana denies; the answer waits in her outbox until he is back.
  const second = (await ben.kith(['request', ana.peerId, 'phone', '--purpose', 'Calling about delivery', '--json'])).json<RequestView>();
  await ben.kill();
  const denied = await ana.kith(['deny', second.id, '--reason', 'Email is enough', '--json']);
  assert.equal(denied.code, 0, denied.stderr);
  await ben.restart();
  const afterDeny = await eventually(() => list(ben, 'requests'), (r) => r.find((x) => x.id === second.id)?.status === 'denied', 'the denial at Ben');
  assert.equal(afterDeny.find((x) => x.id === second.id)?.reason, 'Email is enough');

  // A stranger, a malformed request and an oversized one are refused; Ana stays up.
  const stranger = await createKithNode({ owner: OwnerKey.generate(), listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false, useRelays: false, inboundConnectionThreshold: 1000 });
  t.after(() => stranger.stop());
  const target = ana.addresses.find((a) => a.startsWith('/ip4/127.0.0.1/')) ?? '';
  const ask = { type: 'ask', id: 'r0123456789abcdef', types: ['email'], purpose: 'Marketing' };
  await assert.rejects(stranger.request(target, REQUEST_PROTOCOL, ask), { code: 'NotTrusted' });
  await assert.rejects(stranger.request(target, REQUEST_PROTOCOL, { ...ask, types: ['passport'], admin: true }), { code: 'InvalidInput' });
  await assert.rejects(stranger.request(target, REQUEST_PROTOCOL, { ...ask, purpose: 'x'.repeat(200_000) }, { maxRequestBytes: 1024 * 1024 }));
  assert.equal((await ana.kith(['status', '--json'])).json<{ running: boolean }>().running, true);
  assert.deepEqual((await list(ana, 'inbox')).map((r) => r.id).sort(), [request.id, second.id].sort());

  assert.equal((await ana.kith(['log', '--verify', '--json'])).json()['ok'], true);

  // The owner is unreachable: the requester is told plainly, and nothing is recorded as sent.
  await ana.kill();
  const unreachable = await ben.kith(['request', ana.peerId, 'email', '--purpose', 'Newsletter', '--json']);
  assert.equal(unreachable.code, 1);
  const error = (JSON.parse(unreachable.stderr) as { error: { code: string; message: string } }).error;
  assert.ok(['Unreachable', 'Timeout'].includes(error.code), unreachable.stderr);
  assert.match(error.message, /could not be reached, so the request was not sent/);
  assert.equal((await list(ben, 'requests')).length, 2);
  assert.equal((await ben.kith(['log', '--verify', '--json'])).json()['ok'], true);
});
