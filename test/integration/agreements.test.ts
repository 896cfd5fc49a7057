// A person and a vendor node, each its own daemon process: the vendor sets its policy; the
// person proffers terms — refused naming the clause when outside it, countersigned (two
// proofs, kept by both) when inside; no grant to a vendor without an agreement; data flows
// under one; ending it revokes its grants and the vendor returns deletion receipts.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { eventually, startDaemon } from './daemons.ts';

interface AgreementView {
  id: string;
  role: string;
  status: string;
  signers: string[];
  terms: string[];
  grants: string[];
  vendorTold?: boolean;
  credential: Record<string, unknown>;
}


test('agreements with a vendor: policy refusals, countersigning, the grant gate, and ending with deletion', async (t) => {
  const [ana, shop] = await Promise.all([startDaemon(t), startDaemon(t, ['--vendor'])]);
  // The shop's name record is not what customers see: its profile name is.
  await shop.kith(['data', 'set', 'name', '{"full":"Shop owner"}']);
  const policy = await shop.kith(['vendor', 'profile', '--name', 'Livraria', '--site', 'https://livraria.example', '--categories', 'books', '--accept', 'delivery-only,no-tracking,delete-on-revocation,delete-after-30d', '--json']);
  assert.equal(policy.code, 0, policy.stderr);
  const code = (await shop.kith(['invite', '--json'])).json<{ code: string }>().code;
  const accepted = await ana.kith(['accept', code, '--json']);
  assert.equal(accepted.code, 0, accepted.stderr);
  assert.equal(accepted.json<{ kind: string; petname: string }>().kind, 'vendor');
  const vendor = accepted.json<{ petname: string }>().petname;
  assert.equal(vendor, 'Livraria', "a vendor contact is called by its profile's name");

  const profile = await ana.kith(['vendor', 'show', vendor, '--json']);
  assert.equal(profile.code, 0, profile.stderr);
  assert.deepEqual(profile.json<{ name: string; did: string; policy: { minDeleteAfterDays: number } }>().name, 'Livraria');
  assert.equal(profile.json<{ policy: { minDeleteAfterDays: number } }>().policy.minDeleteAfterDays, 30);
  const withoutSite = await shop.kith(['vendor', 'profile', '--site', '', '--json']);
  assert.equal(withoutSite.code, 0, withoutSite.stderr);
  assert.equal(withoutSite.json<{ site?: string; name: string }>().site, undefined, "--site '' removes the site");
  assert.equal(withoutSite.json<{ name: string }>().name, 'Livraria', 'and keeps the rest');

  const address = (
    await ana.kith(['data', 'set', 'address', '{"streetAddress":"Rua Augusta 1","addressLocality":"Lisboa","postalCode":"1100-053","addressCountry":"PT"}', '--json'])
  ).json<{ id: string }>().id;

  // No agreement: no grant, and the message says why and what to do.
  const ungated = await ana.kith(['grant', vendor, address, '--purpose', 'Delivery of my order']);
  assert.equal(ungated.code, 1);
  assert.match(ungated.stderr, /no agreement with it: sharing with a vendor needs one/);
  assert.match(ungated.stderr, /kith agree/);

  // Terms outside the policy: refused, naming each clause.
  const refused = await ana.kith(['agree', vendor, '--purpose', 'Delivery of my order', '--terms', 'delivery-only,delete-after-7d', '--clause', 'Only on weekdays', '--json']);
  assert.equal(refused.code, 1);
  const refusal = refused.json<{ accepted: boolean; refused: { id: string; text: string }[] }>();
  assert.equal(refusal.accepted, false);
  assert.deepEqual(refusal.refused, [
    { id: 'delete-after', text: 'Delete it after 7 days.' },
    { id: 'custom', text: 'Only on weekdays' },
  ]);
  const human = await ana.kith(['agree', vendor, '--purpose', 'Delivery', '--terms', 'breach-notice-48h']);
  assert.match(human.stdout, /refused these terms under its policy:\n {2}breach-notice: Tell me within 48 hours of any breach\./);

  // Inside the policy: countersigned, two proofs, both sides keep the same credential.
  const agreed = await ana.kith(['agree', vendor, '--purpose', 'Delivery of my order', '--terms', 'delivery-only,delete-on-revocation,delete-after-60d', '--json']);
  assert.equal(agreed.code, 0, agreed.stderr);
  const agreement = agreed.json<{ accepted: true; agreement: AgreementView }>().agreement;
  assert.deepEqual(new Set(agreement.signers), new Set([ana.did, shop.did]));
  assert.equal((agreement.credential['proof'] as unknown[]).length, 2);
  const atShop = (await shop.kith(['agreements', '--json'])).json<AgreementView[]>();
  assert.equal(atShop.length, 1);
  assert.equal(atShop[0]?.id, agreement.id);
  assert.equal(atShop[0]?.role, 'vendor');
  assert.deepEqual(atShop[0]?.credential, agreement.credential);
  const file = join(ana.home, 'agreement.json');
  await writeFile(file, JSON.stringify(agreement.credential));
  const verified = (await ana.kith(['verify', file, '--json'])).json<{ valid: boolean; signers: string[] }>();
  assert.equal(verified.valid, true);
  assert.equal(verified.signers.length, 2);

  // With the agreement, the grant goes through on its purpose and terms, and the data arrives.
  const granted = await ana.kith(['grant', vendor, address, '--purpose', 'delivery of my order', '--terms', 'no-tracking', '--json']);
  assert.equal(granted.code, 0, granted.stderr);
  const grant = granted.json<{ id: string; purpose: string; terms: string[] }>();
  assert.equal(grant.purpose, 'Delivery of my order');
  assert.deepEqual(grant.terms, agreement.terms);
  const received = await eventually(
    async () => (await shop.kith(['shared', '--json'])).json<{ from: { did: string }; record: { data: { addressLocality?: string } | null } }[]>(),
    (s) => s.length === 1,
    'the delivery at the vendor',
  );
  assert.equal(received[0]?.from.did, ana.did);
  assert.equal(received[0]?.record.data?.addressLocality, 'Lisboa');
  const holding = (await ana.kith(['vendors', 'compliance', '--json'])).json<{ holds: { grant: string; records: string[] }[] }[]>();
  assert.deepEqual(holding[0]?.holds.map((h) => [h.grant, h.records.length]), [[grant.id, 1]], 'what the vendor holds now');

  // Ending the agreement revokes its grants; the vendor deletes and returns a receipt.
  const ended = await ana.kith(['agreement', 'end', agreement.id, '--json']);
  assert.equal(ended.code, 0, ended.stderr);
  assert.deepEqual(ended.json<{ revoked: string[] }>().revoked, [grant.id]);
  await eventually(
    async () => (await shop.kith(['shared', '--json'])).json<{ revoked?: string; record: { data: unknown } }[]>(),
    (s) => s[0]?.revoked !== undefined && s[0]?.record.data === null,
    'deletion at the vendor',
  );
  await eventually(
    async () => (await ana.kith(['grants', '--json'])).json<{ live: boolean; holders: { deleted: boolean }[] }[]>(),
    (g) => g[0]?.live === false && g[0]?.holders.every((h) => h.deleted) === true,
    'the deletion receipt',
  );
  await eventually(async () => (await shop.kith(['agreements', '--json'])).json<AgreementView[]>(), (a) => a[0]?.status === 'ended', 'the end at the vendor');
  const mine = (await ana.kith(['agreements', '--json'])).json<AgreementView[]>();
  assert.equal(mine[0]?.status, 'ended');
  assert.equal(mine[0]?.vendorTold, true);
  assert.deepEqual(mine[0]?.grants, [grant.id]);

  // Ana's compliance view of the shop: the deletion answered on time, nothing held now.
  const compliance = (await ana.kith(['vendors', 'compliance', vendor, '--json'])).json<{ agreements: { status: string }[]; holds: unknown[]; deletions: { grant: string; verdict: string }[]; score: number }[]>();
  assert.deepEqual(
    compliance.map((c) => ({ agreements: c.agreements.map((a) => a.status), holds: c.holds.length, deletions: c.deletions.map((d) => [d.grant, d.verdict]), score: c.score })),
    [{ agreements: ['ended'], holds: 0, deletions: [[grant.id, 'on-time']], score: 100 }],
  );
  assert.match((await ana.kith(['vendors', 'compliance'])).stdout, /Livraria {2}score 100\/100[\s\S]*deletion asked for grant .*: answered on time/);
  const nobody = await ana.kith(['vendors', 'compliance', 'Nobody', '--json']);
  assert.equal(JSON.parse(nobody.stderr).error.code, 'NotFound');

  // No live agreement any more: no new grant.
  const after = await ana.kith(['grant', vendor, address, '--purpose', 'Delivery of my order', '--json']);
  assert.equal(after.code, 1);
  assert.equal(JSON.parse(after.stderr).error.code, 'NotTrusted');

  // The vendor renames itself: the contact follows (when asked, or on its next connection)…
  await shop.kith(['vendor', 'profile', '--name', 'Livraria Bertrand']);
  assert.equal((await ana.kith(['vendor', 'show', vendor, '--json'])).code, 0);
  const contactsNow = (await ana.kith(['contacts', '--json'])).json<{ petname: string }[]>();
  assert.deepEqual(contactsNow.map((c) => c.petname), ['Livraria Bertrand']);
  // …until the owner renames it: then the owner's name stays.
  assert.equal((await ana.kith(['contacts', 'rename', 'Livraria Bertrand', 'My bookshop'])).code, 0);
  await shop.kith(['vendor', 'profile', '--name', 'Bertrand Livros']);
  assert.equal((await ana.kith(['vendor', 'show', 'My bookshop', '--json'])).code, 0);
  assert.deepEqual((await ana.kith(['contacts', '--json'])).json<{ petname: string }[]>().map((c) => c.petname), ['My bookshop']);
  for (const d of [ana, shop]) assert.equal((await d.kith(['log', '--verify', '--json'])).json()['ok'], true);
});
