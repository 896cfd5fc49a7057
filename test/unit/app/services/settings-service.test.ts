import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { AppEvent } from '../../../../src/api/contract.ts';
import { openKithApp } from '../../../../src/app/create-node.ts';

async function app(t: TestContext) {
  const home = await mkdtemp(join(tmpdir(), 'kith-settings-'));
  const kith = await openKithApp({ home });
  t.after(async () => {
    await kith.close();
    await rm(home, { recursive: true, force: true });
  });
  await kith.dispatch('identity.init', { passphrase: 'settings passphrase' });
  const seen: string[] = [];
  kith.onEvent((event: AppEvent) => seen.push(event.name));
  return { kith, seen };
}

test("settings.get: Kith's own default terms until the owner chooses", async (t) => {
  const { kith } = await app(t);
  assert.deepEqual(await kith.dispatch('settings.get', {}), {
    ok: true,
    value: {
      defaultTerms: {
        terms: 'no-onward-sharing,delete-on-revocation',
        clauses: [],
        described: ['No onward sharing or sale.', 'Delete it when I revoke access.'],
      },
      readReceipts: true,
    },
  });
});

test('settings.set: stored, described, logged, announced, and read back in the same spelling', async (t) => {
  const { kith, seen } = await app(t);
  const answer = await kith.dispatch('settings.set', {
    defaultTerms: { terms: ' no-tracking, breach-notice-24h,no-tracking,delete-after-90', clauses: ['Not for advertising'] },
  });
  assert.equal(answer.ok, true);
  const value = (answer as { value: { defaultTerms: unknown; updated?: string } }).value;
  assert.deepEqual(value.defaultTerms, {
    terms: 'no-tracking,breach-notice-24h,delete-after-90d',
    clauses: ['Not for advertising'],
    described: ['No tracking or profiling.', 'Tell me within 24 hours of any breach.', 'Delete it after 90 days.', 'Not for advertising'],
  });
  assert.ok(value.updated !== undefined && !Number.isNaN(Date.parse(value.updated)));
  assert.deepEqual(await kith.dispatch('settings.get', {}), answer);
  assert.ok(seen.includes('settings.changed') && seen.includes('log.appended'));

  const log = await kith.api['log.list']({ kind: 'settings.updated' });
  assert.equal(log.length, 1);
  assert.deepEqual(log[0]?.details, { defaultTerms: ['No tracking or profiling.', 'Tell me within 24 hours of any breach.', 'Delete it after 90 days.', 'Not for advertising'] });

  // Choosing no terms at all is a choice too, and is kept as such.
  const none = await kith.dispatch('settings.set', { defaultTerms: { terms: '', clauses: [] } });
  assert.deepEqual((none as { value: { defaultTerms: unknown } }).value.defaultTerms, { terms: '', clauses: [], described: [] });
});

test('settings.set refuses bad input with InvalidInput and changes nothing', async (t) => {
  const { kith } = await app(t);
  const bad: unknown[] = [
    {},
    { defaultTerms: { terms: 'no-tracking' } },
    { defaultTerms: { terms: 'sell-my-soul', clauses: [] } },
    { defaultTerms: { terms: 'delete-after-0d', clauses: [] } },
    { defaultTerms: { terms: 'delete-after-30d,delete-after-60d', clauses: [] } },
    { defaultTerms: { terms: 'breach-notice-24h,breach-notice-48h', clauses: [] } },
    { defaultTerms: { terms: 'x'.repeat(501), clauses: [] } },
    { defaultTerms: { terms: '', clauses: ['   '] } },
    { defaultTerms: { terms: '', clauses: ['x'.repeat(501)] } },
    { defaultTerms: { terms: '', clauses: Array.from({ length: 11 }, (_, i) => `clause ${i}`) } },
    { defaultTerms: { terms: '', clauses: [], extra: true } },
    { defaultTerms: { terms: 42, clauses: [] } },
    { defaultTerms: 'no-tracking' },
  ];
  for (const input of bad) {
    const answer = await kith.dispatch('settings.set', input);
    assert.equal(answer.ok, false, JSON.stringify(input).slice(0, 80));
    assert.equal((answer as { error: { code: string } }).error.code, 'InvalidInput', JSON.stringify(input).slice(0, 80));
  }
  const after = await kith.dispatch('settings.get', {});
  assert.equal((after as { value: { updated?: string } }).value.updated, undefined, 'nothing was stored');
  assert.deepEqual(await kith.api['log.list']({ kind: 'settings.updated' }), []);
});

test('settings.set needs the unlocked key; bad input is still InvalidInput while locked', async (t) => {
  const { kith } = await app(t);
  await kith.dispatch('identity.lock', {});
  const locked = await kith.dispatch('settings.set', { defaultTerms: { terms: 'no-tracking', clauses: [] } });
  assert.equal((locked as { error: { code: string } }).error.code, 'KeyLocked');
  const bad = await kith.dispatch('settings.set', { defaultTerms: { terms: 'nope', clauses: [] } });
  assert.equal((bad as { error: { code: string } }).error.code, 'InvalidInput');
});

test('read receipts are on until turned off; turning them off is kept and is an audit entry', async (t) => {
  const { kith } = await app(t);
  assert.equal((await kith.api['settings.get']({})).readReceipts, true);
  const off = await kith.dispatch('settings.set', { readReceipts: false });
  assert.equal(off.ok, true);
  assert.equal((await kith.api['settings.get']({})).readReceipts, false);
  assert.equal((await kith.api['settings.get']({})).updated, undefined, 'the default terms were not touched');
  const log = await kith.api['log.list']({ kind: 'settings.read-receipts' });
  assert.equal(log.length, 1);
  assert.deepEqual(log[0]?.details, { on: false });
  const bad = await kith.dispatch('settings.set', { readReceipts: 'no' });
  assert.equal(bad.ok, false);
});
