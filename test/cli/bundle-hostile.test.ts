// Bundles made by someone who holds the owner's key but not the rules (or by no one):
// each must be refused with the item named, leave the locker exactly as it was (still
// importable), and leave no scratch files behind.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile, truncate, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import tar from 'tar-stream';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { recordCredential } from '../../src/app/records/record-credential.ts';
import { issueCredential } from '../../src/credentials/credential.ts';
import { OwnerKey } from '../../src/identity/identity.ts';
import { initHome, restoreHome, runKith, tempHome } from './run-kith.ts';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** A bundle signed by `owner` with whatever records and blobs the test wants. */
async function craftBundle(path: string, owner: OwnerKey, records: Record<string, unknown>[], blobs: Buffer[] = [], extraLine = ''): Promise<void> {
  const recordsText = records.map((r) => JSON.stringify(r)).join('\n') + (records.length > 0 ? '\n' : '') + extraLine;
  const auditText = '';
  const ids = new Set(records.map((r) => (r as { credentialSubject: { record: { id: string } } }).credentialSubject.record.id));
  const manifest = issueCredential({
    types: ['KithBundleManifest'],
    signer: owner,
    subject: {
      id: owner.did,
      format: 1,
      created: new Date().toISOString(),
      records: ids.size,
      versions: records.length + (extraLine === '' ? 0 : 1),
      documents: blobs.length,
      auditEntries: 0,
      files: [
        { path: 'records.jsonl', sha256: sha256(recordsText), size: Buffer.byteLength(recordsText) },
        { path: 'audit.jsonl', sha256: sha256(auditText), size: 0 },
      ],
    },
  });
  const pack = tar.pack();
  const out = pipeline(pack, createWriteStream(path));
  pack.entry({ name: 'records.jsonl' }, recordsText);
  pack.entry({ name: 'audit.jsonl' }, auditText);
  for (const blob of blobs) pack.entry({ name: `blobs/${sha256(blob)}` }, blob);
  pack.entry({ name: 'manifest.json' }, JSON.stringify(manifest));
  pack.finalize();
  await out;
}

const time = '2026-01-01T00:00:00.000Z';

async function setup(t: Parameters<typeof initHome>[0]) {
  const { home, recoveryPhrase } = await initHome(t);
  const owner = OwnerKey.fromRecoveryPhrase(recoveryPhrase);
  const target = await tempHome(t);
  await restoreHome(target, recoveryPhrase);
  return { home, owner, target };
}

async function assertUntouched(target: string) {
  assert.deepEqual((await runKith(target, ['data', 'list', '--json'])).json(), []);
  assert.deepEqual((await runKith(target, ['log', '--json'])).json(), []);
  const entries = await readdir(target);
  assert.deepEqual(entries.filter((name) => name.includes('importing') || name.includes('replaced')), [], 'no staging folders left');
  const blobs = await readdir(join(target, 'locker', 'blobs')).catch(() => []);
  assert.equal(blobs.filter((name) => !name.startsWith('.')).length, 0, 'no document files left');
}

test('owner-signed bundles that break the rules are refused and change nothing', async (t) => {
  const { home, owner, target } = await setup(t);
  const email = (id: string, version: number, data: unknown = { address: 'ana@example.org' }) =>
    recordCredential(owner, { id, type: 'email', version, deleted: false, time, data });
  const cases: [string, Record<string, unknown>[], Buffer[], RegExp][] = [
    ['type change', [email('aaaaaaaa00000001', 1), recordCredential(owner, { id: 'aaaaaaaa00000001', type: 'phone', version: 2, deleted: false, time, data: { number: '+351 21 000 0000' } })], [], /line 2 changes record aaaaaaaa00000001 from email to phone/],
    ['version gap', [email('aaaaaaaa00000001', 1), email('aaaaaaaa00000001', 3)], [], /line 2 is version 3 .* where 2 was expected/],
    ['data off schema', [email('aaaaaaaa00000001', 1, { address: 'not an email' })], [], /line 1 does not verify .*must be an email/],
    ['orphan document file', [email('aaaaaaaa00000001', 1)], [Buffer.from('a file nobody named')], /is not named by any document record/],
    [
      'missing document file',
      [recordCredential(owner, { id: 'aaaaaaaa00000002', type: 'document', version: 1, deleted: false, time, data: { name: 'x.txt', mediaType: 'text/plain', size: 3, sha256: sha256('abc') } })],
      [],
      /is named by a record but missing/,
    ],
  ];
  for (const [label, records, blobs, message] of cases) {
    const bundle = join(home, `${label.replaceAll(' ', '-')}.kith`);
    await craftBundle(bundle, owner, records, blobs);
    const verify = await runKith(home, ['verify', bundle]);
    assert.equal(verify.code, 1, label);
    assert.match(verify.stdout, message, label);
    const run = await runKith(target, ['import', bundle]);
    assert.equal(run.code, 1, label);
    assert.match(run.stderr, message, label);
    await assertUntouched(target);
  }

  // A stranger's records inside my manifest.
  const stranger = OwnerKey.generate();
  const foreign = join(home, 'foreign.kith');
  await craftBundle(foreign, owner, [recordCredential(stranger, { id: 'aaaaaaaa00000003', type: 'email', version: 1, deleted: false, time, data: { address: 'x@example.org' } })]);
  const run = await runKith(target, ['import', foreign]);
  assert.match(run.stderr, /line 1 is not signed by the bundle owner/);
  await assertUntouched(target);

  // One endless line is cut off at the cap, not gathered into memory.
  const huge = join(home, 'huge.kith');
  await craftBundle(huge, owner, [], [], `{"x":"${'a'.repeat(2 * 1024 * 1024)}"}`);
  const long = await runKith(target, ['import', huge]);
  assert.match(long.stderr, /records.jsonl line 1 is longer than/);
  await assertUntouched(target);

  // After all that, a good bundle still imports.
  const good = join(home, 'good.kith');
  await craftBundle(good, owner, [email('aaaaaaaa00000001', 1)]);
  const ok = await runKith(target, ['import', good, '--json']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal((await runKith(target, ['data', 'list', '--json'])).json<unknown[]>().length, 1);
});

test('a truncated bundle is refused without a crash or leftovers', async (t) => {
  const { home, target } = await setup(t);
  await runKith(home, ['data', 'set', 'email', '{"address":"ana@example.org"}']);
  const bundle = join(home, 'b.kith');
  assert.equal((await runKith(home, ['export', bundle])).code, 0);
  for (const size of [1000, 3000]) {
    await truncate(bundle, size);
    const verify = await runKith(home, ['verify', bundle]);
    assert.equal(verify.code, 1);
    assert.match(verify.stdout, /not a Kith bundle, or it is cut short/);
    const run = await runKith(target, ['import', bundle]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /cut short/);
    assert.doesNotMatch(run.stderr, /at |Error:/, 'no stack trace');
    await assertUntouched(target);
  }
});

test('file targets: missing folders, folders, existing files and damaged documents get plain errors', async (t) => {
  const { home } = await initHome(t);
  const file = join(home, 'note.txt');
  await writeFile(file, 'hello');
  const doc = (await runKith(home, ['doc', 'add', file, '--json'])).json()['id'] as string;
  const folder = join(home, 'a-folder');
  await mkdir(folder);
  const cases: [string[], RegExp][] = [
    [['export', join(home, 'nope', 'b.kith')], /no file or folder at .*nope/],
    [['export', folder, '--force'], /is a folder, not a file/],
    [['doc', 'get', doc, join(home, 'nope', 'x.txt')], /no file or folder at .*nope/],
    [['doc', 'get', doc, folder, '--force'], /is a folder, not a file/],
    [['doc', 'get', doc, file], /already exists.*--force/],
    [['doc', 'add', folder], /not a regular file/],
    [['doc', 'add', join(home, 'missing.pdf')], /no file or folder at/],
    [['verify', folder], /is not a regular file/],
  ];
  for (const [args, message] of cases) {
    const run = await runKith(home, args);
    assert.equal(run.code, 1, args.join(' '));
    assert.match(run.stderr, message, args.join(' '));
    assert.doesNotMatch(run.stderr, /inside Kith/, 'not reported as a bug');
  }
  assert.equal(await readFile(file, 'utf8'), 'hello', 'the existing file was not replaced');

  // A document altered on disk: export refuses, and leaves nothing beside the target.
  const blobs = join(home, 'locker', 'blobs');
  const stored = (await readdir(blobs, { recursive: true })).find((name) => /[0-9a-f]{20,}$/.test(name));
  assert.ok(stored !== undefined);
  await writeFile(join(blobs, stored), 'tampered');
  const out = join(home, 'out');
  await mkdir(out);
  const run = await runKith(home, ['export', join(out, 'b.kith')]);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /altered|damaged|does not match/i);
  assert.deepEqual(await readdir(out), []);
  const get = await runKith(home, ['doc', 'get', doc, join(out, 'x.txt')]);
  assert.equal(get.code, 1);
  assert.deepEqual(await readdir(out), []);
});
