// Found while writing the chaos network's invariants (test/chaos): two live grants give Ben the same record of
// Ana's. Ben keeps one copy per record, filed under the grant it first came with (the
// second grant's delivery of the same version is "already here"). Revoking the first grant
// made Ben delete that copy although the second grant still lets him hold it, and nothing
// sent it again until Ana next edited the record. Now Ana's revocation re-sends the current
// version under the grant that is still live, after the notice: Ben deletes, then has it back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bridgeClient, connect, eventually, startDaemon } from './daemons.ts';

test('revoking one of two grants of a record to the same holder leaves the holder the record under the other', async (t) => {
  const [ana, ben] = await Promise.all([startDaemon(t), startDaemon(t)]);
  await ben.kith(['data', 'set', 'name', '{"full":"Ben"}']);
  await connect(ana, ben);
  const [anaApi, benApi] = await Promise.all([bridgeClient(ana), bridgeClient(ben)]);
  const email = await anaApi.call('data.set', { type: 'email', data: { address: 'ana@example.org' } });
  const first = await anaApi.call('grants.create', { to: 'Ben', records: [email.id], purpose: 'Newsletter' });
  await eventually(() => benApi.call('shared.list', {}), (s) => s[0]?.grant.id === first.id, 'the first grant delivered');
  const second = await anaApi.call('grants.create', { to: 'Ben', records: [email.id], purpose: 'Invitations' });
  await eventually(() => anaApi.call('grants.list', {}), (g) => g.every((x) => x.holders[0]?.upToDate === true), 'both grants delivered');

  await anaApi.call('grants.revoke', { grant: first.id });
  await eventually(() => anaApi.call('grants.list', {}), (g) => g.find((x) => x.id === first.id)?.holders[0]?.deleted === true, 'the deletion receipt for the first grant');
  const kept = await eventually(
    () => benApi.call('shared.list', {}),
    (s) => s[0]?.revoked === undefined && s[0]?.grant.id === second.id,
    'the record back at Ben under the live grant',
  );
  assert.equal(kept.length, 1);
  assert.equal(kept[0]?.record.version, 1);
  assert.deepEqual(kept[0]?.record.data, { address: 'ana@example.org' });

  // Revoking the second as well leaves nothing: no live grant re-sends it.
  await anaApi.call('grants.revoke', { grant: second.id });
  await eventually(() => benApi.call('shared.list', {}), (s) => s[0]?.revoked !== undefined && s[0]?.record.data === null, 'the deletion under the second grant');
  for (const api of [anaApi, benApi]) assert.equal((await api.call('log.verify', {})).ok, true);
});
