import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openKithApp } from '../../../../src/app/create-node.ts';
import { approvalTerms } from '../../../../src/app/services/requests-service.ts';

test("an approval's terms: the request's retention binds, the owner may add and shorten, never lengthen", () => {
  assert.deepEqual(approvalTerms(undefined), []);
  assert.deepEqual(approvalTerms(30), [{ id: 'delete-after', days: 30 }]);
  assert.deepEqual(approvalTerms(undefined, [{ id: 'no-tracking' }]), [{ id: 'no-tracking' }]);
  assert.deepEqual(approvalTerms(30, [{ id: 'no-tracking' }, { id: 'delete-after', days: 7 }]), [{ id: 'no-tracking' }, { id: 'delete-after', days: 7 }]);
  assert.deepEqual(approvalTerms(30, [{ id: 'delete-after', days: 90 }, { id: 'custom', text: 'Not for ads' }]), [
    { id: 'custom', text: 'Not for ads' },
    { id: 'delete-after', days: 30 },
  ]);
});

test('inbox.approve refuses malformed terms with InvalidInput before looking anything up', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'kith-approve-terms-'));
  const kith = await openKithApp({ home });
  t.after(async () => {
    await kith.close();
    await rm(home, { recursive: true, force: true });
  });
  await kith.dispatch('identity.init', { passphrase: 'approve passphrase' });
  for (const input of [
    { id: 'r1', terms: 'sell-it' },
    { id: 'r1', clauses: [''] },
    { id: 'r1', terms: 'x'.repeat(501) },
    { id: 'r1', clauses: Array.from({ length: 11 }, () => 'c') },
    { id: 'r1', terms: 7 },
  ]) {
    const answer = await kith.dispatch('inbox.approve', input);
    assert.equal((answer as { error?: { code: string } }).error?.code, 'InvalidInput', JSON.stringify(input).slice(0, 60));
  }
  const unknown = await kith.dispatch('inbox.approve', { id: 'r1', terms: 'no-tracking' });
  assert.equal((unknown as { error?: { code: string } }).error?.code, 'NotFound', 'good terms go on to the lookup');
});
