// A locker written before encryption at rest is sealed on its first open, and a kill -9 at
// any moment of that migration loses nothing: the next open finishes it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Level } from 'level';
import { toHex } from '../../../src/base/bytes.ts';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { type Locker, lockerDbPath, openLocker } from '../../../src/store/locker.ts';
import { type PlainContent, writePlainLocker } from './plain-locker.ts';

const NODE = new URL('../../../node_modules/.bin/node', import.meta.url).pathname;
const LOCKER_MODULE = new URL('../../../src/store/locker.ts', import.meta.url).href;
const IDENTITY_MODULE = new URL('../../../src/identity/identity.ts', import.meta.url).href;
const STREET = 'Avenida Migrada 77';

function content(records: number): PlainContent {
  return {
    records: Array.from({ length: records }, (_, i) => ({
      id: `r${String(i).padStart(5, '0')}`,
      type: i % 3 === 0 ? 'address' : 'email',
      credentials: [{ n: i, street: `${STREET} #${i}` }, { n: i, v: 2, street: `${STREET} #${i} (moved)` }],
    })),
    items: [
      { collection: 'contacts', id: '12D3KooWPeerAna', value: { petname: 'Ana Migrada' } },
      { collection: 'outbox', id: '12D3KooWPeerAna:000002', value: { n: 2 } },
      { collection: 'outbox', id: '12D3KooWPeerAna:000001', value: { n: 1 } },
    ],
    auditKinds: ['record.created', 'record.updated', 'contact.added'],
  };
}

async function assertMigrated(locker: Locker, expected: PlainContent): Promise<void> {
  assert.equal(locker.integrity.ok, true);
  const list = await locker.records.list();
  assert.equal(list.length, expected.records.length);
  assert.equal(await locker.records.count('address'), expected.records.filter((r) => r.type === 'address').length);
  assert.equal(await locker.records.count('email'), expected.records.filter((r) => r.type === 'email').length);
  const sample = expected.records[expected.records.length - 1];
  assert.ok(sample !== undefined);
  assert.deepEqual((await locker.records.history(sample.id)).map((v) => v.credential), sample.credentials);
  assert.deepEqual((await locker.records.list('address')).map((r) => r.id), expected.records.filter((r) => r.type === 'address').map((r) => r.id));
  assert.deepEqual(await locker.collections.get('contacts', '12D3KooWPeerAna'), { petname: 'Ana Migrada' });
  assert.deepEqual((await locker.collections.list('outbox', '12D3KooWPeerAna:')).map((i) => i.value), [{ n: 1 }, { n: 2 }], 'in id order');
  const report = await locker.audit.verifyChain();
  assert.deepEqual([report.ok, report.count], [true, expected.auditKinds.length]);
}

async function countSealed(dir: string): Promise<{ sealed: number; plain: number }> {
  const raw = new Level<string, Uint8Array>(lockerDbPath(dir), { valueEncoding: 'view' });
  await raw.open();
  let sealed = 0;
  let plain = 0;
  for await (const [key, value] of raw.iterator()) {
    if (key.startsWith('m:owner') || key === 'm:format' || key === 'm:lockerkey') continue;
    if (value[0] === 0x01) sealed++;
    else plain++;
  }
  await raw.close();
  return { sealed, plain };
}

async function plainLeft(dir: string): Promise<boolean> {
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && (await readFile(join(entry.parentPath, entry.name))).includes(Buffer.from(STREET))) return true;
  }
  return false;
}

test('a plain locker is sealed on first open: everything readable, nothing plain left on disk, layout 2', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kith-migrate-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const owner = OwnerKey.generate();
  const expected = content(300);
  await writePlainLocker(dir, owner, expected);
  assert.equal(await plainLeft(dir), true, 'the fixture is plain');
  const locker = await openLocker(dir, owner);
  await assertMigrated(locker, expected);
  await locker.commit(owner, { records: [{ id: 'after', type: 'email', version: 1, credential: {} }], audit: [{ kind: 'record.created', details: {} }] });
  await locker.close();
  assert.equal(await plainLeft(dir), false, 'no plain value is left in any file');
  const raw = new Level<string, string>(lockerDbPath(dir), { valueEncoding: 'utf8' });
  await raw.open();
  assert.equal(await raw.get('m:format'), '2');
  await raw.close();
  const again = await openLocker(dir, owner);
  t.after(() => again.close());
  assert.equal(await again.records.count(), expected.records.length + 1);
});

test('the migration killed with SIGKILL at random moments loses nothing, and the next open finishes it', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kith-migrate-kill-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const owner = OwnerKey.generate();
  const expected = content(4000);
  await writePlainLocker(dir, owner, expected);
  const script = `
    import { openLocker } from ${JSON.stringify(LOCKER_MODULE)};
    import { OwnerKey } from ${JSON.stringify(IDENTITY_MODULE)};
    const owner = OwnerKey.fromSeed(Buffer.from(process.argv[1], 'hex'));
    process.stdout.write('start\\n');
    const locker = await openLocker(process.argv[2], owner);
    await locker.close();
    process.stdout.write('done\\n');`;
  let killed = 0;
  let partial = 0;
  let window = 400; // ms after the child starts its open, within which the kill lands
  for (let round = 0; round < 12 && partial === 0; round++) {
    const child = spawn(NODE, ['--input-type=module', '-e', script, toHex(owner.exportSeed()), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const closed = new Promise((resolve) => child.on('close', resolve));
    await Promise.race([new Promise<void>((resolve) => child.stdout.once('data', () => resolve())), closed]);
    const started = performance.now();
    const timer = setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * window));
    await closed;
    clearTimeout(timer);
    if (out.includes('done')) {
      // The migration finished before the kill: start over on a new plain locker, killing sooner.
      window = Math.max(5, Math.floor((performance.now() - started) * 0.8));
      await rm(dir, { recursive: true, force: true });
      await writePlainLocker(dir, owner, expected);
      continue;
    }
    killed++;
    const { sealed, plain } = await countSealed(dir);
    if (sealed > 0 && plain > 0) partial++;
  }
  assert.ok(partial >= 1, `a run was killed in the middle of the migration (killed ${killed}, of them mid-migration ${partial})`);
  const locker = await openLocker(dir, owner);
  t.after(() => locker.close());
  await assertMigrated(locker, expected);
});
