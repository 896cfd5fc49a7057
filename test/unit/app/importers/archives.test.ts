import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { facebookImporter, facebookText } from '../../../../src/app/importers/archives/facebook-importer.ts';
import { takeoutImporter } from '../../../../src/app/importers/archives/takeout-importer.ts';
import { MAX_ENTRIES, readZipEntries } from '../../../../src/app/importers/archives/zip-entries.ts';
import { importerFor } from '../../../../src/app/importers/registry.ts';
import { fixture } from './fixtures.ts';

const zip = (files: Record<string, Uint8Array | string>) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([name, content]) => [name, typeof content === 'string' ? strToU8(content) : content])));

test('Google Takeout: address books and calendars read from inside the zip, each place naming its entry', () => {
  const archive = zip({
    'Takeout/archive_browser.html': '<html></html>',
    'Takeout/Contacts/All Contacts/All Contacts.vcf': fixture('ez-vcard', 'gmail-list.vcf').bytes,
    'Takeout/Calendar/ana@example.org.ics': fixture('ical-js', 'recur_instances.ics').bytes,
    'Takeout/Calendar/empty.ics': 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
    'Takeout/YouTube/history.json': '[]',
  });
  const file = { name: 'takeout-20261207.zip', bytes: archive };
  assert.equal(importerFor(file, undefined).format, 'google-takeout');
  const result = takeoutImporter.read(file, {});
  assert.deepEqual(result.items.map((item) => [item.draft.type, item.place]), [
    ['contact', 'Takeout/Contacts/All Contacts/All Contacts.vcf, card 1 (line 1)'],
    ['contact', 'Takeout/Contacts/All Contacts/All Contacts.vcf, card 2 (line 7)'],
    ['contact', 'Takeout/Contacts/All Contacts/All Contacts.vcf, card 3 (line 13)'],
    ['event', 'Takeout/Calendar/ana@example.org.ics, event 1 (line 24)'],
  ]);
  assert.deepEqual(result.problems, [{ place: 'Takeout/Calendar/empty.ics', reason: 'The file holds no events (no BEGIN:VEVENT line).' }]);
  assert.throws(() => takeoutImporter.read({ name: 't.zip', bytes: zip({ 'Takeout/Mail/all.mbox': 'x' }) }, {}), { code: 'InvalidInput', message: /no contacts or calendars/ });
});

test('Facebook: the profile as your own records, friends as contacts, its escaped UTF-8 decoded', () => {
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
  const file = { name: 'facebook-jose.zip', bytes: archive };
  assert.equal(importerFor(file, undefined).format, 'facebook');
  const result = facebookImporter.read(file, {});
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

test('archive limits: too many entries, an entry declaring a bomb-sized output, a broken zip — refused before inflating', () => {
  const many: Record<string, string> = {};
  for (let i = 0; i <= MAX_ENTRIES; i++) many[`Takeout/x/${i}`] = '';
  assert.throws(() => readZipEntries(zip(many), () => true), { code: 'InvalidInput', message: /more than 20,000 entries/ });

  // One entry that says it unpacks to 3 GiB: the central directory's size field rewritten.
  const bytes = zip({ 'Takeout/Contacts/a.vcf': 'BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n' });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const central = bytes.findIndex((_, i) => view.getUint32(i, true) === 0x02014b50);
  view.setUint32(central + 24, 3 * 1024 * 1024 * 1024, true);
  assert.throws(() => takeoutImporter.read({ name: 'bomb.zip', bytes }, {}), { code: 'InvalidInput', message: /would unpack to more than/ });

  assert.throws(() => takeoutImporter.read({ name: 'cut.zip', bytes: bytes.subarray(0, 40) }, {}), { code: 'InvalidInput', message: /cannot be read/ });
  assert.throws(() => facebookImporter.read({ name: 'f.zip', bytes: strToU8('not a zip') }, {}), { code: 'InvalidInput', message: /not a .zip/ });
  assert.throws(() => importerFor({ name: 'photos.zip', bytes: zip({ 'DCIM/1.jpg': 'x' }) }, undefined), { code: 'InvalidInput', message: /neither a Google Takeout nor a Facebook download/ });
  assert.throws(() => importerFor({ name: 'cut.zip', bytes: bytes.subarray(0, 40) }, undefined), { code: 'InvalidInput', message: /cannot be read/ });
});
