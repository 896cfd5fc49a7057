import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordSchemas } from '../../../src/api/records.ts';
import { recordCredential, recordFacts } from '../../../src/app/records/record-credential.ts';
import { verifyCredential } from '../../../src/credentials/credential.ts';
import { generateSeed } from '../../../src/identity/ed25519.ts';
import { OwnerKey } from '../../../src/identity/identity.ts';

const ok = (type: keyof typeof recordSchemas, data: unknown) => recordSchemas[type].safeParse(data).success;

test('contact: a name with lists of emails, phones and addresses; a bad email or an unknown field is refused', () => {
  assert.ok(ok('contact', { name: 'Ana Lima' }));
  assert.ok(
    ok('contact', {
      name: 'Ana Lima',
      emails: [{ address: 'ana@example.org', label: 'work' }],
      phones: [{ number: 'ext. 12' }],
      addresses: [{ addressLocality: 'Lisboa', addressCountry: 'Portugal' }],
      birthday: '--03-21',
      photo: 'abcdefgh12345678',
    }),
  );
  assert.ok(!ok('contact', { name: '' }));
  assert.ok(!ok('contact', { name: 'Ana', emails: [{ address: 'not an address' }] }));
  assert.ok(!ok('contact', { name: 'Ana', birthday: '21/03/1980' }));
  assert.ok(!ok('contact', { name: 'Ana', nickname: 'A' }));
});

test('event: dates for all-day events, local or UTC date-times, recurrence and its changes', () => {
  assert.ok(ok('event', { summary: 'Holiday', start: '2026-03-01', end: '2026-03-02', allDay: true }));
  assert.ok(
    ok('event', {
      summary: 'Standup',
      start: '2026-03-02T09:00:00',
      timeZone: 'Europe/Lisbon',
      allDay: false,
      rrule: ['FREQ=WEEKLY;BYDAY=MO'],
      exdates: ['2026-03-09T09:00:00'],
      changes: [{ recurrenceId: '2026-03-16T09:00:00', start: '2026-03-16T10:00:00' }, { recurrenceId: '2026-03-23T09:00:00', cancelled: true }],
      attendees: [{ email: 'ana@example.org', status: 'accepted' }],
    }),
  );
  assert.ok(!ok('event', { summary: 'x', start: '2026-03-02 09:00', allDay: false }));
  assert.ok(!ok('event', { summary: 'x', start: '2026-03-02' }), 'allDay is required');
});

test('purchase: the old shape still reads; an exact decimal string, negative for a debit, with category and order id', () => {
  assert.ok(ok('purchase', { vendor: 'V', item: 'I', date: '2026-02-01', amount: 12.5, currency: 'EUR' }));
  assert.ok(ok('purchase', { vendor: 'Bank', date: '2026-02-01', amount: '-1150.00', currency: 'USD', category: 'Rent', orderId: '111-222' }));
  assert.ok(!ok('purchase', { vendor: 'V', date: '2026-02-01', amount: '1,150.00', currency: 'USD' }));
  assert.ok(!ok('purchase', { vendor: 'V', date: '2026-02-01', amount: -3, currency: 'USD' }), 'a number stays non-negative');
});

test('provenance is signed into the record credential and read back with it', () => {
  const owner = OwnerKey.fromSeed(generateSeed());
  const source = { format: 'vcard' as const, file: 'contacts.vcf', sourceId: 'uid:123', place: 'card 2 (line 9)', imported: '2026-12-07T10:00:00.000Z' };
  const credential = recordCredential(owner, { id: 'abcdefgh12345678', type: 'contact', version: 1, deleted: false, time: source.imported, data: { name: 'Ana' }, source });
  assert.equal(verifyCredential(credential)[0]?.signer, owner.did);
  assert.deepEqual(recordFacts(credential).source, source);
  const tampered = structuredClone(credential) as { credentialSubject: { record: { source: { file: string } } } };
  tampered.credentialSubject.record.source.file = 'other.vcf';
  assert.throws(() => verifyCredential(tampered));
});

test('purchase: the lines of an e-receipt, each a name, a whole quantity and a decimal unit price', () => {
  const base = { vendor: 'Tea & Co', item: 'Tea', date: '2026-12-01', amount: '9.00', currency: 'EUR', orderId: 'A-1001' };
  assert.ok(ok('purchase', { ...base, items: [{ name: 'Tea', quantity: 2, price: { value: '4.50', currency: 'EUR' } }] }));
  assert.ok(!ok('purchase', { ...base, items: [{ name: 'Tea', quantity: 2.5, price: { value: '4.50', currency: 'EUR' } }] }));
  assert.ok(!ok('purchase', { ...base, items: [{ name: 'Tea', quantity: 2, price: { value: 4.5, currency: 'EUR' } }] }));
  assert.ok(!ok('purchase', { ...base, items: [{ name: 'Tea', quantity: 2, price: { value: '4.50', currency: 'eur' } }] }));
  assert.ok(!ok('purchase', { ...base, items: [{ name: 'Tea', quantity: 2, price: { value: '4.50', currency: 'EUR' }, sku: 'x' }] }));
});

test('an e-receipt provenance names the vendor and carries its credential; a half-made one is refused', () => {
  const owner = OwnerKey.fromSeed(generateSeed());
  const source = { format: 'e-receipt' as const, issuer: 'did:key:z6MkVendor', vendor: 'Tea & Co', sourceId: 'urn:uuid:1', received: '2026-12-07T10:00:00.000Z', receipt: { id: 'urn:uuid:1' } };
  const data = { vendor: 'Tea & Co', date: '2026-12-01', amount: '9.00', currency: 'EUR' };
  const credential = recordCredential(owner, { id: 'abcdefgh12345678', type: 'purchase', version: 1, deleted: false, time: source.received, data, source });
  assert.deepEqual(recordFacts(credential).source, source);
  const { receipt: _receipt, ...without } = source;
  const broken = recordCredential(owner, { id: 'abcdefgh12345678', type: 'purchase', version: 1, deleted: false, time: source.received, data, source: without as unknown as typeof source });
  assert.throws(() => recordFacts(broken), { code: 'InvalidInput' });
});
