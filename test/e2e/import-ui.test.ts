// Bring your data home, end to end: a real node, a real browser. A file is chosen, Kith
// says what it found (nothing written yet), the person imports, the summary says what
// happened, and the contacts are in My data; a CSV that needs a column map says so, and
// with the map given it imports.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { screenshot } from './support/browser.ts';
import { watchForProblems } from './support/page-checks.ts';
import { go, uiSession } from './support/ui-session.ts';

const card = (uid: string, name: string, email: string) => `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:${uid}\r\nFN:${name}\r\nEMAIL:${email}\r\nEND:VCARD\r\n`;

test('bring your data home in the UI', { timeout: 120_000 }, async (t) => {
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

  await go(page, 'My data');
  await page.getByText('Ana Lima, ana@example.org').waitFor();
  await page.getByText('A purchase from Coffee, -3.20 EUR on 2026-01-02').waitFor();
  await screenshot(page, 'my-data-imported');
  problems.assertNone();
});
