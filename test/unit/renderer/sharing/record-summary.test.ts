import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AgreementView } from '../../../../src/api/methods/agreements.ts';
import { DOCUMENT_KIND, kindOf, RECORD_KINDS } from '../../../../renderer/my-data/record-kinds.ts';
import { recordSummary, typeLabel } from '../../../../renderer/sharing/record-summary.ts';
import { activeAgreementsWith, agreementLabel, circleVendors } from '../../../../renderer/sharing/vendor-agreements.ts';

const lease = { name: 'lease.pdf', mediaType: 'application/pdf', size: 40_000, sha256: 'ab'.repeat(32) };

test('a document reads as its file name, labelled Document', () => {
  assert.equal(recordSummary('document', lease), 'lease.pdf');
  assert.equal(typeLabel('document'), 'Document');
  assert.equal(DOCUMENT_KIND.summary(lease), 'lease.pdf');
  assert.deepEqual(DOCUMENT_KIND.fields, [], 'shared whole: no fields to pick');
  assert.equal(Object.hasOwn(RECORD_KINDS, 'document'), false, 'not among the editable kinds');
});

test('other types keep their wording; an unknown one falls back to its name or type', () => {
  assert.equal(kindOf('email'), RECORD_KINDS.email);
  assert.equal(kindOf('document'), DOCUMENT_KIND);
  assert.equal(kindOf('hologram'), undefined);
  assert.equal(recordSummary('email', { address: 'ana@example.org', label: 'work' }), 'ana@example.org (work)');
  assert.equal(typeLabel('address'), 'Postal address');
  assert.equal(recordSummary('hologram', { name: 'Thing' }), 'Thing');
  assert.equal(recordSummary('hologram', null), 'hologram');
  assert.equal(typeLabel('hologram'), 'hologram');
});

function agreement(id: string, over: Partial<AgreementView> = {}): AgreementView {
  return {
    id,
    role: 'customer',
    with: { peerId: 'peerV', did: 'did:key:zV', petname: 'Livraria' },
    purpose: 'Delivery of my orders',
    terms: ['Use only to deliver what I asked for.'],
    created: '2026-11-01T10:00:00.000Z',
    status: 'active',
    signers: [],
    grants: [],
    credential: {},
    ...over,
  };
}

test('a vendor grant can be made under my agreements in force with that vendor only', () => {
  const all = [
    agreement('a1'),
    agreement('a2', { status: 'ended' }),
    agreement('a3', { role: 'vendor' }),
    agreement('a4', { with: { peerId: 'peerW', did: 'did:key:zW', petname: 'Other shop' } }),
    agreement('a5', { purpose: 'Invoices' }),
  ];
  assert.deepEqual(
    activeAgreementsWith(all, 'peerV').map((a) => a.id),
    ['a1', 'a5'],
  );
  assert.deepEqual(activeAgreementsWith(all, 'peerX'), []);
});

test('an agreement is named by its purpose, with its day when another has the same purpose', () => {
  const one = agreement('a1');
  const two = agreement('a2', { purpose: 'delivery of my orders ', created: '2026-11-02T10:00:00.000Z' });
  const other = agreement('a3', { purpose: 'Invoices' });
  assert.equal(agreementLabel(one, [one, other]), 'Delivery of my orders');
  assert.match(agreementLabel(one, [one, two, other]), /^Delivery of my orders \(made .+\)$/);
  assert.equal(agreementLabel(other, [one, two, other]), 'Invoices');
});

test('the Share dialog names the vendors in a chosen circle before Share (the core refuses such a grant)', () => {
  const contacts = [
    { peerId: 'p-ana', kind: 'person' as const },
    { peerId: 'p-tea', kind: 'vendor' as const },
    { peerId: 'p-books', kind: 'vendor' as const },
  ];
  const family = { members: [{ peerId: 'p-ana', petname: 'Ana' }] };
  const mixed = { members: [{ peerId: 'p-ana', petname: 'Ana' }, { peerId: 'p-tea', petname: 'Tea & Co' }, { peerId: 'p-books', petname: 'Books' }] };
  assert.deepEqual(circleVendors(family, contacts), []);
  assert.deepEqual(circleVendors(mixed, contacts), ['Tea & Co', 'Books']);
  assert.deepEqual(circleVendors(undefined, contacts), [], 'a contact, not a circle, was chosen');
});
