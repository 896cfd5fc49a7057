import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { recordCredential } from '../../../src/app/records/record-credential.ts';
import { verifyCredential } from '../../../src/credentials/credential.ts';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { openLocker } from '../../../src/store/locker.ts';
import { consentReceipt } from '../../../src/trust/consent-receipt.ts';
import { createGrant, getGrant, isLive, listGrants, releasedData, revokeGrant } from '../../../src/trust/grants.ts';
import { clausesOutside, describeClause, parseTerms } from '../../../src/trust/terms.ts';

test('terms presets parse from the command line, and a policy names what it refuses', () => {
  const terms = parseTerms('delivery-only, no-tracking,delete-after-30d,breach-notice-48h', ['Only on weekdays']);
  assert.deepEqual(terms, [
    { id: 'delivery-only' },
    { id: 'no-tracking' },
    { id: 'delete-after', days: 30 },
    { id: 'breach-notice', hours: 48 },
    { id: 'custom', text: 'Only on weekdays' },
  ]);
  assert.equal(describeClause({ id: 'delete-after', days: 30 }), 'Delete it after 30 days.');
  assert.throws(() => parseTerms('sell-my-soul'), /not a terms preset/);
  const refused = clausesOutside(terms, { accepts: ['delivery-only', 'no-tracking', 'delete-after', 'breach-notice'], minDeleteAfterDays: 90, shortestBreachNoticeHours: 24 });
  assert.deepEqual(refused, [{ id: 'delete-after', days: 30 }, { id: 'custom', text: 'Only on weekdays' }]);
});

test('grants: only live records and real fields; revoke once; release only granted fields', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kith-grants-'));
  const owner = OwnerKey.generate();
  const locker = await openLocker(dir, owner);
  t.after(async () => {
    await locker.close();
    await rm(dir, { recursive: true, force: true });
  });
  const time = new Date().toISOString();
  const data = { streetAddress: 'Rua Augusta 1', addressLocality: 'Lisboa', addressCountry: 'PT' };
  await locker.commit(owner, {
    records: [{ id: 'addr00000001', type: 'address', version: 1, time, credential: recordCredential(owner, { id: 'addr00000001', type: 'address', version: 1, deleted: false, time, data }) }],
    audit: [{ kind: 'record.created', details: {} }],
  });
  const holder = OwnerKey.generate();
  const to = { kind: 'contact' as const, peerId: holder.peerIdString };
  await assert.rejects(createGrant(locker, owner, { to, records: [{ id: 'missing00001' }], purpose: 'x', terms: [] }), { code: 'NotFound' });
  await assert.rejects(createGrant(locker, owner, { to, records: [{ id: 'addr00000001', fields: ['shoeSize'] }], purpose: 'x', terms: [] }), /no field shoeSize/);
  await assert.rejects(createGrant(locker, owner, { to, records: [{ id: 'addr00000001' }], purpose: ' ', terms: [] }), { code: 'InvalidInput' });
  await assert.rejects(createGrant(locker, owner, { to, records: [{ id: 'addr00000001' }], purpose: 'x', terms: [], expires: new Date(Date.now() - 1) }), /past/);

  const grant = await createGrant(locker, owner, {
    to,
    records: [{ id: 'addr00000001', fields: ['addressLocality', 'addressCountry'] }],
    purpose: 'Delivery of my order',
    terms: parseTerms('delivery-only,delete-on-revocation'),
  });
  assert.equal(isLive(grant), true);
  assert.deepEqual(releasedData(data, grant.records[0]!), { addressLocality: 'Lisboa', addressCountry: 'PT' });
  assert.deepEqual((await listGrants(locker)).map((g) => g.id), [grant.id]);

  const receipt = consentReceipt(owner, { grant, holder: { did: holder.did, name: 'Livraria' }, categories: ['address'] });
  assert.deepEqual(verifyCredential(receipt).map((p) => p.signer), [owner.did]);
  const subject = receipt['credentialSubject'] as Record<string, unknown>;
  assert.equal(subject['piiPrincipalId'], owner.did);
  assert.equal(subject['version'], 'KI-CR-v1.1.0');

  const revoked = await revokeGrant(locker, owner, grant.id);
  assert.equal(isLive(revoked), false);
  assert.equal(isLive(await getGrant(locker, grant.id)), false);
  await assert.rejects(revokeGrant(locker, owner, grant.id), /already revoked/);
  assert.deepEqual((await locker.audit.entries()).map((e) => e.kind), ['record.created', 'grant.created', 'grant.revoked']);
});
