// E-receipts: the order's schema and sums (exact decimals, one currency), the vendor's
// signed credential, and the customer's checks of it — another vendor's, another
// customer's, an altered one — plus the purchase record it becomes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordSchemas } from '../../../src/api/records.ts';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { issueEReceipt, parseOrder, purchaseData, readEReceipt } from '../../../src/trust/e-receipt.ts';

const ORDER = { orderId: 'A-1001', date: '2026-12-01', items: [{ name: 'Tea', quantity: 2, price: { value: '4.50', currency: 'EUR' } }], total: { value: '9.00', currency: 'EUR' } };
const shop = OwnerKey.generate();
const ana = OwnerKey.generate();

test('orders: the example passes; amounts add up exactly, in any number of decimals', () => {
  assert.deepEqual(parseOrder(ORDER), ORDER);
  // 0.1 + 0.2 is not 0.3 in binary floating point; in decimal strings it is.
  const tenths = { ...ORDER, items: [{ name: 'A', quantity: 1, price: { value: '0.1', currency: 'EUR' } }, { name: 'B', quantity: 1, price: { value: '0.2', currency: 'EUR' } }], total: { value: '0.30', currency: 'EUR' } };
  assert.equal(parseOrder(tenths).total.value, '0.30');
  const big = { ...ORDER, items: [{ name: 'Ship', quantity: 3, price: { value: '333333333333333.3333', currency: 'JPY' } }], total: { value: '999999999999999.9999', currency: 'JPY' } };
  assert.equal(parseOrder(big).items.length, 1, 'beyond a double’s precision, still exact');
});

test('orders: what fails its schema or its sums is InvalidInput, saying what is wrong', () => {
  const bad: [unknown, RegExp][] = [
    [{ ...ORDER, total: { value: '9.00', currency: 'euro' } }, /ISO 4217/],
    [{ ...ORDER, total: { value: 9, currency: 'EUR' } }, /total/],
    [{ ...ORDER, total: { value: '9,00', currency: 'EUR' } }, /decimal string/],
    [{ ...ORDER, total: { value: '-9.00', currency: 'EUR' } }, /decimal string/],
    [{ ...ORDER, total: { value: '9.00001', currency: 'EUR' } }, /decimal string/],
    [{ ...ORDER, date: '2026-02-30' }, /real calendar date/],
    [{ ...ORDER, items: [] }, /at least one item/],
    [{ ...ORDER, items: [{ ...ORDER.items[0], quantity: 1.5 }] }, /whole number/],
    [{ ...ORDER, items: [{ ...ORDER.items[0], quantity: 0 }] }, /at least 1/],
    [{ ...ORDER, orderId: '' }, /orderId/],
    [{ ...ORDER, extra: true }, /extra|Unrecognized/i],
    [{ ...ORDER, total: { value: '8.99', currency: 'EUR' } }, /add up to 9\.00/],
    [{ ...ORDER, items: [{ ...ORDER.items[0], price: { value: '4.50', currency: 'GBP' } }] }, /mixes currencies/],
    ['not an object', /e-receipt/],
  ];
  for (const [input, message] of bad) assert.throws(() => parseOrder(input), (error: Error & { code?: string }) => error.code === 'InvalidInput' && message.test(error.message), JSON.stringify(input));
});

test('the credential: issued by the vendor about the customer; read back only by that customer from that vendor', () => {
  const credential = issueEReceipt(shop, { customer: ana.did, vendorName: 'Tea & Co', order: parseOrder(ORDER) });
  const facts = readEReceipt(credential, { vendor: shop.did, customer: ana.did });
  assert.deepEqual({ vendor: facts.vendor, name: facts.vendorName, customer: facts.customer, order: facts.order }, { vendor: shop.did, name: 'Tea & Co', customer: ana.did, order: ORDER });
  assert.match(facts.id, /^urn:uuid:/);

  const stranger = OwnerKey.generate();
  assert.throws(() => readEReceipt(credential, { vendor: stranger.did, customer: ana.did }), { code: 'NotTrusted' }, 'sent by someone else than its issuer');
  assert.throws(() => readEReceipt(credential, { vendor: shop.did, customer: stranger.did }), { code: 'NotTrusted' }, 'about another customer');
  const forged = issueEReceipt(stranger, { customer: ana.did, vendorName: 'Tea & Co', order: parseOrder(ORDER) });
  assert.throws(() => readEReceipt(forged, { vendor: shop.did, customer: ana.did }), { code: 'NotTrusted' }, 'a stranger signing in the vendor’s name');
  const altered = structuredClone(credential) as { credentialSubject: { order: { total: { value: string } } } };
  altered.credentialSubject.order.total.value = '0.90';
  assert.throws(() => readEReceipt(altered, { vendor: shop.did, customer: ana.did }), { code: 'InvalidSignature' });
  assert.throws(() => readEReceipt({ ...credential, type: ['VerifiableCredential', 'Other'] }, { vendor: shop.did, customer: ana.did }), (e: Error & { code?: string }) => e.code === 'InvalidSignature' || e.code === 'InvalidInput');
});

test('the purchase record it becomes fits the purchase schema, lines and total kept', () => {
  const two = { ...ORDER, items: [...ORDER.items, { name: 'Scones', quantity: 1, price: { value: '3.25', currency: 'EUR' } }], total: { value: '12.25', currency: 'EUR' } };
  const facts = readEReceipt(issueEReceipt(shop, { customer: ana.did, vendorName: 'Tea & Co', order: parseOrder(two) }), { vendor: shop.did, customer: ana.did });
  const data = purchaseData(facts);
  assert.deepEqual(recordSchemas.purchase.parse(data), data);
  assert.deepEqual({ vendor: data['vendor'], item: data['item'], amount: data['amount'], currency: data['currency'], orderId: data['orderId'] }, { vendor: 'Tea & Co', item: 'Tea, Scones', amount: '12.25', currency: 'EUR', orderId: 'A-1001' });
});
