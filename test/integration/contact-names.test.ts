// A person's shared name follows them: Ben changes his name record, and after he
// reconnects Ana's contact for him has the new name (one contact.named entry), until Ana
// renames him; Cleo, whom Ben invited with --hide-name, is never told it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually, startDaemon, type Daemon } from './daemons.ts';

interface ContactRow { peerId: string; petname: string }
interface Entry { kind: string; details: Record<string, unknown> }

const nameOf = async (owner: Daemon, peer: Daemon): Promise<string | undefined> =>
  (await owner.kith(['contacts', '--json'])).json<ContactRow[]>().find((c) => c.peerId === peer.peerId)?.petname;
const namedEntries = async (owner: Daemon, peer: Daemon): Promise<Entry[]> =>
  (await owner.kith(['log', '--json'])).json<Entry[]>().filter((e) => e.kind === 'contact.named' && e.details['peerId'] === peer.peerId);

test("a person's shared name follows their name record after a reconnect, until the owner renames them; a hidden name is never told", async (t) => {
  const [ana, ben, cleo] = await Promise.all([startDaemon(t), startDaemon(t), startDaemon(t)]);
  const record = (await ben.kith(['data', 'set', 'name', '{"full":"Ben Costa"}', '--json'])).json<{ id: string }>().id;
  await cleo.kith(['data', 'set', 'name', '{"full":"Cleo Reis"}']);
  const cleoRecord = (await cleo.kith(['data', 'list', '--json'])).json<{ id: string }[]>()[0]?.id ?? '';

  const invite = (await ana.kith(['invite', '--json'])).json<{ code: string }>().code;
  assert.equal((await ben.kith(['accept', invite])).code, 0);
  assert.equal(await nameOf(ana, ben), 'Ben Costa', 'the invite told his name');
  const hidden = (await ben.kith(['invite', '--hide-name', '--json'])).json<{ code: string }>().code;
  assert.equal((await cleo.kith(['accept', hidden])).code, 0);
  const generated = await nameOf(cleo, ben);
  assert.match(generated ?? '', /^Contact /, 'Ben hid his name from Cleo');

  // Ben changes his name record (and Cleo hers, so we know when Ben and Cleo have spoken).
  assert.equal((await ben.kith(['data', 'update', record, '{"full":"Ben C. Costa"}'])).code, 0);
  assert.equal((await cleo.kith(['data', 'update', cleoRecord, '{"full":"Cleo R. Reis"}'])).code, 0);
  assert.equal(await nameOf(ana, ben), 'Ben Costa', 'nothing changes before they reconnect');
  await ben.restart();
  await eventually(() => nameOf(ana, ben), (name) => name === 'Ben C. Costa', "Ben's new name at Ana's");
  await eventually(() => nameOf(ben, cleo), (name) => name === 'Cleo R. Reis', "Cleo's new name at Ben's");
  assert.deepEqual((await namedEntries(ana, ben)).map((e) => e.details['selfName']), ['Ben C. Costa'], 'one contact.named entry, for the change');
  assert.equal(await nameOf(cleo, ben), generated, 'Cleo was not told');
  assert.deepEqual(await namedEntries(cleo, ben), []);

  // Another reconnect with the same name writes nothing.
  await ben.restart();
  await eventually(async () => (await ben.kith(['status', '--json'])).json<{ connectedContacts: { peerId: string }[] }>().connectedContacts, (c) => c.some((x) => x.peerId === ana.peerId), 'Ben back online with Ana');

  // Ana renames him: his next name is kept as what he says, but her name for him stays.
  assert.equal((await ana.kith(['contacts', 'rename', 'Ben C. Costa', 'Benny'])).code, 0);
  assert.equal((await ben.kith(['data', 'update', record, '{"full":"Benjamin Costa"}'])).code, 0);
  await ben.restart();
  const entries = await eventually(() => namedEntries(ana, ben), (e) => e.length === 2, 'Ana hearing his newest name');
  assert.deepEqual(entries.map((e) => e.details['selfName']).sort(), ['Ben C. Costa', 'Benjamin Costa']);
  assert.equal(await nameOf(ana, ben), 'Benny', "Ana's choice stays");
  for (const d of [ana, ben, cleo]) assert.equal((await d.kith(['log', '--verify', '--json'])).json()['ok'], true);
});
