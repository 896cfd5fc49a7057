// data.import against a real locker (LevelDB on disk): what is written, what a re-import
// changes, and that bad input writes nothing.
import assert from 'node:assert/strict';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { AppContext } from '../../../../src/app/context.ts';
import { IMPORT_SOURCES, sourceKey } from '../../../../src/app/importers/import-plan.ts';
import { resolvePaths } from '../../../../src/app/paths.ts';
import { recordFacts } from '../../../../src/app/records/record-credential.ts';
import { identityService } from '../../../../src/app/services/identity-service.ts';
import { importService } from '../../../../src/app/services/import-service.ts';
import { recordsService } from '../../../../src/app/services/records-service.ts';
import { verifyCredential } from '../../../../src/credentials/credential.ts';
import { strToU8, zipSync } from 'fflate';
import { FIXTURES } from '../importers/fixtures.ts';

/** An answer without its run id (a fresh one each import), after checking it has one. */
function counts<T extends { run?: string }>(result: T): Omit<T, 'run'> {
  const { run, ...rest } = result;
  assert.match(run ?? '', /^\d{17}-[0-9a-f]{8}$/, 'an import that wrote names its run');
  return rest;
}

const card = (uid: string, name: string, extra = '') => `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:${uid}\r\nFN:${name}\r\n${extra}END:VCARD\r\n`;

async function setup(t: TestContext) {
  const home = await mkdtemp(join(tmpdir(), 'kith-import-'));
  const ctx = new AppContext(resolvePaths(home));
  t.after(async () => {
    await ctx.close();
    await rm(home, { recursive: true, force: true });
  });
  await identityService(ctx)['identity.init']({ passphrase: 'import passphrase' });
  const api = { ...importService(ctx), ...recordsService(ctx) };
  const file = async (name: string, text: string | Uint8Array) => {
    const path = join(home, name);
    await writeFile(path, text);
    return path;
  };
  const log = async () => (await ctx.locker()).audit.entries();
  const events: string[] = [];
  ctx.onEvent((event) => events.push(event.name));
  return { ctx, api, file, log, home, events };
}

test('a vCard file: one signed contact per card with its provenance; the same file again changes nothing', async (t) => {
  const { ctx, api, file, log, events } = await setup(t);
  const path = await file('contacts.vcf', card('a-1', 'Ana Lima', 'EMAIL:ana@example.org\r\n') + card('b-2', 'Bruno Sousa'));
  const first = await api['data.import']({ path });
  assert.deepEqual(counts(first), { format: 'vcard', imported: 2, updated: 0, unchanged: 0, skipped: 0, errors: [], dryRun: false });
  assert.ok(events.includes('records.changed'));
  const contacts = await api['data.list']({ type: 'contact' });
  assert.deepEqual(contacts.map((c) => (c.data as { name: string }).name).sort(), ['Ana Lima', 'Bruno Sousa']);
  const ana = contacts.find((c) => (c.data as { name: string }).name === 'Ana Lima');
  const got = await api['data.get']({ id: ana?.id ?? '' });
  verifyCredential(got.credential);
  const source = recordFacts(got.credential).source;
  assert.equal(source?.format, 'vcard');
  assert.equal(source?.file, 'contacts.vcf');
  assert.equal(source?.sourceId, 'uid:a-1');
  assert.equal(source?.place, 'card 1 (line 1)');
  assert.ok(Date.now() - Date.parse(source?.imported ?? '') < 60_000);
  const locker = await ctx.locker();
  assert.deepEqual(await locker.collections.get(IMPORT_SOURCES, sourceKey('contact', 'uid:a-1')), { recordId: ana?.id });

  const entries = (await log()).length;
  const again = await api['data.import']({ path });
  assert.deepEqual(again, { format: 'vcard', imported: 0, updated: 0, unchanged: 2, skipped: 0, errors: [], dryRun: false });
  assert.equal((await log()).length, entries, 'nothing written, not even an audit entry');
});

test('an edited file: a new version of the changed card only, the new card added, a card gone from the file left alone', async (t) => {
  const { api, file } = await setup(t);
  await api['data.import']({ path: await file('v1.vcf', card('a', 'Ana') + card('b', 'Bruno') + card('c', 'Carla')) });
  const result = await api['data.import']({ path: await file('v2.vcf', card('a', 'Ana') + card('b', 'Bruno', 'TEL;TYPE=CELL:+351 912 345 678\r\n') + card('d', 'Duarte')) });
  assert.deepEqual(counts(result), { format: 'vcard', imported: 1, updated: 1, unchanged: 1, skipped: 0, errors: [], dryRun: false });
  const contacts = await api['data.list']({ type: 'contact' });
  assert.deepEqual(contacts.map((c) => (c.data as { name: string }).name).sort(), ['Ana', 'Bruno', 'Carla', 'Duarte']);
  const bruno = contacts.find((c) => (c.data as { name: string }).name === 'Bruno');
  assert.equal(bruno?.version, 2);
  assert.deepEqual((bruno?.data as { phones: unknown }).phones, [{ number: '+351 912 345 678', label: 'mobile' }]);
  assert.equal(bruno?.source?.format === 'vcard' ? bruno.source.file : undefined, 'v2.vcf');
  const history = await api['data.history']({ id: bruno?.id ?? '' });
  assert.deepEqual(history.map((v) => (v.source?.format === 'vcard' ? v.source.file : undefined)), ['v1.vcf', 'v2.vcf']);
});

test('--dry-run says what would happen and writes nothing; a record the owner deleted is skipped, not brought back', async (t) => {
  const { api, file, log } = await setup(t);
  const path = await file('c.vcf', card('a', 'Ana') + card('b', 'Bruno'));
  assert.deepEqual(await api['data.import']({ path, dryRun: true }), { format: 'vcard', imported: 2, updated: 0, unchanged: 0, skipped: 0, errors: [], dryRun: true });
  assert.equal((await api['data.list']({})).length, 0);
  assert.equal((await log()).length, 0);
  await api['data.import']({ path });
  const ana = (await api['data.list']({})).find((c) => (c.data as { name: string }).name === 'Ana');
  await api['data.remove']({ id: ana?.id ?? '' });
  assert.deepEqual(await api['data.import']({ path }), { format: 'vcard', imported: 0, updated: 0, unchanged: 1, skipped: 1, errors: [], dryRun: false });
  assert.equal((await api['data.list']({})).length, 1);
});

test('a malformed card is reported with its place and the rest imported; a photo becomes a document', async (t) => {
  const { api, file } = await setup(t);
  const photo = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
  const text = card('a', 'Ana', `PHOTO;ENCODING=b;TYPE=PNG:${photo}\r\n`) + 'BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:nameless\r\nEND:VCARD\r\n' + card('c', 'Carla');
  const result = await api['data.import']({ path: await file('c.vcf', text) });
  assert.equal(result.imported, 2);
  assert.deepEqual(result.errors, [{ item: 'card 2 (line 7)', reason: 'it has no name (FN or N), organization, email or phone' }]);
  const ana = (await api['data.list']({ type: 'contact' })).find((c) => (c.data as { name: string }).name === 'Ana');
  const photoId = (ana?.data as { photo?: string }).photo ?? '';
  const documentRecord = await api['data.get']({ id: photoId });
  assert.equal(documentRecord.type, 'document');
  assert.deepEqual(documentRecord.data, { name: 'Ana photo.png', mediaType: 'image/png', size: 16, sha256: (documentRecord.data as { sha256: string }).sha256 });
  assert.equal(documentRecord.source?.sourceId, 'uid:a#photo');
  assert.equal((await api['data.import']({ path: await file('c.vcf', text) })).unchanged, 2, 'the photo too is unchanged');
});

test('an import that stopped after writing its map is finished by the next one, under the ids the map names', async (t) => {
  const { ctx, api, file } = await setup(t);
  const locker = await ctx.locker();
  await locker.commit(ctx.signer(), { items: [{ collection: IMPORT_SOURCES, id: sourceKey('contact', 'uid:a'), value: { recordId: 'abcdefgh12345678' } }], audit: [{ kind: 'import.started', details: {} }] });
  const result = await api['data.import']({ path: await file('c.vcf', card('a', 'Ana')) });
  assert.equal(result.imported, 1);
  assert.equal((await api['data.get']({ id: 'abcdefgh12345678' })).version, 1);
});

test('CSV and iCalendar through the same method; --format and --map are honoured', async (t) => {
  const { api } = await setup(t);
  const csv = await api['data.import']({ path: join(FIXTURES, 'csv2ofx', 'capitalone.csv'), map: 'currency=USD' });
  assert.deepEqual([csv.format, csv.imported, csv.errors.length], ['csv', 2, 0]);
  const purchases = await api['data.list']({ type: 'purchase' });
  assert.ok(purchases.some((p) => (p.data as { amount: string }).amount === '-1000.00'));
  const ics = await api['data.import']({ path: join(FIXTURES, 'ical-js', 'recur_instances.ics'), format: 'ical' });
  assert.deepEqual([ics.format, ics.imported], ['ical', 1]);
  assert.equal((await api['data.import']({ path: join(FIXTURES, 'csv2ofx', 'capitalone.csv'), map: 'currency=USD' })).unchanged, 2);
});

test('bad files: too large, binary, empty, the wrong format, an unknown kind — a clear error and nothing written', async (t) => {
  const { api, file, home, log } = await setup(t);
  const big = join(home, 'huge.csv');
  const handle = await open(big, 'w');
  await handle.truncate(65 * 1024 * 1024); // sparse: large without filling the disk
  await handle.close();
  await assert.rejects(api['data.import']({ path: big }), { code: 'InvalidInput', message: /huge.csv is 65 MiB; Kith imports files of up to 64 MiB/ });
  await assert.rejects(api['data.import']({ path: await file('photo.vcf', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])) }), { code: 'InvalidInput', message: /binary/ });
  await assert.rejects(api['data.import']({ path: await file('empty.vcf', '') }), { code: 'InvalidInput', message: /empty/ });
  await assert.rejects(api['data.import']({ path: await file('cal.vcf', card('a', 'Ana')), format: 'ical' }), { code: 'InvalidInput', message: /no events/ });
  await assert.rejects(api['data.import']({ path: await file('notes.txt', 'hello\nworld\n') }), { code: 'InvalidInput' });
  await assert.rejects(api['data.import']({ path: await file('x.md', 'hello') }), { code: 'InvalidInput', message: /cannot tell what kind of file/ });
  await assert.rejects(api['data.import']({ path: join(home, 'missing.vcf') }), { code: 'NotFound' });
  await assert.rejects(api['data.import']({ path: await file('t.zip', 'PK'), format: 'google-takeout' }), { code: 'InvalidInput', message: /not a .zip archive/ });
  assert.equal((await api['data.list']({})).length, 0);
  assert.equal((await log()).length, 0);
});

test('a Takeout archive and the .vcf inside it are the same contacts: one record each, provenance saying which came first', async (t) => {
  const { api, file } = await setup(t);
  const vcf = card('a', 'Ana') + card('b', 'Bruno');
  const archive = zipSync({ 'Takeout/Contacts/All Contacts/All Contacts.vcf': strToU8(vcf), 'Takeout/Calendar/me.ics': strToU8('BEGIN:VEVENT\r\nUID:e\r\nDTSTART:20260301T100000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\n') });
  const first = await api['data.import']({ path: await file('takeout.zip', archive) });
  assert.deepEqual([first.format, first.imported, first.errors], ['google-takeout', 3, []]);
  const contact = (await api['data.list']({ type: 'contact' }))[0];
  assert.equal(contact?.source?.format, 'google-takeout');
  assert.equal(contact?.source?.file, 'takeout.zip');
  assert.match(contact?.source?.place ?? '', /^Takeout\/Contacts\/All Contacts\/All Contacts.vcf, card \d \(line \d+\)$/);
  const alone = await api['data.import']({ path: await file('All Contacts.vcf', vcf) });
  assert.deepEqual([alone.imported, alone.unchanged], [0, 2]);
});
