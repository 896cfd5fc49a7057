// The UI end to end, in a real browser against real nodes (separate processes, their own
// temp data folders): onboarding, records, history, live updates from the CLI, documents,
// activity, export to a second node, lock and unlock. Screenshots of every screen go to
// test/e2e/screenshots/. Prints the "first screen interactive" figure.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { screenshot } from './support/browser.ts';
import { firstInteractive, watchForProblems } from './support/page-checks.ts';
import { go, uiSession } from './support/ui-session.ts';

const PASSPHRASE = 'correct horse battery';

test('the UI end to end', { timeout: 240_000 }, async (t) => {
  const session = await uiSession(t);
  const node = await session.startNode();
  const browser = await session.launchBrowser();
  const page = await browser.newPage();
  const problems = watchForProblems(page);
  let phrase: string[] = [];

  await t.test('first screen: welcome, interactive quickly, token out of the address bar', async () => {
    await page.goto(node.url);
    const create = page.getByRole('button', { name: 'Create a new identity' });
    await create.waitFor();
    const figure = await firstInteractive(page);
    console.log(`# first screen interactive: ${figure.interactiveMs.toFixed(0)} ms after navigation start (document loaded at ${figure.domContentLoadedMs.toFixed(0)} ms)`);
    assert.ok(figure.interactiveMs >= figure.responseEndMs, 'interactive only after the document arrived');
    assert.equal(await create.evaluate((el) => el === el.ownerDocument.activeElement), true, 'the primary control has the focus');
    assert.doesNotMatch(page.url(), /token/, 'the token left the address bar');
    await screenshot(page, 'welcome');
  });

  await t.test('onboarding: create, see the phrase, confirm three words, land on My data', async () => {
    await page.getByRole('button', { name: 'Create a new identity' }).click();
    await page.getByLabel('Passphrase', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create identity' }).click();
    await page.getByText('Use at least 8 characters').waitFor();
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('The same passphrase again').fill(PASSPHRASE + 'x');
    await page.getByRole('button', { name: 'Create identity' }).click();
    await page.getByText('The two passphrases are not the same').waitFor();
    await screenshot(page, 'create-identity-errors');
    await page.getByLabel('The same passphrase again').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create identity' }).click();

    await page.getByRole('heading', { name: 'Your recovery phrase' }).waitFor();
    phrase = await page.locator('.phrase-word').allTextContents();
    assert.equal(phrase.length, 24);
    await screenshot(page, 'recovery-phrase');
    await page.getByRole('button', { name: 'I have written it down' }).click();

    const labels = await page.locator('form label').allTextContents();
    const positions = labels.map((label) => Number(/Word (\d+)/.exec(label)?.[1]) - 1);
    assert.equal(positions.length, 3);
    await page.getByLabel(labels[0]!, { exact: true }).fill('wrongword');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText(`That is not word ${positions[0]! + 1}`).waitFor();
    await screenshot(page, 'confirm-phrase-error');
    for (const [i, position] of positions.entries()) await page.getByLabel(labels[i]!, { exact: true }).fill(phrase[position]!);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
    await page.getByText('Nothing here yet').waitFor();
    await screenshot(page, 'my-data-empty');
  });

  await t.test('records: validation errors in words, add, edit, history, delete', async () => {
    await page.getByRole('button', { name: 'Add an email address' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Email address').fill('not an address');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.getByText('Email address must be an email address.').waitFor();
    assert.equal(await dialog.getByLabel('Email address').getAttribute('aria-invalid'), 'true');
    await screenshot(page, 'record-form-error');
    await dialog.getByLabel('Email address').fill('ana@example.org');
    await dialog.getByLabel('Label').fill('home');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await page.getByText('ana@example.org (home)').waitFor();

    await page.getByRole('button', { name: 'Add a purchase' }).click();
    await dialog.getByLabel('Vendor').fill('Livraria Bertrand');
    await dialog.getByLabel('Item').fill('Os Maias');
    await dialog.getByLabel('Date').fill('2026-03-01');
    await dialog.getByLabel('Amount').fill('twelve');
    await dialog.getByLabel('Currency code').fill('euro');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.getByText('Must be a number, such as 12.50.').waitFor();
    await dialog.getByLabel('Amount').fill('12.50');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.getByText('Currency code must be an ISO 4217 currency code such as EUR.').waitFor();
    await dialog.getByLabel('Currency code').fill('eur'); // upper-cased for the person
    await dialog.getByRole('button', { name: 'Add' }).click();
    await page.getByText('Os Maias from Livraria Bertrand, 12.5 EUR on 2026-03-01').waitFor();

    await page.getByRole('button', { name: 'Edit ana@example.org (home)' }).click();
    await dialog.getByLabel('Email address').fill('ana.lima@example.org');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('ana.lima@example.org (home)').waitFor();
    await page.getByRole('button', { name: 'History of ana.lima@example.org (home)' }).click();
    await dialog.getByText('Version 2').waitFor();
    await dialog.getByText('ana@example.org (home)').waitFor();
    await screenshot(page, 'record-history');
    await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();

    await page.getByRole('button', { name: 'Delete Os Maias from Livraria Bertrand, 12.5 EUR on 2026-03-01' }).click();
    await dialog.getByText('Its history keeps a signed note').waitFor();
    await screenshot(page, 'record-delete-confirm');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await page.locator('.record-summary', { hasText: 'Os Maias' }).waitFor({ state: 'detached' });
    await dialog.waitFor({ state: 'detached' });
    await screenshot(page, 'my-data');
  });

  await t.test('a record added with the CLI appears without a reload', async () => {
    await page.evaluate('window.kithNoReload = true');
    const result = await node.kith(['data', 'set', 'name', JSON.stringify({ full: 'Ana Lima (from the terminal)' })]);
    assert.equal(result.code, 0, result.stderr);
    await page.getByText('Ana Lima (from the terminal)').waitFor();
    assert.equal(await page.evaluate('window.kithNoReload'), true, 'the page was not reloaded');
  });

  let documentBytes = Buffer.alloc(0);
  await t.test('documents: upload, then download the same bytes', async () => {
    await go(page, 'Documents');
    await page.getByText('No documents yet').waitFor();
    await screenshot(page, 'documents-empty');
    documentBytes = randomBytes(300_000);
    await page.locator('input[type=file]').setInputFiles({ name: 'passport scan.pdf', mimeType: 'application/pdf', buffer: documentBytes });
    await page.getByText('Added passport scan.pdf.').waitFor();
    await page.getByText('293 KB · application/pdf').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download passport scan.pdf' }).click()]);
    assert.equal(download.suggestedFilename(), 'passport scan.pdf');
    assert.deepEqual(await readFile(await download.path()), documentBytes);
    await screenshot(page, 'documents');
  });

  await t.test('activity: the entries in sentences, a filter, and the trail verifies intact', async () => {
    await go(page, 'Activity');
    const sentences = page.locator('.activity-sentence');
    for (const sentence of [
      'You added your email address (ana.lima@example.org).',
      'You changed your email address (ana.lima@example.org) (version 2).',
      'You deleted your purchase; a signed note of the deletion stays in its history.',
      'You added your document (passport scan.pdf).',
    ]) {
      await sentences.getByText(sentence, { exact: true }).waitFor();
    }
    await page.getByLabel('Record').selectOption({ label: 'Email address: ana.lima@example.org (home)' });
    await sentences.getByText('You added your document (passport scan.pdf).').waitFor({ state: 'detached' });
    assert.equal(await sentences.count(), 2);
    await page.getByLabel('Record').selectOption({ label: 'All records' });
    await page.getByRole('button', { name: 'Verify trail' }).click();
    await page.getByText(/Intact: all \d+ entries are linked and signed by you\./).waitFor();
    await screenshot(page, 'activity');
  });

  await t.test('sections that come with peer-to-peer sharing say so', async () => {
    await go(page, 'Intents');
    await page.getByText('Arrives with peer-to-peer sharing').waitFor();
    await screenshot(page, 'intents-coming');
    await page.emulateMedia({ colorScheme: 'dark' });
    await go(page, 'My data');
    await screenshot(page, 'my-data-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  await t.test('export, then restore and import into a second, fresh node', async () => {
    await go(page, 'Settings');
    await screenshot(page, 'settings');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export everything' }).click()]);
    assert.match(download.suggestedFilename(), /^kith-\d{4}-\d{2}-\d{2}\.kith$/);
    await page.getByText(/Exported everything \(\d+ records, 1 document\)/).waitFor();
    const bundlePath = join(await download.path());

    const second = await session.startNode();
    const other = await browser.newPage();
    const otherProblems = watchForProblems(other);
    await other.goto(second.url);
    await other.getByRole('button', { name: 'Restore from a recovery phrase' }).click();
    await other.getByLabel('Recovery phrase').fill(phrase.slice(0, 23).join(' '));
    await other.getByLabel('New passphrase for this computer').fill('another passphrase');
    await other.getByLabel('The same passphrase again').fill('another passphrase');
    await other.getByRole('button', { name: 'Restore identity' }).click();
    await other.getByText('A recovery phrase has 24 words; this has 23.').waitFor();
    await screenshot(other, 'restore-error');
    await other.getByLabel('Recovery phrase').fill(phrase.join(' '));
    await other.getByRole('button', { name: 'Restore identity' }).click();
    await other.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
    await go(other, 'Settings');
    await other.locator('input[type=file]').setInputFiles(bundlePath);
    await other.getByText(/Imported .*: \d+ records, 1 document and/).waitFor();
    await screenshot(other, 'settings-imported');
    await go(other, 'My data');
    await other.getByText('ana.lima@example.org (home)').waitFor();
    await other.getByText('Ana Lima (from the terminal)').waitFor();
    await go(other, 'Documents');
    await other.getByText('passport scan.pdf').waitFor();
    otherProblems.assertNone();
    await other.close();
  });

  await t.test('lock, a wrong passphrase, then unlock', async () => {
    await go(page, 'Settings');
    await page.getByRole('button', { name: 'Lock Kith' }).click();
    await page.getByRole('heading', { name: 'Unlock Kith' }).waitFor();
    await page.getByLabel('Passphrase').fill('not it');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('That passphrase is not right.').waitFor();
    await screenshot(page, 'unlock-error');
    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
    await page.getByText('ana.lima@example.org (home)').waitFor();
  });

  await t.test('a reload keeps working (token kept for the tab), and nothing broke the CSP', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
    problems.assertNone();
  });
});
