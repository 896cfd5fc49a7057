// The person's judgement of a vendor, from their own signed record: deletions asked for and
// answered on time, late or never; deadlines from "delete after N days"; what it holds; the score.
import assert from 'node:assert/strict';
import test from 'node:test';
import type { Agreement } from '../../../src/trust/agreements.ts';
import type { Contact } from '../../../src/trust/contacts.ts';
import type { Grant } from '../../../src/trust/grants.ts';
import type { ReceiptItem } from '../../../src/trust/receipts.ts';
import { DELETION_DUE_DAYS, vendorCompliance } from '../../../src/trust/vendor-compliance.ts';

const DAY = 86_400_000;
const NOW = new Date('2026-12-07T12:00:00.000Z');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

const shop: Contact = { peerId: '12D3KooShop', did: 'did:key:z6MkShop', petname: 'Tea & Co', kind: 'vendor', addrs: [], added: ago(200) };
const other: Contact = { ...shop, peerId: '12D3KooOther', did: 'did:key:z6MkOther', petname: 'Other' };

function grant(id: string, fields: Partial<Grant> = {}): Grant {
  return { id, to: { kind: 'contact', peerId: shop.peerId }, records: [{ id: 'rec00001' }], purpose: `purpose of ${id}`, terms: [], created: ago(100), ...fields };
}

function deletion(grantId: string, time: string, holder = shop.peerId): ReceiptItem {
  return { kind: 'deletion', grant: grantId, holder, time, credential: {} };
}

const agreement: Agreement = {
  id: 'a0000000000000001',
  role: 'customer',
  customer: { did: 'did:key:z6MkAna', peerId: '12D3KooAna' },
  vendor: { did: shop.did, peerId: shop.peerId },
  purpose: 'Delivery of my order',
  terms: [{ id: 'delete-after', days: 30 }],
  created: ago(100),
  status: 'active',
  credential: {},
};

test('deletions asked for: one answered on time, one late, one never, one still within its month', () => {
  const grants = [
    grant('g0000000000000001', { revoked: ago(50) }),
    grant('g0000000000000002', { revoked: ago(50) }),
    grant('g0000000000000003', { revoked: ago(DELETION_DUE_DAYS + 5) }),
    grant('g0000000000000004', { revoked: ago(2) }),
  ];
  const receipts = [deletion('g0000000000000001', ago(50)), deletion('g0000000000000002', ago(10)), deletion('g0000000000000003', ago(1), other.peerId)];
  const view = vendorCompliance({ vendor: shop, agreements: [], grants, receipts, now: NOW });
  assert.deepEqual(
    view.deletions.map((d) => [d.grant, d.verdict]),
    [
      ['g0000000000000001', 'on-time'],
      ['g0000000000000002', 'late'],
      ['g0000000000000003', 'never'],
      ['g0000000000000004', 'waiting'],
    ],
    "another holder's receipt does not count for this vendor",
  );
  assert.deepEqual(view.factors, [
    { reason: '1 deletion you asked for answered late', points: -10 },
    { reason: '1 deletion you asked for never answered', points: -25 },
  ]);
  assert.equal(view.score, 65);
  assert.deepEqual(view.holds, [], 'revoked grants are not held');
});

test('deadlines from "delete after N days", in the grant or its agreement, and what the vendor holds now', () => {
  const grants = [
    // 30 days from the agreement's terms, made 100 days ago: due 70 days ago.
    grant('g0000000000000011', { agreement: agreement.id }),
    grant('g0000000000000012', { terms: [{ id: 'delete-after', days: 60 }], created: ago(61) }),
    grant('g0000000000000013', { terms: [{ id: 'delete-after', days: 10 }], created: ago(20) }),
    grant('g0000000000000014', { terms: [{ id: 'delete-after', days: 90 }], created: ago(5), records: [{ id: 'rec00002' }, { id: 'rec00003' }] }),
    // Revoked before its deadline: owed once, as asked.
    grant('g0000000000000015', { terms: [{ id: 'delete-after', days: 90 }], created: ago(20), revoked: ago(3) }),
  ];
  const receipts = [deletion('g0000000000000011', ago(69.5)), deletion('g0000000000000012', ago(0.5)), deletion('g0000000000000015', ago(3))];
  const view = vendorCompliance({ vendor: shop, agreements: [agreement], grants, receipts, now: NOW });
  assert.deepEqual(
    view.retention.map((d) => [d.grant, d.days, d.verdict]),
    [
      ['g0000000000000011', 30, 'on-time'],
      ['g0000000000000012', 60, 'on-time'],
      ['g0000000000000013', 10, 'never'],
      ['g0000000000000014', 90, 'waiting'],
    ],
    'a receipt within a day of the deadline is on time (the vendor counts from its first delivery)',
  );
  assert.deepEqual(view.deletions.map((d) => [d.grant, d.verdict]), [['g0000000000000015', 'on-time']]);
  assert.deepEqual(view.holds, [
    { grant: 'g0000000000000013', purpose: 'purpose of g0000000000000013', records: ['rec00001'] },
    { grant: 'g0000000000000014', purpose: 'purpose of g0000000000000014', records: ['rec00002', 'rec00003'] },
  ]);
  assert.deepEqual(view.agreements, [{ id: agreement.id, purpose: 'Delivery of my order', status: 'active', created: agreement.created }]);
  assert.equal(view.score, 75);
});

test("disputes count against the score; another vendor's grants and agreements are not this one's", () => {
  const theirs = grant('g0000000000000021', { to: { kind: 'contact', peerId: other.peerId }, revoked: ago(90) });
  const view = vendorCompliance({
    vendor: shop,
    agreements: [agreement, { ...agreement, id: 'a0000000000000002', vendor: { did: other.did, peerId: other.peerId } }],
    grants: [theirs],
    receipts: [],
    disputes: [
      { agreement: agreement.id, reason: 'kept my address after the order', time: ago(1) },
      { agreement: 'a0000000000000002', reason: 'not this vendor', time: ago(1) },
    ],
    now: NOW,
  });
  assert.deepEqual(view.deletions, []);
  assert.deepEqual(view.agreements.map((a) => a.id), [agreement.id]);
  assert.deepEqual(view.disputes.map((d) => d.reason), ['kept my address after the order']);
  assert.deepEqual(view.factors, [{ reason: '1 agreement disputed', points: -10 }]);
  assert.equal(view.score, 90);
});

test('a vendor that ignores many deletions scores 0, not below', () => {
  const grants = Array.from({ length: 5 }, (_, i) => grant(`g00000000000001${i}0`, { revoked: ago(60) }));
  const view = vendorCompliance({ vendor: shop, agreements: [], grants, receipts: [], now: NOW });
  assert.equal(view.score, 0);
  assert.deepEqual(view.factors, [{ reason: '5 deletions you asked for never answered', points: -125 }]);
});
