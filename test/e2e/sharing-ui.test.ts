// Peer-to-peer in the UI, end to end: two real nodes (each its own temp home, created with
// `kith init`, started unlocked and online on loopback) and a browser page on each. A invites,
// B accepts; both see each other under People; A shares a postal address with B for a
// purpose under a term; B sees it; A edits it and B's page shows the new version without a
// reload; A revokes and B's item says so. A shares a document; B's node fetches the file
// and B downloads the same bytes. Screenshots of each new screen.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot as save } from './support/browser.ts';
import { watchForProblems } from './support/page-checks.ts';
import { go, uiSession } from './support/ui-session.ts';

/** Named sharing-… so they sit apart from ui.test.ts's screenshots of the same run. */
const screenshot = (page: Page, name: string) => save(page, `sharing-${name}`);

test('sharing between two nodes in the UI', { timeout: 240_000 }, async (t) => {
  const session = await uiSession(t);
  const [a, b] = await Promise.all([
    session.startNode({ passphrase: 'alpha passphrase', network: true }),
    session.startNode({ passphrase: 'bravo passphrase', network: true }),
  ]);
  const browser = await session.launchBrowser();
  const pageA = await browser.newPage();
  const pageB = await browser.newPage();
  const problemsA = watchForProblems(pageA);
  const problemsB = watchForProblems(pageB);
  await pageA.goto(a.url);
  await pageB.goto(b.url);
  await pageA.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
  await pageB.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
  const dialogA = pageA.getByRole('dialog');
  const dialogB = pageB.getByRole('dialog');

  await t.test('empty screens say what to do', async () => {
    await go(pageA, 'People & circles');
    await pageA.getByText('No contacts yet').waitFor();
    await pageA.getByText('No circles yet').waitFor();
    await screenshot(pageA, 'people-empty');
    await go(pageB, 'Shared with me');
    await pageB.getByText('Nothing shared with you yet').waitFor();
    await go(pageB, 'Shared by me');
    await pageB.getByText('You have not shared anything yet').waitFor();
  });

  await t.test('A invites, B accepts: both see each other under People', async () => {
    await pageA.getByRole('button', { name: 'Invite someone' }).click();
    await dialogA.getByLabel('Valid for').selectOption({ label: '1 week' });
    await dialogA.getByRole('button', { name: 'Create invite' }).click();
    const code = await dialogA.getByLabel('Invite code').inputValue();
    assert.ok(code.length > 20, 'an invite code');
    assert.match(await dialogA.getByLabel('Link').inputValue(), /^kith:/);
    await dialogA.getByText(/It works once until/).waitFor();
    await screenshot(pageA, 'invite-created');
    await dialogA.getByRole('button', { name: 'Done' }).click();

    await go(pageB, 'People & circles');
    await pageB.getByRole('button', { name: 'Accept an invite' }).click();
    await dialogB.getByRole('button', { name: 'Accept invite' }).click();
    await dialogB.getByText('Paste the code or the kith: link you were sent.').waitFor();
    await dialogB.getByLabel('Invite code or link').fill(code);
    await dialogB.getByRole('button', { name: 'Accept invite' }).click();
    await dialogB.getByText('is now among your contacts').waitFor({ timeout: 30_000 });
    await dialogB.getByRole('button', { name: 'Done' }).click();

    // Both lists update live: A's from the accepted invite arriving over the network.
    await pageA.locator('li.contact').first().waitFor({ timeout: 30_000 });
    await pageB.locator('li.contact').first().waitFor();
    assert.equal(await pageA.locator('li.contact').count(), 1);
    assert.equal(await pageB.locator('li.contact').count(), 1);

    const nameOnA = (await pageA.locator('li.contact .record-summary').first().innerText()).trim();
    await pageA.getByRole('button', { name: `Rename ${nameOnA}` }).click();
    await dialogA.getByLabel('Name').fill('Bea');
    await dialogA.getByRole('button', { name: 'Save name' }).click();
    await pageA.locator('li.contact .record-summary', { hasText: 'Bea' }).waitFor();
    const nameOnB = (await pageB.locator('li.contact .record-summary').first().innerText()).trim();
    await pageB.getByRole('button', { name: `Rename ${nameOnB}` }).click();
    await dialogB.getByLabel('Name').fill('Ana');
    await dialogB.getByRole('button', { name: 'Save name' }).click();
    await pageB.locator('li.contact .record-summary', { hasText: 'Ana' }).waitFor();
  });

  await t.test('circles: create, add a member, rename; block asks first', async () => {
    await pageA.getByRole('button', { name: 'New circle' }).click();
    await dialogA.getByRole('button', { name: 'Create circle' }).click();
    await dialogA.getByText('Give the circle a name').waitFor();
    await dialogA.getByLabel('Circle name').fill('Friends');
    await dialogA.getByRole('button', { name: 'Create circle' }).click();
    await pageA.getByRole('button', { name: 'Members of Friends' }).click();
    await dialogA.getByRole('checkbox', { name: 'Bea' }).check();
    await pageA.getByText('1 member: Bea').waitFor();
    await dialogA.getByRole('button', { name: 'Done' }).click();
    await pageA.getByText('Circles: Friends').waitFor();
    await pageA.getByRole('button', { name: 'Rename circle Friends' }).click();
    await dialogA.getByLabel('Circle name').fill('Family');
    await dialogA.getByRole('button', { name: 'Save name' }).click();
    await pageA.getByText('Circles: Family').waitFor();

    await pageA.getByRole('button', { name: 'Block Bea' }).click();
    await dialogA.getByText('will no longer be able to connect').waitFor();
    await screenshot(pageA, 'block-confirm');
    await dialogA.getByRole('button', { name: 'Cancel' }).click();
    await dialogA.waitFor({ state: 'detached' });
    await screenshot(pageA, 'people');
  });

  const street = 'Rua das Flores 12';
  await t.test('A shares a postal address with B for a purpose, under a term', async () => {
    await go(pageA, 'My data');
    await pageA.getByRole('button', { name: 'Add a postal address' }).click();
    await dialogA.getByLabel('Street and number').fill(street);
    await dialogA.getByLabel('Town or city').fill('Lisboa');
    await dialogA.getByLabel('Postal code').fill('1200-195');
    await dialogA.getByLabel('Country code').fill('PT');
    await dialogA.getByRole('button', { name: 'Add' }).click();
    const summary = `${street}, Lisboa, PT`;
    await pageA.getByText(summary).waitFor();

    await pageA.getByRole('button', { name: `Share ${summary}` }).click();
    await dialogA.getByRole('button', { name: 'Share', exact: true }).click();
    await dialogA.getByText('Choose who to share it with.').waitFor();
    await dialogA.getByText('Say what it is for').waitFor();
    await dialogA.getByLabel('Share with').selectOption({ label: 'Bea' });
    await dialogA.getByLabel('Purpose').fill('So you can send me a birthday card');
    await dialogA.getByRole('checkbox', { name: 'No tracking or profiling' }).check();
    await dialogA
      .getByRole('checkbox', {
        name: 'Tell me of any breach within a number of hours',
      })
      .check();
    await dialogA.getByLabel('Hours', { exact: true }).fill('24');
    await screenshot(pageA, 'share-dialog');
    await dialogA.getByRole('button', { name: 'Share', exact: true }).click();
    await dialogA.waitFor({ state: 'detached' });

    await go(pageA, 'Shared by me');
    await pageA.getByText('So you can send me a birthday card').waitFor();
    await pageA.getByText('No tracking or profiling.').waitFor();
    await pageA.getByRole('cell', { name: 'Up to date' }).waitFor({ timeout: 30_000 });
    await pageA.getByRole('cell', { name: 'Signed' }).waitFor({ timeout: 30_000 });
    await screenshot(pageA, 'shared-by-me');
  });

  await t.test("B's Shared with me shows it, and follows A's edit without a reload", async () => {
    await go(pageB, 'Shared with me');
    await pageB.getByRole('heading', { name: /From Ana/ }).waitFor({ timeout: 30_000 });
    await pageB.getByText(`Postal address: ${street}, Lisboa, PT`).waitFor();
    await pageB.getByText('So you can send me a birthday card').waitFor();
    await pageB.getByText('Tell me within 24 hours of any breach.').waitFor();
    await pageB.getByText(/^Version 1 ·/).waitFor();
    await screenshot(pageB, 'shared-with-me');
    await pageB.evaluate('window.kithNoReload = true');

    await go(pageA, 'My data');
    await pageA.getByRole('button', { name: `Edit ${street}, Lisboa, PT` }).click();
    await dialogA.getByLabel('Street and number').fill('Rua Nova 7');
    await dialogA.getByRole('button', { name: 'Save changes' }).click();
    await pageA.getByText('Rua Nova 7, Lisboa, PT').waitFor();

    await pageB.getByText('Postal address: Rua Nova 7, Lisboa, PT').waitFor({ timeout: 30_000 });
    await pageB.getByText(/^Version 2 ·/).waitFor();
    assert.equal(await pageB.evaluate('window.kithNoReload'), true, 'the page was not reloaded');
  });

  await t.test("A revokes; B's item shows revoked", async () => {
    await go(pageA, 'Shared by me');
    await pageA.getByRole('button', { name: 'Revoke sharing with Bea' }).click();
    await dialogA.getByText('is told to delete').waitFor();
    await screenshot(pageA, 'revoke-confirm');
    await dialogA.getByRole('button', { name: 'Revoke' }).click();
    await pageA
      .getByText(/^Revoked /)
      .first()
      .waitFor();

    await pageB.getByText(/Revoked .*: they no longer share this with you/).waitFor({ timeout: 30_000 });
    await pageB.locator('.tag', { hasText: 'revoked' }).waitFor();
    assert.equal(await pageB.evaluate('window.kithNoReload'), true, 'the page was not reloaded');
    await screenshot(pageB, 'shared-with-me-revoked');
    await pageA
      .getByRole('cell', { name: 'Confirmed deleted' })
      .waitFor({ timeout: 30_000 })
      .catch(() => undefined);
    await screenshot(pageA, 'shared-by-me-revoked');
  });

  await t.test('A shares a document with B; B gets the file and downloads it', async () => {
    await go(pageA, 'Documents');
    const bytes = randomBytes(40_000);
    await pageA.locator('input[type=file]').setInputFiles({ name: 'lease.pdf', mimeType: 'application/pdf', buffer: bytes });
    await pageA.getByRole('button', { name: 'Share lease.pdf' }).click();
    await dialogA.getByRole('heading', { name: 'Share lease.pdf' }).waitFor();
    assert.equal(await dialogA.getByRole('group', { name: 'Which parts of it' }).count(), 0, 'a document is shared whole');
    await dialogA.getByLabel('Share with').selectOption({ label: 'Bea' });
    await dialogA.getByLabel('Purpose').fill('The signed lease, for your records');
    await screenshot(pageA, 'share-document');
    await dialogA.getByRole('button', { name: 'Share', exact: true }).click();
    await dialogA.waitFor({ state: 'detached' });

    await go(pageB, 'Shared with me');
    const item = pageB.locator('li.shared-item', { hasText: 'Document: lease.pdf' });
    await item.waitFor({ timeout: 30_000 });
    await item.getByText('The signed lease, for your records').waitFor();
    await item.getByText(/^File here ·/).waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([pageB.waitForEvent('download'), item.getByRole('button', { name: 'Download lease.pdf' }).click()]);
    assert.equal(download.suggestedFilename(), 'lease.pdf');
    assert.deepEqual(await readFile(await download.path()), bytes);
    await screenshot(pageB, 'shared-with-me-document');
  });

  await t.test('Network: online, PeerId, addresses, connected contacts and how', async () => {
    await go(pageA, 'Network');
    await pageA.getByText('Online').first().waitFor();
    await pageA.getByRole('heading', { name: 'Addresses' }).waitFor();
    await pageA.getByText('/ip4/127.0.0.1/tcp/').first().waitFor();
    // B, over loopback TCP with no relay between them, is connected directly.
    const peerB = (await b.api.call('node.status', {})).peerId;
    assert.ok(peerB !== undefined);
    // Named first; the whole key is on hover (its title), not in the text.
    await pageA.locator('li.record', { has: pageA.locator(`[title="${peerB}"]`) }).getByText('Connected directly').waitFor({ timeout: 30_000 });
    await screenshot(pageA, 'network');
    await pageB.emulateMedia({ colorScheme: 'dark' });
    await go(pageB, 'People & circles');
    await screenshot(pageB, 'people-dark');
    await pageB.emulateMedia({ colorScheme: 'light' });
  });

  problemsA.assertNone();
  problemsB.assertNone();
});
