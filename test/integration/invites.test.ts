import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startDaemon } from './daemons.ts';

test('an invite makes two people each other\'s contacts; it cannot be reused, forged or used by the blocked', async (t) => {
  const [ana, ben, eve] = await Promise.all([startDaemon(t), startDaemon(t), startDaemon(t)]);
  await ana.kith(['data', 'set', 'name', '{"full":"Ana Lima"}']);
  await ben.kith(['data', 'set', 'name', '{"full":"Ben Costa"}']);

  const invite = await ana.kith(['invite', '--json']);
  assert.equal(invite.code, 0, invite.stderr);
  const { code, link } = invite.json<{ code: string; link: string }>();
  assert.ok(link.endsWith(code));

  const accepted = await ben.kith(['accept', link, '--json']);
  assert.equal(accepted.code, 0, accepted.stderr);
  assert.deepEqual([accepted.json()['petname'], accepted.json()['did']], ['Ana Lima', ana.did]);
  const anasContacts = (await ana.kith(['contacts', '--json'])).json<{ petname: string; did: string }[]>();
  assert.deepEqual(anasContacts.map((c) => [c.petname, c.did]), [['Ben Costa', ben.did]]);

  // Single use: Eve, who saw the code over Ben's shoulder, is refused with the reason.
  const reused = await eve.kith(['accept', code]);
  assert.equal(reused.code, 1);
  assert.match(reused.stderr, /refused this invite: it was already used/);
  assert.deepEqual((await eve.kith(['contacts', '--json'])).json(), []);

  // A code whose addresses were changed no longer carries Ana's signature.
  const second = (await ana.kith(['invite', '--json'])).json<{ code: string }>().code;
  const payload = JSON.parse(Buffer.from(second.slice(5), 'base64url').toString());
  const forged = 'kith1' + Buffer.from(JSON.stringify({ ...payload, addrs: eve.addresses })).toString('base64url');
  const forgedRun = await eve.kith(['accept', forged]);
  assert.equal(forgedRun.code, 1);
  assert.match(forgedRun.stderr, /not genuine/);

  // Ana blocks Eve: Eve cannot even redeem a fresh, valid invite.
  assert.equal((await ana.kith(['block', eve.did])).code, 0);
  const blocked = await eve.kith(['accept', second]);
  assert.equal(blocked.code, 1);
  assert.deepEqual((await ana.kith(['contacts', '--json'])).json<unknown[]>().length, 1);

  // Multi-use invites (e.g. a vendor's): two people redeem the same code.
  const multi = (await ben.kith(['invite', '--uses', '2', '--json'])).json<{ code: string; uses: number }>();
  assert.equal(multi.uses, 2);
  assert.equal((await eve.kith(['accept', multi.code])).code, 0);
  const status = (await ben.kith(['status', '--json'])).json<{ running: boolean; peerId: string; connectedContacts: { peerId: string; via: string }[] }>();
  assert.equal(status.running, true);
  assert.equal(status.peerId, ben.peerId);
  // Over loopback TCP, no relay: each contact online is connected directly.
  assert.ok(status.connectedContacts.some((c) => c.peerId === eve.peerId));
  for (const contact of status.connectedContacts) assert.deepEqual([contact.via, 'relay' in contact], ['direct', false], contact.peerId);
});

test('commands that need the network say so when the node is not running', async (t) => {
  const { initHome, runKith } = await import('../cli/run-kith.ts');
  const { home } = await initHome(t);
  const run = await runKith(home, ['invite']);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /not online.*kith start/);
  assert.match((await runKith(home, ['status'])).stdout, /not running/);
});
