// Which store a node uses: none for a person, the remembered one for a vendor, never a
// password written to the data folder.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { chooseVendorStore } from '../../../src/app/vendor-store-choice.ts';

test('a person has no vendor store; a vendor remembers its choice, without the password', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'kith-choice-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  assert.equal(await chooseVendorStore(home, {}, {}), undefined);
  assert.equal(await chooseVendorStore(home, {}, { KITH_VENDOR_STORE: 'postgres://x@y/z' }), undefined, 'the variable alone does not make a vendor');
  assert.deepEqual(await chooseVendorStore(home, { vendor: true }, {}), { kind: 'pglite', dir: join(home, 'vendor-store') });
  assert.deepEqual(await chooseVendorStore(home, {}, {}), { kind: 'pglite', dir: join(home, 'vendor-store') }, 'remembered');
  const url = 'postgres://shop:s3cret@db.internal:5432/shop';
  assert.deepEqual(await chooseVendorStore(home, { vendor: true, store: url }, {}), { kind: 'postgres', url }, 'this process keeps the password');
  const saved = await readFile(join(home, 'vendor-store.json'), 'utf8');
  assert.doesNotMatch(saved, /s3cret/);
  assert.equal(JSON.parse(saved).store, 'postgres://shop@db.internal:5432/shop');
  assert.equal((await stat(join(home, 'vendor-store.json'))).mode & 0o777, 0o600);
  assert.deepEqual(await chooseVendorStore(home, {}, { KITH_VENDOR_STORE: 'postgres://other@h/db' }), { kind: 'postgres', url: 'postgres://other@h/db' }, 'the variable chooses for a vendor');
  await assert.rejects(chooseVendorStore(home, { vendor: true, store: 'mysql://a@b/c' }, {}), { code: 'InvalidInput' });
});
