import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KithError } from '../../../../src/base/errors.ts';
import { parseOrder } from '../../../../src/trust/e-receipt.ts';
import { draftProblems, draftTotal, hasProblems, localDay, newDraft, orderFrom, receiptErrorWords, type ReceiptDraft } from '../../../../renderer/console/receipt-draft.ts';

const tea = { name: 'Tea', quantity: '2', price: '4.50' };

test('the total is computed exactly, with the decimals of the most precise price', () => {
  assert.equal(draftTotal([tea]), '9.00');
  assert.equal(draftTotal([tea, { name: 'Cake', quantity: '3', price: '0.1' }]), '9.30', '0.1 × 3 is 0.30, not 0.30000000000000004');
  assert.equal(draftTotal([{ name: 'Saffron', quantity: '7', price: '0.0125' }]), '0.0875');
  assert.equal(draftTotal([{ name: 'Bread', quantity: '1', price: '3' }]), '3.00');
  assert.equal(draftTotal([{ name: 'Tea', quantity: '2', price: '4,50' }]), '9.00', 'a decimal comma is read as a point');
  assert.equal(draftTotal([{ name: 'Yacht', quantity: '1000000', price: '999999999999999.9999' }]), '999999999999999999900.0000', 'beyond a double: still exact');
  assert.equal(draftTotal([tea, { name: '', quantity: '1', price: '' }]), '9.00', 'an empty line is not an item');
  assert.equal(draftTotal([{ name: 'Tea', quantity: 'two', price: '4.50' }]), undefined, 'not a number yet: no total');
  assert.equal(draftTotal([{ name: 'Tea', quantity: '2', price: '4.505.1' }]), undefined);
  assert.equal(draftTotal([{ name: '', quantity: '1', price: '' }]), undefined, 'nothing to add up');
});

test('the order sent is the one the core accepts, its total the sum it checks', () => {
  const draft: ReceiptDraft = { orderId: ' A-1001 ', date: '2026-12-01', currency: 'eur', items: [tea, { name: 'Cake', quantity: '3', price: '0,1' }, { name: '', quantity: '1', price: '' }] };
  assert.equal(hasProblems(draftProblems(draft)), false);
  const order = orderFrom(draft);
  assert.deepEqual(order, {
    orderId: 'A-1001',
    date: '2026-12-01',
    items: [
      { name: 'Tea', quantity: 2, price: { value: '4.50', currency: 'EUR' } },
      { name: 'Cake', quantity: 3, price: { value: '0.1', currency: 'EUR' } },
    ],
    total: { value: '9.30', currency: 'EUR' },
  });
  assert.deepEqual(parseOrder(order).total, { value: '9.30', currency: 'EUR' }, 'the core agrees with the sum');
});

test('problems are found before sending, in the form’s words, beside their fields', () => {
  const empty = draftProblems(newDraft('2026-12-07'));
  assert.equal(empty.orderId, 'Give the order number, as on your till or invoice.');
  assert.equal(empty.items[0]?.name, 'Add at least one item.');
  assert.equal(hasProblems(empty), true);
  const bad = draftProblems({ orderId: 'A-1', date: '2026-13-45', currency: 'euro', items: [{ name: '', quantity: '0', price: '4.5.0' }, { name: 'Tea', quantity: '1.5', price: '' }] });
  assert.equal(bad.date, 'Give the day of the sale.');
  assert.equal(bad.currency, 'Give a three-letter currency code, such as EUR or USD.');
  assert.deepEqual(bad.items, [
    { name: 'Name what was sold.', quantity: 'A whole number from 1.', price: 'An amount such as 4.50 (up to 4 decimals).' },
    { quantity: 'A whole number from 1.', price: 'Give the price of one.' },
  ]);
  assert.equal(draftProblems({ orderId: 'A-1', date: '2026-12-07', currency: 'EUR', items: [{ name: 'Tea', quantity: '2', price: '-1' }] }).items[0]?.price, 'An amount such as 4.50 (up to 4 decimals).', 'never negative: a refund is its own receipt');
});

test('the core’s refusals name the fields in words; its code and hint are kept', () => {
  const error = new KithError('InvalidInput', 'The e-receipt: items.1.price.value: must be an amount as a decimal string such as "4.50"; total.currency: must be an ISO 4217 currency code such as EUR', { hint: 'Check it.' });
  const words = receiptErrorWords(error);
  assert.ok(words instanceof KithError);
  assert.equal(words.message, "The e-receipt: item 2's price must be an amount as a decimal string such as \"4.50\"; the total's currency must be an ISO 4217 currency code such as EUR");
  assert.deepEqual({ code: words.code, hint: words.hint }, { code: 'InvalidInput', hint: 'Check it.' });
  assert.equal((receiptErrorWords(new KithError('InvalidInput', 'The e-receipt: orderId: must not be empty')) as KithError).message, 'The e-receipt: the order number must not be empty');
  const sum = new KithError('InvalidInput', "The e-receipt's total is 9.00 EUR, but its items add up to 9.30.");
  assert.equal(receiptErrorWords(sum), sum, 'already in words: passed as it came');
  const other = new Error('boom');
  assert.equal(receiptErrorWords(other), other);
});

test('a new receipt is dated the owner’s local day', () => {
  assert.equal(localDay(new Date(2026, 0, 5, 23, 30)), '2026-01-05');
  assert.deepEqual(newDraft('2026-12-07').items, [{ name: '', quantity: '1', price: '' }]);
});
