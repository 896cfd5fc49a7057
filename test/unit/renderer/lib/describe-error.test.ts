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
  assert.equal(hintFor('Invite them first (`kith invite`), then write.'), 'Invite them first under People & circles, then write.');
  assert.equal(hintFor('See your contacts with `kith contacts`.'), 'See them under People & circles.');
  assert.equal(hintFor('See your agreements with `kith agreements`.'), 'See them under Vendors & agreements.');
  assert.equal(hintFor('Add the file first with `kith doc add FILE`.'), 'Add the file under Documents first.');
  assert.equal(hintFor('Wait for an answer, then ask again.'), 'Wait for an answer, then ask again.', 'other hints are kept as they are');
});

test('a flood guard’s refusal says to wait, when the core gave no hint', () => {
  assert.equal(describeError(new KithError('RateLimited', 'Too many messages to Livraria at once.')).hint, 'Wait a moment, then try again.');
});
