import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readVcards, vcardImporter } from '../../../../src/app/importers/vcard/vcard-importer.ts';
import { fixture, textFile } from './fixtures.ts';

const read = (folder: string, name: string) => vcardImporter.read(fixture(folder, name), {});
const data = (result: ReturnType<typeof readVcards>, index = 0) => result.items[index]?.draft.data ?? {};

test('Outlook 2.1: bare parameters as labels, QUOTED-PRINTABLE with soft line breaks, a compact birthday', () => {
  const outlook = read('ez-vcard', 'outlook-2003.vcf');
  assert.deepEqual(outlook.problems, []);
  const card = data(outlook);
  assert.equal(card['name'], 'John Doe III');
  assert.equal(card['organization'], 'Company, The / TheDepartment');
  assert.equal(card['note'], 'This is the note field!!\nSecond line\n\nThird line is empty');
  assert.equal(card['birthday'], '1980-03-21');
  assert.deepEqual(card['phones'], [
    { number: 'BusinessPhone', label: 'work' },
    { number: 'HomePhone', label: 'home' },
    { number: 'MobilePhone', label: 'mobile' },
    { number: 'BusinessFaxPhone', label: 'work' },
  ]);
  assert.deepEqual((card['addresses'] as unknown[])[0], {
    streetAddress: 'TheOffice, 123 Main St',
    addressLocality: 'Austin',
    addressRegion: 'TX',
    postalCode: '12345',
    addressCountry: 'United States of America',
    label: 'work',
  });
  const ms = data(read('ez-vcard', 'John_Doe_MS_OUTLOOK.vcf'));
  assert.deepEqual((ms['phones'] as unknown[])[0], { number: '(905) 555-1234', label: 'work' });
  assert.equal(ms['birthday'], '1980-03-22');
});

test('Android 2.1: UTF-8 QUOTED-PRINTABLE split across soft breaks; an EMAIL that is no address kept in the note', () => {
  const android = read('ez-vcard', 'John_Doe_ANDROID.vcf');
  assert.deepEqual(android.problems, []);
  assert.equal(android.items.length, 6);
  assert.equal(data(android, 0)['name'], 'john.doe@company.com', 'a card with only an email is named by it');
  assert.equal(data(android, 2)['name'], 'Ñ Ñ Ñ Ñ Ñ');
  assert.equal(data(android, 3)['name'], 'Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ');
  const junk = android.items.find((item) => JSON.stringify(item.draft.data).includes('bob@company.com'))?.draft.data ?? {};
  assert.deepEqual(junk['emails'], [{ address: 'bob@company.com', label: 'work' }]);
  assert.match(String(junk['note']), /Email \(not an address\): ÑÑÑÑÑÑÑÑÑÑÑÑÑÑ/);
});

test('iPhone 3.0 with CR CR LF line ends: grouped properties, a folded base64 photo decoded to a JPEG', () => {
  const iphone = read('ez-vcard', 'John_Doe_IPHONE.vcf');
  assert.deepEqual(iphone.problems, []);
  const item = iphone.items[0];
  assert.equal(item?.draft.data['name'], 'Mr. John Richter James Doe Sr.');
  assert.deepEqual((item?.draft.data['emails'] as unknown[])[0], { address: 'john.doe@ibm.com' });
  assert.equal(item?.draft.data['birthday'], '2012-06-06');
  const photo = item?.draft.photo;
  assert.equal(photo?.mediaType, 'image/jpeg');
  assert.deepEqual([...(photo?.bytes.subarray(0, 3) ?? [])], [0xff, 0xd8, 0xff]);
  assert.ok((photo?.bytes.length ?? 0) > 30_000);
});

test('several cards, vCard 4.0 and the RFC examples, each with its place', () => {
  const gmail = read('ez-vcard', 'gmail-list.vcf');
  assert.deepEqual(gmail.items.map((item) => [item.draft.data['name'], item.place]), [
    ['Arnold Smith', 'card 1 (line 1)'],
    ['Chris Beatle', 'card 2 (line 7)'],
    ['Doug White', 'card 3 (line 13)'],
  ]);
  const rfc6350 = read('ez-vcard', 'rfc6350-example.vcf');
  assert.deepEqual(rfc6350.problems, []);
  assert.equal(data(rfc6350)['name'], 'Simon Perreault');
  assert.equal(data(rfc6350)['birthday'], '--02-03');
  for (const name of ['John_Doe_EVOLUTION.vcf', 'John_Doe_BLACK_BERRY.vcf', 'John_Doe_LOTUS_NOTES.vcf', 'John_Doe_GMAIL.vcf', 'John_Doe_MAC_ADDRESS_BOOK.vcf', 'outlook-2007.vcf', 'rfc2426-example.vcf', 'thunderbird-MoreFunctionsForAddressBook-extension.vcf']) {
    const result = read('ez-vcard', name);
    assert.deepEqual(result.problems, [], name);
    assert.ok(result.items.length >= 1, name);
  }
});

test('UID is the source id; a card without one is keyed by its content; a repeated id gets its own', () => {
  const result = readVcards('BEGIN:VCARD\nVERSION:3.0\nUID:u-1\nFN:A\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:B\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nUID:u-1\nFN:C\nEND:VCARD\n');
  assert.equal(result.items[0]?.sourceId, 'uid:u-1');
  assert.match(result.items[1]?.sourceId ?? '', /^content:[0-9a-f]{32}$/);
  assert.equal(result.items[2]?.sourceId, 'uid:u-1#2');
  assert.equal(readVcards('BEGIN:VCARD\nVERSION:3.0\nFN:B\nEND:VCARD\n').items[0]?.sourceId, result.items[1]?.sourceId, 'the same content, the same id');
});

test('line ends: LF, CRLF and bare CR read alike; folded lines are joined', () => {
  const card = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Ana', '  Lima', 'NOTE:one\\, two\\nthree', 'END:VCARD', ''];
  for (const end of ['\n', '\r\n', '\r']) {
    const result = readVcards(card.join(end));
    assert.deepEqual(result.problems, []);
    assert.equal(result.items[0]?.draft.data['name'], 'Ana Lima');
    assert.equal(result.items[0]?.draft.data['note'], 'one, two\nthree');
  }
});

test('charsets: a 2.1 ISO-8859-1 QUOTED-PRINTABLE value, and a Windows-1252 file that is not UTF-8', () => {
  const qp = readVcards('BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Jo=E3o Concei=E7=E3o\r\nEND:VCARD\r\n');
  assert.equal(qp.items[0]?.draft.data['name'], 'João Conceição');
  const latin = vcardImporter.read(textFile('x.vcf', 'BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Zoë Müller\r\nEND:VCARD\r\n', 'latin1'), {});
  assert.equal(latin.items[0]?.draft.data['name'], 'Zoë Müller');
});

test('a broken card is reported with its place and the others are read', () => {
  const result = readVcards(
    ['BEGIN:VCARD', 'VERSION:3.0', 'FN:First', 'END:VCARD', 'BEGIN:VCARD', 'VERSION:3.0', 'this line is not a property', 'END:VCARD', 'BEGIN:VCARD', 'VERSION:3.0', 'NOTE:no name at all', 'END:VCARD', 'BEGIN:VCARD', 'VERSION:3.0', 'FN:Last', 'END:VCARD', 'BEGIN:VCARD', 'FN:Never ends'].join('\n'),
  );
  assert.deepEqual(result.items.map((item) => item.draft.data['name']), ['First', 'Last']);
  assert.deepEqual(result.problems, [
    { place: 'the card at line 17', reason: 'it has no END:VCARD' },
    { place: 'card 2 (line 5)', reason: 'line 7 is not a vCard line' },
    { place: 'card 3 (line 9)', reason: 'it has no name (FN or N), organization, email or phone' },
  ]);
});

test('not a vCard file, or a binary one: InvalidInput', () => {
  assert.throws(() => readVcards('just some text\n'), { code: 'InvalidInput', message: /no vCards/ });
  assert.throws(() => vcardImporter.read({ name: 'x.vcf', bytes: Uint8Array.from([0x42, 0, 1, 2, 3]) }, {}), { code: 'InvalidInput', message: /binary/ });
});
