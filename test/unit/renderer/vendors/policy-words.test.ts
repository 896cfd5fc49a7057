import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptsFrom, policyLines, type PolicyClause } from '../../../../renderer/vendors/policy-words.ts';

const choices = (accepts: PolicyClause[], minDeleteAfterDays = '', shortestBreachNoticeHours = '') => ({ accepts: new Set(accepts), minDeleteAfterDays, shortestBreachNoticeHours });

test('the policy form becomes the accepts text vendor.profile.set parses', () => {
  assert.deepEqual(acceptsFrom(choices(['no-tracking', 'delivery-only'])), { accepts: 'delivery-only,no-tracking' });
  assert.deepEqual(acceptsFrom(choices(['delete-after', 'breach-notice'], '90', '24')), { accepts: 'delete-after-90d,breach-notice-24h' });
  assert.deepEqual(acceptsFrom(choices(['delete-after', 'breach-notice', 'custom'])), { accepts: 'delete-after,breach-notice,custom' }, 'an empty bound is no bound');
  assert.deepEqual(acceptsFrom(choices([])), { accepts: '' });
});

test('a bound out of range is said next to its field, unless its clause is not accepted', () => {
  const wrong = acceptsFrom(choices(['delete-after', 'breach-notice'], '0', '1000'));
  assert.ok('problems' in wrong);
  assert.match(wrong.problems.minDeleteAfterDays ?? '', /1 to 3650/);
  assert.match(wrong.problems.shortestBreachNoticeHours ?? '', /1 to 720/);
  assert.deepEqual(acceptsFrom(choices(['no-tracking'], 'x', 'y')), { accepts: 'no-tracking' });
});

test('a policy reads as the clauses a customer would proffer, with their bounds', () => {
  assert.deepEqual(policyLines({ accepts: ['delete-after', 'no-tracking'], minDeleteAfterDays: 30 }), [
    'No tracking or profiling',
    'Delete it after a number of days: at least 30',
  ]);
  assert.deepEqual(policyLines({ accepts: [] }), []);
});
