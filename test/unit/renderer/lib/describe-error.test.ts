import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeError } from '../../../../renderer/lib/describe-error.ts';
import { KithError } from '../../../../src/base/errors.ts';

const hintFor = (hint: string) => describeError(new KithError('InvalidInput', 'x', { hint })).hint;

test('hints that name a kith command point at the screen instead', () => {
  assert.equal(hintFor('Deny it with `kith deny r0123456789abcdef`.'), 'Deny the request instead.');
  assert.equal(hintFor('Add one with `kith data set`, or deny the request with `kith deny r0123456789abcdef`.'), 'Add one under My data, or deny the request.');
  assert.equal(hintFor('See them with `kith contacts`.'), 'See them under People & circles.');
  assert.equal(hintFor('Its node must run `kith start --vendor`.'), 'Its node must run as a vendor node.');
  assert.equal(
    hintFor('Proffer your terms first: kith agree "Livraria" --purpose TEXT --terms delivery-only,delete-on-revocation'),
    'Propose an agreement to it first, under Vendors & agreements.',
  );
  assert.equal(hintFor('See your customers with `kith vendor customers`.'), 'See them under Customers.');
  assert.equal(hintFor('See them with `kith vendor webhook list`.'), 'See them under Webhooks.');
  assert.equal(hintFor('See whose you hold with `kith recovery status`.'), 'See whose you hold under Settings → Help a friend recover.');
  assert.equal(
    hintFor('It must be running and waiting (`kith recovery start`); ask for the code it shows now.'),
    'It must be running and waiting for approvals; ask for the code it shows now.',
  );
  assert.equal(hintFor('Wait for an answer, then ask again.'), 'Wait for an answer, then ask again.', 'other hints are kept as they are');
});
