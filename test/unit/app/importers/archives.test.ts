import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { facebookImporter, facebookText } from '../../../../src/app/importers/archives/facebook-importer.ts';
import { takeoutImporter } from '../../../../src/app/importers/archives/takeout-importer.ts';
import { MAX_ENTRIES } from '../../../../src/app/importers/archives/zip-entries.ts';
import { bytesAccess } from '../../../../src/app/importers/archives/zip-reader.ts';
import { collect, readArchive } from '../../../../src/app/importers/registry.ts';
import { fixture } from './fixtures.ts';

async function archiveRead(name: string, bytes: Uint8Array, format?: 'google-takeout' | 'facebook') {
  const opened = await readArchive(bytesAccess(bytes), name, format);
  return { format: opened.format, read: await collect(opened) };
}

const zip = (files: Record<string, Uint8Array | string>) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([name, content]) => [name, typeof content === 'string' ? strToU8(content) : content])));

test('Google Takeout: address books and calendars read from inside the zip, each place naming its entry', async () => {
  const archive = zip({
    'Takeout/archive_browser.html': '<html></html>',
    'Takeout/Contacts/All Contacts/All Contacts.vcf': fixture('ez-vcard', 'gmail-list.vcf').bytes,
    'Takeout/Calendar/ana@example.org.ics': fixture('ical-js', 'recur_instances.ics').bytes,
    'Takeout/Calendar/empty.ics': 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
    'Takeout/YouTube/history.json': '[]',
  });
  const { format, read: result } = await archiveRead('takeout-20261207.zip', archive);
  assert.equal(format, 'google-takeout');
  assert.deepEqual(result.items.map((item) => [item.draft.type, item.place]), [
    ['contact', 'Takeout/Contacts/All Contacts/All Contacts.vcf, card 1 (line 1)'],
    ['contact', 'Takeout/Contacts/All Contacts/All Contacts.vcf, card 2 (line 7)'],
    ['contact', 'Takeout/Contacts/All Contacts/All Contacts.vcf, card 3 (line 13)'],
    ['event', 'Takeout/Calendar/ana@example.org.ics, event 1 (line 24)'],
  ]);
  assert.deepEqual(result.problems, [{ place: 'Takeout/Calendar/empty.ics', reason: 'The file holds no events (no BEGIN:VEVENT line).' }]);
  await assert.rejects(archiveRead('t.zip', zip({ 'Takeout/Mail/all.mbox': 'x' })), { code: 'InvalidInput', message: /t.zip holds no contacts or calendars/ });
  assert.equal(takeoutImporter.format, 'google-takeout');
});

test('Facebook: the profile as your own records, friends as contacts, its escaped UTF-8 decoded', async () => {
  const profile = {
    profile_v2: {
      name: { full_name: 'Jos\u00c3\u00a9 Concei\u00c3\u00a7\u00c3\u00a3o', first_name: 'Jos\u00c3\u00a9', last_name: 'Concei\u00c3\u00a7\u00c3\u00a3o' },
      emails: { emails: ['jose@example.org', 'not-an-address'] },
      birthday: { year: 1990, month: 4, day: 7 },
      phone_numbers: [{ phone_number: '+351 912 345 678' }],
    },
  };
  const friends = { friends_v2: [{ name: 'Ana Lima', timestamp: 1500000000 }, { name: 'Zo\u00c3\u00ab', timestamp: 1600000000 }] };
  const archive = zip({
    'personal_information/profile_information/profile_information.json': JSON.stringify(profile),
    'connections/friends/your_friends.json': JSON.stringify(friends),
    'your_activity_across_facebook/posts/your_posts_1.json': '[]',
  });
  const { format, read: result } = await archiveRead('facebook-jose.zip', archive);
  assert.equal(format, 'facebook');
  assert.equal(facebookImporter.format, 'facebook');
  assert.deepEqual(
    result.items.map((item) => [item.draft.type, item.draft.data]),
    [
      ['name', { full: 'José Conceição', given: 'José', family: 'Conceição' }],
      ['email', { address: 'jose@example.org' }],
      ['phone', { number: '+351 912 345 678' }],
      ['birthdate', { date: '1990-04-07' }],
      ['contact', { name: 'Ana Lima' }],
      ['contact', { name: 'Zoë' }],
    ],
  );
  assert.equal(result.problems.length, 1);
  assert.match(result.problems[0]?.place ?? '', /email not-an-address/);
  assert.equal(facebookText('already ok: é'), 'already ok: é');
});

test('archive limits: too many entries, an entry declaring a bomb-sized output, a broken zip — refused before inflating', async () => {
  const many: Record<string, string> = {};
  for (let i = 0; i <= MAX_ENTRIES; i++) many[`Takeout/x/${i}`] = '';
  await assert.rejects(archiveRead('many.zip', zip(many)), { code: 'InvalidInput', message: /more than 20,000 entries/ });

  // One entry that says it unpacks to 3 GiB: the central directory's size field rewritten.
  const bytes = zip({ 'Takeout/Contacts/a.vcf': 'BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n' });
  const bomb = rewriteCentral(bytes, 24, 3 * 1024 * 1024 * 1024);
  await assert.rejects(archiveRead('bomb.zip', bomb), { code: 'InvalidInput', message: /would unpack to more than/ });

  await assert.rejects(archiveRead('cut.zip', bytes.subarray(0, 40)), { code: 'InvalidInput', message: /cannot be read/ });
  await assert.rejects(archiveRead('f.zip', strToU8('not a zip'), 'facebook'), { code: 'InvalidInput', message: /not a .zip/ });
  await assert.rejects(archiveRead('photos.zip', zip({ 'DCIM/1.jpg': 'x' })), { code: 'InvalidInput', message: /neither a Google Takeout nor a Facebook download/ });
});

/** The archive with a 32-bit field of its (first) central directory header rewritten. */
function rewriteCentral(bytes: Uint8Array, offset: number, value: number, width: 2 | 4 = 4): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  const central = copy.findIndex((_, i) => i + 4 <= copy.length && view.getUint32(i, true) === 0x02014b50);
  if (width === 4) view.setUint32(central + offset, value, true);
  else view.setUint16(central + offset, value, true);
  return copy;
}

test('entry by entry from the file: an entry that lies about its size, fails its checksum, claims an impossible ratio, is encrypted or uses an unknown method is refused by name', async () => {
  const vcf = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nEND:VCARD\r\n'.repeat(200);
  const bytes = zip({ 'Takeout/Contacts/a.vcf': vcf });
  assert.equal((await archiveRead('ok.zip', bytes)).read.items.length, 200);
  // Stored (not deflated) entries, as archivers write photos.
  const stored = zipSync({ 'Takeout/Contacts/a.vcf': strToU8(vcf), 'Takeout/Photos/1.jpg': new Uint8Array(5000).fill(7) }, { level: 0 });
  assert.equal((await archiveRead('stored.zip', stored)).read.items.length, 200);

  const reject = (name: string, archive: Uint8Array, message: RegExp) => assert.rejects(archiveRead(name, archive), { code: name === 'method.zip' ? 'Unsupported' : 'InvalidInput', message }, name);
  const declared = vcf.length;
  await reject('short.zip', rewriteCentral(bytes, 24, declared - 10), /a\.vcf unpacks to more than it declares/);
  await reject('long.zip', rewriteCentral(bytes, 24, declared + 10), /a\.vcf unpacks to less than it declares/);
  await reject('crc.zip', rewriteCentral(bytes, 16, 0x12345678), /a\.vcf fails its checksum/);
  await reject('ratio.zip', rewriteCentral(bytes, 20, 1), /claims to unpack to more than its bytes can hold/);
  await reject('secret.zip', rewriteCentral(bytes, 8, 1, 2), /encrypted/);
  await reject('method.zip', rewriteCentral(bytes, 10, 12, 2), /compressed in a way Kith cannot read \(method 12\)/);
});
