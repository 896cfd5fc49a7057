import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI, PASSPHRASE, initHome, runKith } from './run-kith.ts';

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
  const { run, ...counts } = first.json<{ run?: string }>();
  assert.match(run ?? '', /^\d{17}-[0-9a-f]{8}$/, 'the run to undo it by');
  assert.deepEqual(counts, { format: 'vcard', imported: 6, updated: 0, unchanged: 0, skipped: 0, errors: [], dryRun: false });
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

test('kith data undo-import: the last import taken back, said in words or as counts; twice is a clear refusal', async (t) => {
  const { home } = await initHome(t);
  const file = join(home, 'people.vcf');
  await writeFile(file, ['a', 'b', 'c'].map((uid) => `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:${uid}\r\nFN:Person ${uid}\r\nEND:VCARD\r\n`).join(''));
  const imported = await runKith(home, ['data', 'import', file]);
  assert.match(imported.stdout, /Imported .*people\.vcf \(vcard\): 3 contacts new.*\nUndo it with `kith data undo-import`\.\n$/);
  const people = (await runKith(home, ['data', 'list', '--json'])).json<{ id: string }[]>();
  const edited = people[0]?.id ?? '';
  assert.equal((await runKith(home, ['data', 'update', edited, '{"name":"Changed by hand"}'])).code, 0);

  const dry = await runKith(home, ['data', 'undo-import', '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^Would undo the import of people\.vcf \(vcard, \d{4}-\d\d-\d\d \d\d:\d\d UTC\): 2 records it added to delete, 0 it changed to put back as before; 1 you changed after the import would be kept as they are:\n {2}contact [a-z0-9]+\nNothing was written \(--dry-run\)\.\n$/);
  const undo = await runKith(home, ['data', 'undo-import', '--json']);
  assert.equal(undo.code, 0, undo.stderr);
  const answer = undo.json<{ deleted: number; restored: number; kept: { id: string }[]; dryRun: boolean }>();
  assert.deepEqual([answer.deleted, answer.restored, answer.kept.map((k) => k.id), answer.dryRun], [2, 0, [edited], false]);
  assert.deepEqual((await runKith(home, ['data', 'list', '--json'])).json<{ id: string }[]>().map((r) => r.id), [edited]);

  const twice = await runKith(home, ['data', 'undo-import']);
  assert.equal(twice.code, 1);
  assert.match(twice.stderr, /The last import, of people\.vcf .*, was already undone at .* Kith undoes only the last import/);
  const log = (await runKith(home, ['log', '--json'])).json<{ kind: string }[]>();
  assert.deepEqual(log.slice(-2).map((entry) => entry.kind), ['records.unimported', 'import.undone']);
});

test('kith data import: a progress bar on a terminal only; piped and --json output carry nothing but the answer', async (t) => {
  const { home } = await initHome(t);
  const file = join(home, 'many.vcf');
  await writeFile(file, Array.from({ length: 400 }, (_, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u${i}\r\nFN:Person ${i}\r\nEND:VCARD\r\n`).join(''));
  const piped = await runKith(home, ['data', 'import', file, '--dry-run']);
  assert.doesNotMatch(piped.stdout + piped.stderr, /\r|\x1b/, 'no bar on a pipe');
  const json = await runKith(home, ['data', 'import', file, '--json', '--dry-run']);
  assert.equal(json.json<{ imported: number }>().imported, 400);

  // A real terminal: script(1) gives the CLI a pseudo-terminal as stdout.
  const hasScript = spawnSync('script', ['--version']).status === 0;
  if (!hasScript) return t.skip('script(1) is not installed');
  const command = [process.execPath, CLI, 'data', 'import', file].map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
  const tty = spawnSync('script', ['-qec', command, '/dev/null'], { env: { PATH: process.env['PATH'] ?? '', KITH_HOME: home, KITH_PASSPHRASE: PASSPHRASE }, encoding: 'utf8' });
  assert.equal(tty.status, 0, tty.stderr);
  assert.match(tty.stdout, /\r\x1b\[2KWriting +\[[#.]+\] +\d+%  [\d,]+ of 400/, 'the bar is drawn while it writes');
  assert.match(tty.stdout, /\r\x1b\[2KImported .*many\.vcf \(vcard\): 400 contacts new/, 'and erased before the answer');
});
