import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { openLocker } from '../../../src/store/locker.ts';
import { KITH_DEFAULT_TERMS, SETTINGS, customClauses, defaultTermsFrom, getDefaultTerms, presetsText, setDefaultTerms } from '../../../src/trust/default-terms.ts';
import { parseTerms } from '../../../src/trust/terms.ts';

test('default terms round-trip through the spelling grants use', () => {
  const terms = defaultTermsFrom('delivery-only,delete-after-30d,breach-notice', ['Only on weekdays']);
  assert.equal(presetsText(terms), 'delivery-only,delete-after-30d,breach-notice-48h');
  assert.deepEqual(customClauses(terms), ['Only on weekdays']);
  assert.deepEqual(parseTerms(presetsText(terms), customClauses(terms)), terms);
  assert.deepEqual(defaultTermsFrom('no-tracking,no-tracking', ['a']), [{ id: 'no-tracking' }, { id: 'custom', text: 'a' }], 'duplicates are dropped');
  const ten = Array.from({ length: 10 }, (_, i) => `clause ${i + 1}`);
  assert.deepEqual(customClauses(defaultTermsFrom('', ten)), ten, 'defaults hold as many clauses as a grant takes');
  assert.throws(() => defaultTermsFrom('', [...ten, 'one more']), { code: 'InvalidInput', message: /at most 10 clauses/ });
  assert.throws(() => defaultTermsFrom('delete-after-30d,delete-after-60d', []), { code: 'InvalidInput' });
  assert.throws(() => defaultTermsFrom('nope', []), { code: 'InvalidInput' });
});

test('stored in the settings collection with an audit entry; what is read back is checked', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kith-default-terms-'));
  const owner = OwnerKey.generate();
  const locker = await openLocker(dir, owner);
  t.after(async () => {
    await locker.close();
    await rm(dir, { recursive: true, force: true });
  });
  assert.deepEqual(await getDefaultTerms(locker), { terms: KITH_DEFAULT_TERMS });
  const saved = await setDefaultTerms(locker, owner, [{ id: 'no-tracking' }]);
  assert.deepEqual(await getDefaultTerms(locker), saved);
  const [entry] = await locker.audit.entries({ kind: 'settings.updated' });
  assert.deepEqual(entry?.details, { defaultTerms: ['No tracking or profiling.'] });
  // Clauses outside the terms schema are refused before anything is written.
  await assert.rejects(setDefaultTerms(locker, owner, [{ id: 'delete-after', days: 0 }]), { code: 'InvalidInput' });
  // Disk is untrusted too: a tampered item is reported, not used.
  await locker.commit(owner, { items: [{ collection: SETTINGS, id: 'default-terms', value: { terms: [{ id: 'sell-it' }], updated: 'x' } }], audit: [{ kind: 'record.created', details: {} }] });
  await assert.rejects(getDefaultTerms(locker), { code: 'InvalidInput', message: /stored default terms/ });
});
