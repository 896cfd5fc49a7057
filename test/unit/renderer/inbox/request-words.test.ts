import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldOptions, fieldsText, retentionText, typesText } from '../../../../renderer/inbox/request-words.ts';

test('types read as a list in the words of My data', () => {
  assert.equal(typesText(['email']), 'Email address');
  assert.equal(typesText(['email', 'address', 'phone']), 'Email address, Postal address and Phone number');
});

test('field choices: one per schema key, saying which types a shared key applies to', () => {
  assert.deepEqual(
    fieldOptions(['address']).map((o) => o.key),
    ['streetAddress', 'addressLocality', 'addressRegion', 'postalCode', 'addressCountry', 'label'],
  );
  const both = fieldOptions(['email', 'address']);
  assert.equal(both.filter((o) => o.key === 'label').length, 1, 'one choice for a key two types share');
  assert.equal(both.find((o) => o.key === 'label')?.label, 'Label (Email address and Postal address)');
  assert.equal(both.find((o) => o.key === 'postalCode')?.label, 'Postal code (Postal address)');
  assert.equal(both.find((o) => o.key === 'address')?.label, 'Email address', 'not "Email address (Email address)"');
  assert.equal(fieldOptions(['address']).find((o) => o.key === 'postalCode')?.label, 'Postal code');
});

test('field choices of a request that named fields are those fields; free-form records have none', () => {
  assert.deepEqual(
    fieldOptions(['address'], ['addressLocality', 'shoeSize']).map((o) => o.label),
    ['Town or city', 'shoeSize'],
  );
  assert.deepEqual(fieldOptions(['custom']), []);
  assert.equal(fieldsText(['address'], ['addressLocality', 'addressCountry']), 'Town or city, Country code');
});

test('retention: what approving means while pending, the bare period once answered', () => {
  assert.match(retentionText(30), /^30 days, then they delete it/);
  assert.match(retentionText(undefined), /until you revoke/);
  assert.equal(retentionText(1, false), '1 day');
  assert.equal(retentionText(undefined, false), 'They did not say');
});
