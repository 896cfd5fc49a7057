// Recovery with friends in the UI, end to end: an owner and two friends (real nodes, each its
// own process and temp home, contacts by invites over loopback). In the owner's Settings the
// setup form refuses a threshold above the friends chosen, in words beside the field, then
// sets up 2 of 2 and shows both friends confirming their share. A new, empty device starts
// a recovery; the first friend pastes its code in Settings → Help a friend recover, the
// confirmation names the owner, and the approval counts 1 of 2. The device's page shows the
// session it finds (code, 1 of 2) and, after the second approval, the unlocked app as the
// owner. Screenshots of each screen.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Client } from '../../src/api/client.ts';
import { screenshot as save } from './support/browser.ts';
import { watchForProblems } from './support/page-checks.ts';
import { go, uiSession } from './support/ui-session.ts';

const screenshot = (page: Page, name: string) => save(page, `recovery-${name}`);
/** The machine is shared and loaded: every wait is generous. */
const LONG = { timeout: 60_000 };

async function befriend(owner: Client, friend: Client): Promise<void> {
  const { code } = await owner.call('invites.create', {});
  await friend.call('invites.accept', { code });
}

test('recovery with friends in the UI: setup in Settings, approving a code', { timeout: 300_000 }, async (t) => {
  const session = await uiSession(t);
  const [owner, ana, ben, device] = await Promise.all([
    session.startNode({ passphrase: 'owner passphrase', network: true }),
    session.startNode({ passphrase: 'ana passphrase', network: true }),
    session.startNode({ passphrase: 'ben passphrase', network: true }),
    session.startNode({ network: true }),
  ]);
  await befriend(owner.api, ana.api);
  await befriend(owner.api, ben.api);
  const contacts = await owner.api.call('contacts.list', {});
  await owner.api.call('contacts.rename', { contact: contacts[0]!.peerId, petname: 'Ana' });
  await owner.api.call('contacts.rename', { contact: contacts[1]!.peerId, petname: 'Ben' });
  const browser = await session.launchBrowser();
  const ownerPage = await browser.newPage();
  const anaPage = await browser.newPage();
  const problems = [watchForProblems(ownerPage), watchForProblems(anaPage)];
  await ownerPage.goto(owner.url);
  await anaPage.goto(ana.url);
  await ownerPage.getByRole('heading', { level: 1, name: 'My data' }).waitFor(LONG);
  await anaPage.getByRole('heading', { level: 1, name: 'My data' }).waitFor(LONG);

  await t.test('Settings: no setup yet; a threshold above the friends chosen is refused in words', async () => {
    await go(ownerPage, 'Settings');
    await ownerPage.getByText('You have no recovery friends yet.').waitFor(LONG);
    await ownerPage.getByRole('button', { name: 'Choose recovery friends' }).click();
    await ownerPage.getByRole('checkbox', { name: 'Ana' }).check();
    await ownerPage.getByRole('button', { name: 'Set up recovery' }).click();
    await ownerPage.getByText('Choose at least 2 friends').waitFor(LONG);
    await ownerPage.getByRole('checkbox', { name: 'Ben' }).check();
    await ownerPage.getByLabel('How many of them it takes').fill('3');
    await ownerPage.getByRole('button', { name: 'Set up recovery' }).click();
    await ownerPage.getByText('At most 2: you chose 2 friends').waitFor(LONG);
    assert.equal((await owner.api.call('recovery.status', {})).setup, undefined, 'nothing was set up');
    await screenshot(ownerPage, 'setup-refused');
  });

  await t.test('Settings: 2 of 2 set up, both friends confirm holding their share', async () => {
    await ownerPage.getByLabel('How many of them it takes').fill('2');
    await ownerPage.getByRole('button', { name: 'Set up recovery' }).click();
    await ownerPage.getByText('2 of 2 confirmed holding their share').waitFor({ timeout: 90_000 });
    assert.equal(await ownerPage.getByRole('list', { name: 'Your recovery friends' }).getByText('holds their share').count(), 2);
    await screenshot(ownerPage, 'setup');
  });

  await t.test('a friend pastes the code; the confirmation names whose key it is; 1 of 2', async () => {
    const started = await device.api.call('recovery.start', { passphrase: 'new device passphrase' });
    assert.match(started.code ?? '', /^kithr1/);
    const ownerName = (await ana.api.call('recovery.held', {}))[0]!.owner.petname;
    await go(anaPage, 'Settings');
    await anaPage.getByRole('list', { name: 'Shares you hold' }).getByText(ownerName).waitFor(LONG);
    await anaPage.getByRole('button', { name: 'Approve…' }).click();
    await anaPage.getByText('Paste the code your friend’s new device shows.').waitFor(LONG);
    await anaPage.getByLabel('Recovery code').fill(started.code ?? '');
    await anaPage.getByRole('button', { name: 'Approve…' }).click();
    const dialog = anaPage.getByRole('dialog');
    await dialog.getByRole('heading', { name: `Approve ${ownerName}'s recovery?` }).waitFor(LONG);
    await screenshot(anaPage, 'approve-confirm');
    await dialog.getByRole('button', { name: `Approve ${ownerName}'s recovery` }).click();
    await anaPage.getByText(`Approved: ${ownerName}'s new device has 1 of the 2 approvals it needs.`).waitFor({ timeout: 90_000 });
    await screenshot(anaPage, 'approved');
    const waiting = await device.api.call('recovery.session', {});
    assert.deepEqual([waiting.state, waiting.approvals.length, waiting.threshold], ['waiting', 1, 2]);
  });

  await t.test('the new device shows its session (1 of 2), and the second approval opens the app', async () => {
    const devicePage = await browser.newPage();
    problems.push(watchForProblems(devicePage));
    await devicePage.goto(device.url);
    // The session was started through the API: onboarding finds it and shows it again.
    await devicePage.getByRole('heading', { level: 1, name: 'Recover with friends' }).waitFor(LONG);
    await devicePage.getByText('1 of 2 approvals').waitFor(LONG);
    assert.match(await devicePage.getByLabel('Code for your friends').inputValue(), /^kithr1/);
    await screenshot(devicePage, 'onboarding-waiting');
    const { code } = await device.api.call('recovery.session', {});
    assert.equal((await ben.api.call('recovery.approve', { code: code ?? '' })).status, 'recovered');
    await devicePage.getByRole('heading', { level: 1, name: 'My data' }).waitFor({ timeout: 90_000 });
    assert.equal((await device.api.call('identity.status', {})).identity?.did, (await owner.api.call('identity.status', {})).identity?.did, 'the same identity');
    await screenshot(devicePage, 'recovered');
  });

  for (const p of problems) p.assertNone();
});
