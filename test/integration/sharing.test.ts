// Three people on one machine, each their own daemon process: grant to a circle, change
// once and everyone is updated, an offline holder catches up after a restart, revoke and
// get deletion receipts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Daemon, connect, eventually, startDaemon } from './daemons.ts';


interface Shared {
  from: { did: string };
  record: { id: string; version: number; data: Record<string, unknown> | null };
  grant: { purpose: string; terms: string[] };
  revoked?: string;
}


const sharedWith = async (d: Daemon) => (await d.kith(['shared', '--json'])).json<Shared[]>();

test('grant to a circle, update once for everyone, catch up after being offline, revoke with receipts', async (t) => {
  const [ana, ben, cy] = await Promise.all([startDaemon(t), startDaemon(t), startDaemon(t)]);
  await Promise.all([ben.kith(['data', 'set', 'name', '{"full":"Ben"}']), cy.kith(['data', 'set', 'name', '{"full":"Cy"}'])]);
  const address = (
    await ana.kith(['data', 'set', 'address', '{"streetAddress":"Rua Augusta 1","addressLocality":"Lisboa","postalCode":"1100-053","addressCountry":"PT"}', '--json'])
  ).json<{ id: string }>().id;
  await connect(ana, ben);
  await connect(ana, cy);
  assert.equal((await ana.kith(['circle', 'create', 'Family'])).code, 0);
  await ana.kith(['circle', 'add', 'Family', 'Ben']);
  await ana.kith(['circle', 'add', 'Family', 'Cy']);

  const granted = await ana.kith(['grant', 'Family', address, '--purpose', 'Birthday cards', '--terms', 'no-onward-sharing,delete-on-revocation', '--fields', 'addressLocality,addressCountry', '--json']);
  assert.equal(granted.code, 0, granted.stderr);
  const grantId = granted.json<{ id: string }>().id;
  for (const holder of [ben, cy]) {
    const [item] = await eventually(() => sharedWith(holder), (s) => s.length === 1, 'the first delivery');
    assert.equal(item?.from.did, ana.did);
    assert.deepEqual(item?.record.data, { addressLocality: 'Lisboa', addressCountry: 'PT' }, 'only the granted fields');
    assert.equal(item?.grant.purpose, 'Birthday cards');
  }

  // Change once, updated everywhere.
  await ana.kith(['data', 'update', address, '{"streetAddress":"Rua do Ouro 9","addressLocality":"Porto","addressCountry":"PT"}']);
  for (const holder of [ben, cy]) await eventually(() => sharedWith(holder), (s) => s[0]?.record.version === 2, 'version 2');

  // Cy goes offline; the next change waits for her in Ana's outbox and arrives after she restarts.
  await cy.kill();
  await ana.kith(['data', 'update', address, '{"streetAddress":"Avenida 5","addressLocality":"Faro","addressCountry":"PT"}']);
  await eventually(() => sharedWith(ben), (s) => s[0]?.record.version === 3, 'version 3 at Ben');
  const waiting = (await ana.kith(['grants', '--json'])).json<{ holders: { petname: string; upToDate: boolean }[] }[]>();
  assert.deepEqual(waiting[0]?.holders.map((h) => [h.petname, h.upToDate]), [['Ben', true], ['Cy', false]]);
  await cy.restart();
  const caughtUp = await eventually(() => sharedWith(cy), (s) => s[0]?.record.version === 3, 'Cy catching up');
  assert.deepEqual(caughtUp[0]?.record.data, { addressLocality: 'Faro', addressCountry: 'PT' });

  // Revoke: both are told, delete, and answer with signed deletion receipts.
  assert.equal((await ana.kith(['revoke', grantId])).code, 0);
  for (const holder of [ben, cy]) await eventually(() => sharedWith(holder), (s) => s[0]?.revoked !== undefined && s[0]?.record.data === null, 'deletion');
  const after = await eventually(
    async () => (await ana.kith(['grants', '--json'])).json<{ live: boolean; holders: { deleted: boolean }[] }[]>(),
    (g) => g[0]?.holders.every((h) => h.deleted) === true,
    'deletion receipts',
  );
  assert.equal(after[0]?.live, false);
  const receipts = (await ana.kith(['receipts', '--json'])).json<{ kind: string }[]>();
  assert.equal(receipts.filter((r) => r.kind === 'deletion').length, 2);
  assert.equal(receipts.filter((r) => r.kind === 'consent').length, 2);

  // Updates stop after revocation.
  await ana.kith(['data', 'update', address, '{"streetAddress":"Rua Nova","addressLocality":"Braga","addressCountry":"PT"}']);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.equal((await sharedWith(ben))[0]?.record.version, 3);
  for (const d of [ana, ben, cy]) assert.equal((await d.kith(['log', '--verify', '--json'])).json()['ok'], true);
});
