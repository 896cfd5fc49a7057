import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answeredHow, deletionWhat, dueDistance, receiptWhere, retentionWords } from '../../../../renderer/console/compliance-words.ts';
import { sentReceiptState } from '../../../../renderer/console/console-words.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 7, 12);
const due = (days: number) => new Date(NOW + days * DAY).toISOString();

test('a deadline names the terms it comes from', () => {
  assert.equal(retentionWords({ reason: 'delete-after', days: 30 }), 'Their terms: delete after 30 days');
  assert.equal(retentionWords({ reason: 'delete-after', days: 1 }), 'Their terms: delete after 1 day');
  assert.equal(retentionWords({ reason: 'delete-after' }), 'Their terms: delete after a set time');
  assert.equal(retentionWords({ reason: 'legal-hold' }), 'Their terms (legal-hold)');
  assert.equal(deletionWhat({ purpose: 'Delivery of my orders' }), 'What they shared for “Delivery of my orders”');
  assert.equal(deletionWhat({}), 'What they shared (no purpose given)');
});

test('how far off a deletion is, and how late', () => {
  assert.equal(dueDistance({ due: due(10), overdue: false }, NOW), 'in 10 days');
  assert.equal(dueDistance({ due: due(1.5), overdue: false }, NOW), 'in 2 days');
  assert.equal(dueDistance({ due: due(0.2), overdue: false }, NOW), 'due within a day');
  assert.equal(dueDistance({ due: due(-0.1), overdue: true }, NOW), 'overdue since today');
  assert.equal(dueDistance({ due: due(-3.5), overdue: true }, NOW), '3 days overdue');
  assert.equal(dueDistance({ due: due(-1), overdue: false }, NOW), '1 day overdue', 'the clock moved on since the node answered');
});

test('an answered deletion: how, and where its receipt is', () => {
  assert.equal(answeredHow({ by: 'schedule' }), 'Deleted on schedule');
  assert.equal(answeredHow({ by: 'revocation' }), 'Deleted when they took it back (before it was due)');
  assert.deepEqual(receiptWhere({ by: 'schedule' }), { text: 'Receipt on its way: their node gets it when next online', done: false });
  assert.deepEqual(receiptWhere({ by: 'schedule', delivered: due(0) }), { text: 'Their node took the receipt', done: true });
  assert.deepEqual(receiptWhere({ by: 'revocation' }), { text: 'Their node took the receipt with the revocation', done: true });
});

test('what a customer’s node did with an e-receipt', () => {
  assert.equal(sentReceiptState({ status: 'queued' }), 'On its way: their node gets it now, or when it is next online');
  assert.equal(sentReceiptState({ status: 'stored' }), 'Taken: it is in their data as a purchase from you');
  assert.equal(sentReceiptState({ status: 'duplicate' }), 'Taken: their node already had it');
  assert.equal(sentReceiptState({ status: 'declined' }), 'Declined: they do not take e-receipts from you');
  assert.equal(sentReceiptState({ status: 'refused', code: 'NotTrusted' }), 'Refused by their node (NotTrusted)');
});
