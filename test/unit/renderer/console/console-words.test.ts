import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clauseWords, customerCounts, customerName, deliveryState, exportFileName, termsWords } from '../../../../renderer/console/console-words.ts';

test('stored clauses read as the customer saw them; an unknown one is named, not dropped', () => {
  assert.deepEqual(termsWords([{ id: 'delivery-only' }, { id: 'delete-after', days: 60 }, { id: 'breach-notice', hours: 24 }, { id: 'custom', text: 'Gift wrap it' }]), [
    'Use only to deliver what I asked for.',
    'Delete it after 60 days.',
    'Tell me within 24 hours of any breach.',
    'Gift wrap it',
  ]);
  assert.equal(clauseWords({ id: 'carbon-neutral' }), 'A clause this app does not know (carbon-neutral).');
  assert.equal(clauseWords({ nothing: true }), 'A clause this app cannot read.');
  assert.deepEqual(termsWords('not a list'), []);
});

test('a customer by name first, and what they have with the vendor in words', () => {
  assert.equal(customerName({ name: 'Ana Silva' }), 'Ana Silva');
  assert.equal(customerName({}), 'No name shared');
  assert.equal(customerCounts({ agreements: 1, records: 4 }), '1 agreement in force · 4 records shared');
  assert.equal(customerCounts({ agreements: 0, records: 0 }), 'no agreement in force · nothing shared now');
});

test('webhook deliveries say what happened', () => {
  assert.equal(deliveryState({ status: 'succeeded', attempts: 1 }), 'Delivered');
  assert.equal(deliveryState({ status: 'succeeded', attempts: 3 }), 'Delivered after 3 attempts');
  assert.equal(deliveryState({ status: 'pending', attempts: 0 }), 'Waiting to be sent');
  assert.equal(deliveryState({ status: 'pending', attempts: 2, lastStatus: 503 }), 'Retrying: 2 attempts so far (last answer: HTTP 503)');
  assert.equal(deliveryState({ status: 'failed', attempts: 1, lastStatus: 410 }), 'Gave up after 1 attempt (last answer: HTTP 410)');
  assert.equal(deliveryState({ status: 'pending', attempts: 1, lastError: 'timed out' }), 'Retrying: 1 attempt so far (timed out)');
  assert.equal(deliveryState({ status: 'dropped', attempts: 0 }), 'Dropped: the data it carried was taken back');
});

test('the export is named by its day', () => {
  assert.equal(exportFileName('csv', new Date('2026-12-07T10:00:00Z')), 'kith-customers-2026-12-07.csv');
  assert.equal(exportFileName('jsonl', new Date('2026-01-31T23:00:00Z')), 'kith-customers-2026-01-31.jsonl');
});
