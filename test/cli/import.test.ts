import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { initHome, runKith } from './run-kith.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'importers');

test('kith data import: a summary for people, the counts for scripts, a re-import that changes nothing', async (t) => {
  const { home } = await initHome(t);
  const outlook = join(FIXTURES, 'ez-vcard', 'John_Doe_ANDROID.vcf');
  const dry = await runKith(home, ['data', 'import', outlook, '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /Would import .*John_Doe_ANDROID.vcf \(vcard\): 6 contacts new, 0 updated, 0 unchanged\.\nNothing was written \(--dry-run\)\./);
  assert.equal((await runKith(home, ['data', 'list', '--json'])).json<unknown[]>().length, 0);

  const first = await runKith(home, ['data', 'import', outlook, '--json']);
  assert.equal(first.code, 0, first.stderr);
  assert.deepEqual(first.json(), { format: 'vcard', imported: 6, updated: 0, unchanged: 0, skipped: 0, errors: [], dryRun: false });
  const again = await runKith(home, ['data', 'import', outlook, '--json']);
  assert.deepEqual(again.json(), { format: 'vcard', imported: 0, updated: 0, unchanged: 6, skipped: 0, errors: [], dryRun: false });
  const list = await runKith(home, ['data', 'list', 'contact']);
  assert.match(list.stdout, /contact +v1 +Ñ Ñ Ñ Ñ Ñ, 123456789/);

  const csv = await runKith(home, ['data', 'import', join(FIXTURES, 'csv2ofx', 'amazon.csv'), '--map', 'currency=USD']);
  assert.equal(csv.code, 0, csv.stderr);
  assert.match(csv.stdout, /3 purchases new, 0 updated, 0 unchanged, 4 not readable:\n {2}row at line 5: "pending" is not a date\n/);
  const log = (await runKith(home, ['log', '--json'])).json<{ kind: string }[]>();
  assert.deepEqual(log.map((entry) => entry.kind), ['import.started', 'records.imported', 'import.started', 'records.imported']);
});

test('kith data import refuses what it cannot read, with a stable code and nothing written', async (t) => {
  const { home } = await initHome(t);
  const binary = join(home, 'x.vcf');
  await writeFile(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]));
  const brokenZip = join(home, 'takeout.zip');
  await writeFile(brokenZip, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1]));
  const cases: [string[], RegExp][] = [
    [['data', 'import', binary], /binary file/],
    [['data', 'import', brokenZip], /The archive cannot be read/],
    [['data', 'import', join(FIXTURES, 'csv2ofx', 'capitalone.csv')], /does not say which currency.*--map currency=EUR/s],
    [['data', 'import', join(FIXTURES, 'csv2ofx', 'capitalone.csv'), '--format', 'pdf'], /--format must be one of vcard, ical, csv, google-takeout, facebook/],
    [['data', 'import', join(FIXTURES, 'csv2ofx', 'capitalone.csv'), '--map', 'date'], /--map: "date" is not FIELD=COLUMN/],
    [['data', 'import', join(home, 'nothing.ics')], /There is no file or folder/],
  ];
  for (const [args, message] of cases) {
    const run = await runKith(home, args);
    assert.equal(run.code, 1, args.join(' '));
    assert.match(run.stderr, message);
  }
  const json = await runKith(home, ['data', 'import', binary, '--json']);
  assert.equal((JSON.parse(json.stderr || json.stdout) as { error: { code: string } }).error.code, 'InvalidInput');
  assert.equal((await runKith(home, ['log', '--json'])).json<unknown[]>().length, 0);
});
