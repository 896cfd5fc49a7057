// The privacy map and Settings, end to end: two real nodes made contacts with the `kith`
// command (the UI for that is sharing-ui.test.ts's), and a browser page on A. The map
// starts empty and says how to share; A sets default terms in Settings, the Share dialog
// preselects them, and A shares a postal address with B; the map shows B holding it
// under those terms until the chosen day — by pointer, keyboard and table — and, after a
// revocation, shows it revoked. In a browser, Settings says keychain unlock is desktop-only;
// through a stand-in for the desktop preload, it turns keychain unlock and the tray on, and
// the unlock screen offers "Unlock with keychain".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot as save } from './support/browser.ts';
import { FAKE_DESKTOP_PRELOAD } from './support/fake-desktop-preload.ts';
import type { NodeProcess } from './support/node-process.ts';
import { watchForProblems } from './support/page-checks.ts';
import { go, uiSession } from './support/ui-session.ts';

const screenshot = (page: Page, name: string) => save(page, name);

async function kithJson<T>(node: NodeProcess, args: readonly string[]): Promise<T> {
  const run = await node.kith([...args, '--json']);
  assert.equal(run.code, 0, `kith ${args.join(' ')}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

test('privacy map and settings in the UI', { timeout: 120_000 }, async (t) => {
  const session = await uiSession(t);
  const [a, b, browser] = await Promise.all([
    session.startNode({ passphrase: 'alpha passphrase', network: true }),
    session.startNode({ passphrase: 'bravo passphrase', network: true }),
    session.launchBrowser(),
  ]);
  const page = await browser.newPage();
  const problems = watchForProblems(page);
  await page.goto(a.url);
  await page.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
  const dialog = page.getByRole('dialog');

  await t.test('the empty map says how to share', async () => {
    await go(page, 'Privacy map');
    await page.getByText('Nobody holds any of your data').waitFor();
    await page.getByText('choose Share… next to a record').waitFor();
    await page.getByRole('button', { name: 'Go to My data' }).waitFor();
    await screenshot(page, 'privacy-map-empty');
  });

  // A and B become contacts, and A has a record to share: by command, to keep this fast.
  const { code } = await kithJson<{ code: string }>(a, ['invite']);
  await kithJson(b, ['accept', code]);
  const { peerId: bPeer } = await kithJson<{ peerId: string }>(b, ['whoami']);
  await kithJson(a, ['contacts', 'rename', bPeer, 'Bea']);
  const street = 'Rua das Flores 12';
  await kithJson(a, ['data', 'set', 'address', JSON.stringify({ streetAddress: street, addressLocality: 'Lisboa', addressCountry: 'PT' })]);
  const summary = `${street}, Lisboa, PT`;

  await t.test('Settings: default terms are checked, saved, and preselected in the Share dialog', async () => {
    await go(page, 'Settings');
    const panel = page.locator('section', { has: page.getByRole('heading', { name: 'Your default terms' }) });
    await panel.getByText("Until you save your own, these are Kith's suggestions.").waitFor();
    assert.equal(await panel.getByRole('checkbox', { name: 'No onward sharing or sale' }).isChecked(), true);
    await panel.getByRole('checkbox', { name: 'No tracking or profiling' }).check();
    await panel.getByRole('checkbox', { name: 'Delete it when I revoke access' }).uncheck();
    await panel.getByRole('checkbox', { name: 'Tell me of any breach within a number of hours' }).check();
    await panel.getByLabel('Hours', { exact: true }).fill('0');
    await panel.getByRole('button', { name: 'Save default terms' }).click();
    await panel.getByText('Hours must be a whole number from 1 to 720.').waitFor();
    assert.equal(await page.evaluate('document.activeElement?.id'), 'defaults-breachHours', 'the field with the problem has the focus');
    await panel.getByLabel('Hours', { exact: true }).fill('24');
    await panel.getByLabel('A clause in your own words').fill('Not for advertising');
    await panel.getByRole('button', { name: 'Save default terms' }).click();
    await panel.getByText('Saved. Sharing and approving requests now start from these terms.').waitFor();
    await panel.getByText(/You last changed them/).waitFor();
    await screenshot(page, 'settings-default-terms');

    await go(page, 'My data');
    await page.getByRole('button', { name: `Share ${summary}` }).click();
    assert.equal(await dialog.getByRole('checkbox', { name: 'No tracking or profiling' }).isChecked(), true);
    assert.equal(await dialog.getByRole('checkbox', { name: 'No onward sharing or sale' }).isChecked(), true);
    assert.equal(await dialog.getByRole('checkbox', { name: 'Delete it when I revoke access' }).isChecked(), false);
    assert.equal(await dialog.getByRole('checkbox', { name: 'Tell me of any breach within a number of hours' }).isChecked(), true);
    assert.equal(await dialog.getByLabel('Hours', { exact: true }).inputValue(), '24');
    assert.equal(await dialog.getByLabel('A clause in your own words').inputValue(), 'Not for advertising');
    await dialog.getByLabel('Share with').selectOption({ label: 'Bea' });
    await dialog.getByLabel('Purpose').fill('So you can send me a birthday card');
    await dialog.getByLabel('Until').fill('2031-05-03');
    await screenshot(page, 'settings-share-preselected');
    await dialog.getByRole('button', { name: 'Share', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  await t.test('the map shows B holding the address under those terms, until that day', async () => {
    await go(page, 'Privacy map');
    await page.getByText('One holder has one record of yours.').waitFor();
    const holder = page.getByRole('button', { name: /^Bea, person: holds 1 record of yours/ });
    const record = page.getByRole('button', { name: new RegExp(`^Postal address: ${street}`) });
    // A straight line has no height, so Playwright calls it hidden: wait for it to exist.
    await page.locator('.privacy-picture path.map-link.live').waitFor({ state: 'attached' });
    const details = page.locator('.map-details');
    await holder.hover();
    await details.getByRole('heading', { name: /^Bea/ }).waitFor();
    await details.getByText('No tracking or profiling.').waitFor();
    await details.getByText('Tell me within 24 hours of any breach.').waitFor();
    await details.getByText('Not for advertising').waitFor();
    await details.getByText('So you can send me a birthday card').waitFor();
    await details.getByText(/2031/).waitFor();
    await screenshot(page, 'privacy-map');

    // By keyboard: from the record, Tab reaches the holder and its details follow focus.
    await page.mouse.move(0, 0);
    await record.focus();
    await details.getByRole('heading', { name: summary }).waitFor();
    await page.keyboard.press('Tab');
    assert.match(String(await page.evaluate("document.activeElement?.getAttribute('aria-label')")), /^Bea, person/, 'the holder has the focus');
    await details.getByRole('heading', { name: /^Bea/ }).waitFor();

    // The table says the same for screen readers.
    const row = page.getByRole('row', { name: /Bea/ });
    await row.getByText('So you can send me a birthday card').waitFor();
    await row.getByText('No tracking or profiling.').waitFor();
    await row.getByText('Active').waitFor();
    await row.getByText(/2031/).waitFor();

    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'privacy-map-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  await t.test('after a revocation the map shows it revoked, without a reload', async () => {
    await page.evaluate('window.kithNoReload = true');
    const [grant] = await kithJson<{ id: string }[]>(a, ['grants']);
    assert.ok(grant !== undefined, 'the grant made in the dialog');
    await kithJson(a, ['revoke', grant.id]);
    await page.locator('.privacy-picture path.map-link.revoked, .privacy-picture path.map-link.unconfirmed').waitFor({ state: 'attached', timeout: 15_000 });
    await page.getByText('Nobody holds any of your records now.').waitFor();
    const row = page.getByRole('row', { name: /Bea/ });
    await row.getByText(/^Revoked .* · deletion (not )?confirmed/).waitFor();
    // B is online: its signed deletion receipt arrives and the map says so.
    await row.getByText(/deletion confirmed$/).waitFor({ timeout: 30_000 });
    await page.locator('.privacy-picture path.map-link.revoked').waitFor({ state: 'attached' });
    assert.equal(await page.evaluate('window.kithNoReload'), true, 'the page was not reloaded');
    await screenshot(page, 'privacy-map-revoked');

    await page.getByRole('checkbox', { name: 'Show ended sharing (revoked and expired)' }).uncheck();
    await page.getByText('Nothing is shared now.').waitFor();
    assert.equal(await page.locator('.privacy-picture').count(), 0);
  });

  await t.test('in a browser, Settings says keychain unlock belongs to the desktop app', async () => {
    await go(page, 'Settings');
    await page.getByRole('heading', { name: 'Unlocking' }).waitFor();
    await page.getByText("Unlocking with your computer's keychain is available in the desktop app").waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Closing the window' }).count(), 0, 'no tray setting in a browser');
    await screenshot(page, 'settings-browser');
  });

  await t.test('in the desktop app: keychain unlock, the tray setting, and unlock with keychain', async () => {
    const desktop = await browser.newPage();
    const desktopProblems = watchForProblems(desktop);
    await desktop.addInitScript(FAKE_DESKTOP_PRELOAD);
    await desktop.goto(a.url);
    await desktop.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
    await go(desktop, 'Settings');
    const unlocking = desktop.locator('section', { has: desktop.getByRole('heading', { name: 'Unlocking' }) });
    await unlocking.getByRole('button', { name: 'Turn on keychain unlock' }).click();
    await unlocking.getByText('Type your passphrase: Kith checks it before keeping it.').waitFor();
    await unlocking.getByLabel('Passphrase', { exact: true }).fill('not it');
    await unlocking.getByRole('button', { name: 'Turn on keychain unlock' }).click();
    await unlocking.getByText('That passphrase is not right.').waitFor();
    await unlocking.getByLabel('Passphrase', { exact: true }).fill('alpha passphrase');
    await unlocking.getByRole('button', { name: 'Turn on keychain unlock' }).click();
    await unlocking.getByText('Kith now unlocks with your keychain when it starts.').waitFor();
    await unlocking.getByRole('button', { name: 'Turn off keychain unlock' }).waitFor();

    const tray = desktop.getByRole('checkbox', { name: 'Keep Kith running in the tray when I close the window' });
    assert.equal(await tray.isChecked(), false);
    await tray.check();
    await desktop.waitForFunction(() => (globalThis as unknown as { kithFakeDesktop: { calls: string[] } }).kithFakeDesktop.calls.includes('settings.set'));
    assert.equal(await tray.isChecked(), true);
    await screenshot(desktop, 'settings-desktop');

    await desktop.getByRole('button', { name: 'Lock Kith' }).click();
    await desktop.getByRole('heading', { name: 'Unlock Kith' }).waitFor();
    await screenshot(desktop, 'settings-unlock-keychain');
    await desktop.getByRole('button', { name: 'Unlock with keychain' }).click();
    await desktop.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
    // The browser-mode page follows the node: locked, then unlocked again.
    await page.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
    desktopProblems.assertNone();
    await desktop.close();
  });

  problems.assertNone();
});
