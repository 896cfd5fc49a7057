import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { flipStoredByte } from '../unit/store/sealed-access.ts';
import { PASSPHRASE, initHome, runKith } from './run-kith.ts';

interface RecordOut {
  id: string;
  type: string;
  version: number;
  deleted: boolean;
  data: Record<string, unknown> | null;
}

test('records: set, get, update, history, list by type, rm keeps a tombstone', async (t) => {
  const { home, did } = await initHome(t);
  const set = await runKith(home, ['data', 'set', 'address', '{"streetAddress":"Rua Augusta 1","addressLocality":"Lisboa","addressCountry":"PT"}', '--json']);
  assert.equal(set.code, 0, set.stderr);
  const { id } = set.json<RecordOut>();
  assert.match(id, /^[a-z0-9]{16}$/);
  await runKith(home, ['data', 'set', 'email', '{"address":"ana@example.org"}']);

  const update = await runKith(home, ['data', 'update', id, '{"streetAddress":"Rua do Ouro 9","addressLocality":"Lisboa","addressCountry":"PT"}', '--json']);
  assert.equal(update.code, 0, update.stderr);
  assert.equal(update.json<RecordOut>().version, 2);

  const got = await runKith(home, ['data', 'get', id, '--json']);
  const record = got.json<RecordOut & { credential: { issuer: string; proof: { cryptosuite: string } } }>();
  assert.equal(record.data?.['streetAddress'], 'Rua do Ouro 9');
  assert.equal(record.credential.issuer, did);
  assert.equal(record.credential.proof.cryptosuite, 'eddsa-jcs-2022');

  const addresses = (await runKith(home, ['data', 'list', 'address', '--json'])).json<RecordOut[]>();
  assert.deepEqual(addresses.map((r) => r.id), [id]);
  assert.equal((await runKith(home, ['data', 'list', '--json'])).json<RecordOut[]>().length, 2);

  const rm = await runKith(home, ['data', 'rm', id, '--json']);
  assert.equal(rm.json<RecordOut>().deleted, true);
  assert.equal((await runKith(home, ['data', 'list', 'address', '--json'])).json<RecordOut[]>().length, 0);
  const history = (await runKith(home, ['data', 'history', id, '--json'])).json<RecordOut[]>();
  assert.deepEqual(history.map((v) => [v.version, v.deleted]), [[1, false], [2, false], [3, true]]);
  assert.equal(history[0]?.data?.['streetAddress'], 'Rua Augusta 1');

  const again = await runKith(home, ['data', 'update', id, '{"streetAddress":"x","addressLocality":"y","addressCountry":"PT"}']);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /was deleted/);

  const log = (await runKith(home, ['log', '--json'])).json<{ kind: string }[]>();
  assert.deepEqual(log.map((e) => e.kind), ['record.created', 'record.created', 'record.updated', 'record.deleted']);

  // A person reads sentences under a day heading, with the record in words, never a code.
  const human = await runKith(home, ['log']);
  assert.equal(human.code, 0, human.stderr);
  const lines = human.stdout.trim().split('\n');
  assert.equal(lines[0], 'Today');
  assert.match(lines[1] ?? '', /^ {2}#0 +\d\d:\d\d {2}You added your postal address \(Rua do Ouro 9, Lisboa; since deleted\)\.$/);
  assert.match(lines[2] ?? '', /You added your email address \(ana@example\.org\)\.$/);
  assert.match(lines[4] ?? '', /You deleted your postal address/);
  assert.doesNotMatch(human.stdout, /record\.created|did:key|\{/);
  const onlyEmail = await runKith(home, ['log', '--record', log.length > 0 ? (await runKith(home, ['data', 'list', 'email', '--json'])).json<RecordOut[]>()[0]?.id ?? '' : '']);
  assert.deepEqual(onlyEmail.stdout.trim().split('\n').slice(1).map((l) => l.replace(/^ +#\d+ +\d\d:\d\d {2}/, '')), ['You added your email address (ana@example.org).']);
});

test('bad record input is refused with a reason, and nothing is stored', async (t) => {
  const { home } = await initHome(t);
  const cases: [string[], RegExp][] = [
    [['data', 'set', 'email', '{"address": "ana@'], /not valid JSON/],
    [['data', 'set', 'email', '{"address":"not an email"}'], /must be an email address/],
    [['data', 'set', 'email', '{"address":"a@b.org","extra":1}'], /Unrecognized key/],
    [['data', 'set', 'purchase', '{"vendor":"V","item":"I","date":"2026-02-30","amount":3,"currency":"EUR"}'], /not a real calendar date/],
    [['data', 'set', 'birthdate', '{"date":"2999-01-01"}'], /future/],
    [['data', 'set', 'spaceship', '{}'], /must be one of/],
    [['data', 'set', 'custom', `{"blob":"${'x'.repeat(70_000)}"}`], /larger than 64 KiB/],
    [['data', 'set', 'document', '{"name":"a","mediaType":"text/plain","size":1,"sha256":"' + '0'.repeat(64) + '"}'], /must be one of|doc add/],
    [['data', 'get', 'NOT-AN-ID'], /must be a record id/],
    [['data', 'get', 'abcdefgh12345678'], /no record abcdefgh12345678/],
  ];
  for (const [args, message] of cases) {
    const run = await runKith(home, args);
    assert.equal(run.code, 1, `${args.join(' ')} should fail`);
    assert.match(run.stderr, message, args.join(' ').slice(0, 80));
    assert.equal(run.stderr.trim().split('\n').length, 1, 'one line');
  }
  const json = await runKith(home, ['data', 'set', 'email', '{}', '--json']);
  assert.equal(JSON.parse(json.stderr).error.code, 'InvalidInput');
  assert.equal((await runKith(home, ['data', 'list', '--json'])).json<unknown[]>().length, 0);
  assert.equal((await runKith(home, ['log', '--verify', '--json'])).json()['ok'], true);
});

test('a second process gets "locker in use" while the locker is open', async (t) => {
  const { home } = await initHome(t);
  // Hold the locker open in another process through the store itself.
  const holder = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { openLocker } from ${JSON.stringify(join(import.meta.dirname, '..', '..', 'src', 'store', 'locker.ts'))};
       import { readKeystore, unlockKeystore } from ${JSON.stringify(join(import.meta.dirname, '..', '..', 'src', 'identity', 'keystore.ts'))};
       import { OwnerKey } from ${JSON.stringify(join(import.meta.dirname, '..', '..', 'src', 'identity', 'identity.ts'))};
       const seed = await unlockKeystore(await readKeystore(${JSON.stringify(join(home, 'keystore.json'))}), ${JSON.stringify(PASSPHRASE)});
       await openLocker(${JSON.stringify(join(home, 'locker'))}, OwnerKey.fromSeed(seed));
       console.log('open');
       setTimeout(() => {}, 60000);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  t.after(() => holder.kill('SIGKILL'));
  await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
  const run = await runKith(home, ['data', 'list']);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /in use by another Kith process/);
});

test('a record whose stored bytes were altered is reported by id, and the other records are still listed', async (t) => {
  const { home } = await initHome(t);
  const damaged = (await runKith(home, ['data', 'set', 'email', '{"address":"ana@example.org"}', '--json'])).json<RecordOut>().id;
  const kept = (await runKith(home, ['data', 'set', 'email', '{"address":"ana@work.example"}', '--json'])).json<RecordOut>().id;
  await flipStoredByte(join(home, 'locker'), `v:${damaged}\u00000000000001`);
  const list = await runKith(home, ['data', 'list', '--json']);
  assert.equal(list.code, 0, list.stderr);
  assert.deepEqual(list.json<RecordOut[]>().map((r) => r.id), [kept]);
  assert.match(list.stderr, new RegExp(`warning: the stored data of record "${damaged}" failed its integrity check`));
  const got = await runKith(home, ['data', 'get', damaged]);
  assert.equal(got.code, 1);
  assert.match(got.stderr, new RegExp(`record "${damaged}".*altered or damaged`));
});
