import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { addProof } from '../../../src/credentials/data-integrity.ts';
import type { JsonObject } from '../../../src/credentials/types.ts';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { openLocker } from '../../../src/store/locker.ts';
import { agreementForGrant } from '../../../src/trust/agreement-gate.ts';
import {
  agreementFrom,
  agreementSigners,
  countersignAgreement,
  endAgreement,
  getAgreement,
  keepAgreement,
  liveAgreementsWith,
  proposeAgreement,
  readCountersigned,
  readProffer,
} from '../../../src/trust/agreements.ts';
import { createCircle, setMembership } from '../../../src/trust/circles.ts';
import { saveContact } from '../../../src/trust/contacts.ts';
import { parseTerms } from '../../../src/trust/terms.ts';
import { getVendorProfile, parsePolicy, readSignedProfile, refusedClauses, setVendorProfile, signedProfile } from '../../../src/trust/vendor-profile.ts';

const customer = OwnerKey.generate();
const vendor = OwnerKey.generate();
const parties = { customer: customer.did, vendor: vendor.did };

function proposal(terms = parseTerms('delivery-only,delete-on-revocation')) {
  return proposeAgreement(customer, { vendor: vendor.did, purpose: 'Delivery of my order', terms });
}

test('a proffer signed by the customer is countersigned into a proof set both sides can check', () => {
  const { id, credential } = proposal();
  assert.match(id, /^a[a-f0-9]{16}$/);
  const facts = readProffer(credential, parties);
  assert.equal(facts.id, id);
  assert.deepEqual(facts.terms, [{ id: 'delivery-only' }, { id: 'delete-on-revocation' }]);
  const signed = countersignAgreement(credential, vendor);
  assert.equal((signed['proof'] as unknown[]).length, 2);
  assert.equal(readCountersigned(signed, credential, parties).id, id);
  const kept = agreementFrom(facts, 'customer', { did: customer.did, peerId: customer.peerIdString }, { did: vendor.did, peerId: vendor.peerIdString }, signed);
  assert.deepEqual(new Set(agreementSigners(kept)), new Set([customer.did, vendor.did]));
});

test('the vendor refuses proffers that are not genuinely from the sender, or not fresh', () => {
  const { credential } = proposal();
  const stranger = OwnerKey.generate();
  assert.throws(() => readProffer(credential, { customer: stranger.did, vendor: vendor.did }), { code: 'NotTrusted' });
  assert.throws(() => readProffer(credential, { customer: customer.did, vendor: stranger.did }), /another vendor/);
  const tampered = { ...credential, credentialSubject: { ...(credential['credentialSubject'] as JsonObject), purpose: 'Anything at all' } };
  assert.throws(() => readProffer(tampered, parties), { code: 'InvalidSignature' });
  assert.throws(() => readProffer(addProof(credential, stranger), parties), /only the customer/);
  const future = proposeAgreement(customer, { vendor: vendor.did, purpose: 'x', terms: [] }, new Date(Date.now() + 3_600_000)).credential;
  assert.throws(() => readProffer(future, parties), /future/);
  assert.throws(() => readProffer({ hello: 'world' }, parties), { code: 'InvalidInput' });
});

test('the customer keeps only what it proposed, signed by both and nobody else', () => {
  const { credential } = proposal();
  assert.throws(() => readCountersigned(credential, credential, parties), /both/);
  const other = proposal().credential;
  assert.throws(() => readCountersigned(countersignAgreement(other, vendor), credential, parties), /other than the one proposed/);
  assert.throws(() => readCountersigned(countersignAgreement(credential, OwnerKey.generate()), credential, parties), /both/);
});

test('a vendor policy: defaults, the typed form, and which clauses it refuses', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kith-vendor-'));
  const locker = await openLocker(dir, vendor);
  t.after(async () => {
    await locker.close();
    await rm(dir, { recursive: true, force: true });
  });
  const initial = await getVendorProfile(locker);
  assert.deepEqual(refusedClauses(initial, parseTerms('delivery-only,no-tracking,breach-notice-48h,delete-after-90d')), []);
  assert.deepEqual(
    refusedClauses(initial, parseTerms('delete-after-7d,breach-notice-2h', ['Only on weekdays'])).map((c) => c.id),
    ['delete-after', 'breach-notice', 'custom'],
  );
  assert.deepEqual(parsePolicy('delivery-only, delete-after-90d,breach-notice-12h'), { accepts: ['delivery-only', 'delete-after', 'breach-notice'], minDeleteAfterDays: 90, shortestBreachNoticeHours: 12 });
  assert.throws(() => parsePolicy('sell-everything'), /not a clause/);

  const set = await setVendorProfile(locker, vendor, { name: 'Livraria', site: 'https://livraria.example', categories: ['Books', 'books', 'Stationery'], policy: parsePolicy('delivery-only') });
  assert.deepEqual(set.categories, ['books', 'stationery']);
  await assert.rejects(setVendorProfile(locker, vendor, { site: 'javascript:alert(1)' }), { code: 'InvalidInput' });
  assert.equal((await setVendorProfile(locker, vendor, { name: 'Livraria Lda' })).site, 'https://livraria.example', 'a change naming no site keeps it');
  const withoutSite = await setVendorProfile(locker, vendor, { site: null });
  assert.equal(withoutSite.site, undefined, 'null removes the site');
  assert.equal(withoutSite.name, 'Livraria Lda');
  assert.equal((await getVendorProfile(locker)).site, undefined, 'and it is gone on disk');
  assert.deepEqual(refusedClauses(await getVendorProfile(locker), parseTerms('delivery-only,no-tracking')).map((c) => c.id), ['no-tracking']);

  const signed = signedProfile(vendor, set);
  assert.equal(readSignedProfile(signed, vendor.did).name, 'Livraria');
  assert.throws(() => readSignedProfile(signed, customer.did), { code: 'NotTrusted' });
});

test('the gate: a vendor gets a grant only under a live agreement, on its purpose', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kith-gate-'));
  const locker = await openLocker(dir, customer);
  t.after(async () => {
    await locker.close();
    await rm(dir, { recursive: true, force: true });
  });
  const person = OwnerKey.generate();
  const shop = await saveContact(locker, customer, { peerId: vendor.peerIdString, did: vendor.did, kind: 'vendor', addrs: [], petname: 'Livraria' });
  await saveContact(locker, customer, { peerId: person.peerIdString, did: person.did, kind: 'person', addrs: [], petname: 'Ana' });
  const toVendor = { kind: 'contact' as const, peerId: vendor.peerIdString };

  assert.equal(await agreementForGrant(locker, { kind: 'contact', peerId: person.peerIdString }, 'anything'), undefined);
  await assert.rejects(agreementForGrant(locker, toVendor, 'Delivery of my order'), { code: 'NotTrusted', message: /no agreement/ });

  const { credential } = proposal();
  const facts = readProffer(credential, parties);
  const signed = countersignAgreement(credential, vendor);
  await keepAgreement(locker, customer, agreementFrom(facts, 'customer', { did: customer.did, peerId: customer.peerIdString }, { did: vendor.did, peerId: vendor.peerIdString }, signed), 'agreement.made');
  assert.equal((await agreementForGrant(locker, toVendor, 'delivery of my order '))?.id, facts.id);
  assert.equal((await agreementForGrant(locker, toVendor, facts.id))?.id, facts.id);
  await assert.rejects(agreementForGrant(locker, toVendor, 'Marketing'), { code: 'InvalidInput', message: /is for "Delivery of my order"/ });

  const circle = await createCircle(locker, customer, 'Shops');
  await setMembership(locker, customer, circle.name, shop, true);
  await assert.rejects(agreementForGrant(locker, { kind: 'circle', circleId: circle.id }, 'x'), { code: 'NotTrusted', message: /includes the vendor Livraria/ });

  const ended = await endAgreement(locker, customer, facts.id, { vendorTold: false });
  assert.equal(ended.status, 'ended');
  assert.equal(ended.vendorTold, false);
  assert.deepEqual(await liveAgreementsWith(locker, vendor.peerIdString), []);
  await assert.rejects(endAgreement(locker, customer, facts.id), /already ended/);
  await assert.rejects(agreementForGrant(locker, toVendor, 'Delivery of my order'), { code: 'NotTrusted' });
  await assert.rejects(getAgreement(locker, '../etc'), { code: 'NotFound' });
});
