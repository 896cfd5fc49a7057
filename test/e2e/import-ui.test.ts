// Bring your data home, end to end: a real node, a real browser. A file is chosen, Kith
// says what it found (nothing written yet), the person imports, the summary says what
// happened, and the contacts are in My data; a CSV that needs a column map says so, and
// with the map given it imports. A large file shows a real progress bar while it is
// written, and the last import is undone after a confirmation that says how many records.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { screenshot } from './support/browser.ts';
import { watchForProblems } from './support/page-checks.ts';
import { go, uiSession } from './support/ui-session.ts';

const card = (uid: string, name: string, email: string) => `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:${uid}\r\nFN:${name}\r\nEMAIL:${email}\r\nEND:VCARD\r\n`;

test('bring your data home in the UI', { timeout: 240_000 }, async (t) => {
  const session = await uiSession(t);
  const [node, browser] = await Promise.all([session.startNode({ passphrase: 'import passphrase' }), session.launchBrowser()]);
  const page = await browser.newPage();
  const problems = watchForProblems(page);
  await page.goto(node.url);
  await page.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
  await go(page, 'Bring your data home');

  const vcf = card('a', 'Ana Lima', 'ana@example.org') + 'BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:no name\r\nEND:VCARD\r\n' + card('c', 'Carla Dias', 'carla@example.org');
  await page.locator('input[type=file]').setInputFiles({ name: 'contacts.vcf', mimeType: 'text/vcard', buffer: Buffer.from(vcf) });
  const found = page.getByRole('region', { name: 'Found in contacts.vcf' });
  await found.getByText('2 contacts to add').waitFor();
  await found.getByText('card 2 (line 7)').waitFor();
  const listed = await node.kith(['data', 'list', '--json']);
  assert.deepEqual(JSON.parse(listed.stdout), [], 'the preview wrote nothing');
  await screenshot(page, 'import-preview');

  await page.getByRole('button', { name: 'Import 2 contacts' }).click();
  await page.getByRole('region', { name: 'Imported' }).getByText('2 contacts added').waitFor();
  await screenshot(page, 'import-done');

  await page.locator('input[type=file]').setInputFiles({ name: 'bank.csv', mimeType: 'text/csv', buffer: Buffer.from('Date,Description,Amount\n2026-01-02,Coffee,-3.20\n') });
  await page.getByText('The file does not say which currency its amounts are in.').waitFor();
  await page.getByLabel('CSV columns (only if Kith asks)').fill('currency=EUR');
  await page.locator('input[type=file]').setInputFiles({ name: 'bank.csv', mimeType: 'text/csv', buffer: Buffer.from('Date,Description,Amount\n2026-01-02,Coffee,-3.20\n') });
  await page.getByRole('region', { name: 'Found in bank.csv' }).getByText('1 purchase to add').waitFor();
  await page.getByRole('button', { name: 'Import 1 purchase' }).click();
  await page.getByRole('region', { name: 'Imported' }).getByText('1 purchase added').waitFor();

  await page.getByRole('button', { name: 'Undo this import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Undo the import of bank.csv?' });
  await dialog.getByText('1 record it added will be deleted.').waitFor();
  await screenshot(page, 'import-undo-confirm');
  await dialog.getByRole('button', { name: 'Undo the import' }).click();
  await page.getByRole('region', { name: 'Import undone' }).getByText('1 record from bank.csv deleted.').waitFor();

  await go(page, 'My data');
  await page.getByText('Ana Lima, ana@example.org').waitFor();
  assert.equal(await page.getByText('A purchase from Coffee, -3.20 EUR on 2026-01-02').count(), 0, 'the undone import is gone');
  await screenshot(page, 'my-data-imported');

  await go(page, 'Bring your data home');
  // A large address book: the bar follows the node's progress events while it signs and stores.
  const many = Array.from({ length: 4000 }, (_, i) => card(`m${i}`, `Person ${i}`, `p${i}@example.org`)).join('');
  await page.locator('input[type=file]').setInputFiles({ name: 'many.vcf', mimeType: 'text/vcard', buffer: Buffer.from(many) });
  await page.getByRole('button', { name: 'Import 4000 contacts' }).click();
  await page.getByText(/Signing and storing: [\d,]+ of 4,000/).waitFor({ timeout: 60_000 });
  assert.ok(Number(await page.getByRole('progressbar', { name: 'Importing' }).getAttribute('value')) >= 0, 'a determinate bar');
  await screenshot(page, 'import-progress');
  await page.getByRole('region', { name: 'Imported' }).getByText('4000 contacts added').waitFor({ timeout: 60_000 });

  problems.assertNone();
});
