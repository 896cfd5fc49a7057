// Conversations, end to end: three real nodes — Ana and Bea (people, contacts of each other)
// and Livraria (a vendor node with an agreement with Ana) — and a browser page on each. Ana
// writes to Bea from Bea's contact page; the thread shows it delivered, Bea's navigation
// counts it unread and she gets a desktop notification (she turned them on from the
// Conversations screen); Bea opens it, the count clears and Ana sees it read. Bea answers
// it with Reply. With read receipts off in Bea's Settings, Ana's next message stays
// "Delivered". Ana writes to Livraria from its vendor panel, about their agreement, with a
// document attached; the console's Customer messages shows it, and finds it by its words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.ts';
import { focusIsOn, watchForProblems } from './support/page-checks.ts';
import { go, uiSession } from './support/ui-session.ts';

const NETWORK_MS = 20_000;

// A stand-in for the Notification API (headless Chromium has no notification centre): it
// starts undecided, grants when asked, and records what would have been shown.
const FAKE_NOTIFICATIONS = `(() => {
  window.kithNotified = [];
  class FakeNotification {
    static permission = 'default';
    static async requestPermission() { FakeNotification.permission = 'granted'; return 'granted'; }
    constructor(title, options) { window.kithNotified.push({ title, body: options?.body }); }
    close() {}
  }
  window.Notification = FakeNotification;
})()`;

async function notified(page: Page): Promise<{ title: string; body: string }[]> {
  return (await page.evaluate('window.kithNotified')) as { title: string; body: string }[];
}

test('Conversations between two people and with a vendor, in the UI', { timeout: 150_000 }, async (t) => {
  const started = Date.now();
  const session = await uiSession(t);
  const [ana, bea, shop] = await Promise.all([
    session.startNode({ passphrase: 'ana passphrase', network: true }),
    session.startNode({ passphrase: 'bea passphrase', network: true }),
    session.startNode({ passphrase: 'shop passphrase', network: true, vendor: true }),
  ]);
  // Names first: an invite carries the name, which becomes the other side's petname.
  await Promise.all([
    ana.api.call('data.set', { type: 'name', data: { full: 'Ana' } }),
    bea.api.call('data.set', { type: 'name', data: { full: 'Bea' } }),
    // A vendor is named by its signed profile, which its customers' nodes ask for.
    shop.api.call('vendor.profile.set', { name: 'Livraria' }),
  ]);
  await Promise.all(
    [
      [bea, ana],
      [shop, ana],
    ].map(async ([from, to]) => {
      const { code } = await from!.api.call('invites.create', {});
      await to!.api.call('invites.accept', { code });
    }),
  );
  const proposed = await ana.api.call('agreements.propose', { vendor: 'Livraria', purpose: 'Delivery of my orders', terms: 'delivery-only,delete-on-revocation' });
  assert.ok(proposed.accepted, 'Livraria signs terms inside its policy');

  const browser = await session.launchBrowser();
  const [pageA, pageB, pageV] = await Promise.all([browser.newPage(), browser.newPage(), browser.newPage()]);
  const problems = [pageA, pageB, pageV].map(watchForProblems);
  await pageB.addInitScript(FAKE_NOTIFICATIONS);
  await Promise.all([pageA.goto(ana.url), pageB.goto(bea.url), pageV.goto(shop.url)]);
  for (const page of [pageA, pageB, pageV]) await page.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
  const navB = pageB.getByRole('navigation');
  const hello = 'Hello Bea! Are you coming on Saturday?';

  await t.test('no conversations yet: the screen says where to start, and offers notifications', async () => {
    await go(pageB, 'Conversations');
    await pageB.getByText('No conversations yet').waitFor();
    await screenshot(pageB, 'conversations-empty');
    // Asked only when she chooses to, never as the app loads.
    assert.equal(await pageB.evaluate('Notification.permission'), 'default');
    await pageB.getByRole('button', { name: 'Turn on notifications' }).click();
    await pageB.getByRole('button', { name: 'Turn on notifications' }).waitFor({ state: 'detached' });
    await go(pageB, 'My data');
  });

  await t.test('Ana writes to Bea from her contact page; it is delivered, counted and notified', async () => {
    await go(pageA, 'People & circles');
    await pageA.getByRole('button', { name: 'Message Bea' }).click();
    await pageA.getByRole('heading', { level: 1, name: 'Conversation with Bea' }).waitFor();
    await focusIsOn(pageA, 'screen-title');
    await pageA.getByText('No messages yet').waitFor();
    await pageA.getByRole('button', { name: 'Send', exact: true }).click();
    await pageA.getByText('Write something first.').waitFor();
    await focusIsOn(pageA, 'composer-text');
    await pageA.getByLabel('Message to Bea').fill(hello);
    await pageA.getByText(`${hello.length} of 4000 characters`).waitFor();
    await pageA.getByRole('button', { name: 'Send', exact: true }).click();
    const mine = pageA.locator('li.message', { hasText: hello });
    await mine.locator('.delivery', { hasText: 'Delivered' }).waitFor({ timeout: NETWORK_MS });
    assert.equal(await pageA.getByLabel('Message to Bea').inputValue(), '', 'the composer is cleared');

    await navB.getByRole('button', { name: 'Conversations 1 unread' }).waitFor({ timeout: NETWORK_MS });
    assert.deepEqual(await notified(pageB), [{ title: 'Message from Ana', body: hello }]);
    await screenshot(pageA, 'conversations-delivered');
  });

  await t.test('Bea opens it: the count clears, and Ana sees it read', async () => {
    await go(pageB, 'Conversations');
    await pageB.getByRole('button', { name: 'Open the conversation with Ana, 1 unread' }).waitFor();
    await screenshot(pageB, 'conversations-list');
    await pageB.getByRole('button', { name: /^Open the conversation with Ana/ }).click();
    await pageB.getByRole('heading', { level: 1, name: 'Conversation with Ana' }).waitFor();
    await pageB.locator('li.message', { hasText: hello }).waitFor();
    await navB.getByRole('button', { name: 'Conversations', exact: true }).waitFor({ timeout: NETWORK_MS });
    await pageA.locator('li.message', { hasText: hello }).locator('.delivery', { hasText: 'Read' }).waitFor({ timeout: NETWORK_MS });
    await screenshot(pageA, 'conversations-read');
  });

  const answer = 'Yes, I will bring the cake.';
  await t.test('Bea answers with Reply; Ana, reading the thread, sees what it answers', async () => {
    await pageB.getByRole('button', { name: /^Reply to Ana/ }).click();
    await pageB.getByText(`Replying to Ana: “${hello}”`).waitFor();
    await focusIsOn(pageB, 'composer-text');
    await pageB.getByLabel('Message to Ana').fill(answer);
    await pageB.keyboard.press('Control+Enter');
    const reply = pageA.locator('li.message', { hasText: answer });
    await reply.getByText(`In answer to you: “${hello}”`).waitFor({ timeout: NETWORK_MS });
    // Ana has the thread open in view, so it is read at once — and Bea sees that.
    await pageB.locator('li.message', { hasText: answer }).locator('.delivery', { hasText: 'Read' }).waitFor({ timeout: NETWORK_MS });
    await screenshot(pageB, 'conversations-thread');
  });

  await t.test('no notification for the conversation Bea is reading', async () => {
    const more = 'See you there.';
    await pageA.getByLabel('Message to Bea').fill(more);
    await pageA.getByRole('button', { name: 'Send', exact: true }).click();
    await pageB.locator('li.message', { hasText: more }).waitFor({ timeout: NETWORK_MS });
    assert.equal((await notified(pageB)).length, 1, 'only the first message, which came while she was elsewhere');
  });

  await t.test('with read receipts off in Settings, Ana sees “Delivered”, not “Read”', async () => {
    await go(pageB, 'Settings');
    const receipts = pageB.getByRole('switch', { name: 'Send read receipts' });
    assert.equal(await receipts.isChecked(), true, 'on until turned off');
    await receipts.uncheck();
    await pageB.getByText('Read receipts are off.').waitFor();
    await screenshot(pageB, 'conversations-settings');

    const quiet = 'Did you get the address?';
    await pageA.getByLabel('Message to Bea').fill(quiet);
    await pageA.getByRole('button', { name: 'Send', exact: true }).click();
    const sent = pageA.locator('li.message', { hasText: quiet });
    await sent.locator('.delivery', { hasText: 'Delivered' }).waitFor({ timeout: NETWORK_MS });
    await navB.getByRole('button', { name: 'Conversations 1 unread' }).waitFor({ timeout: NETWORK_MS });
    await go(pageB, 'Conversations');
    await pageB.getByRole('button', { name: /^Open the conversation with Ana/ }).click();
    await pageB.locator('li.message', { hasText: quiet }).waitFor();
    await navB.getByRole('button', { name: 'Conversations', exact: true }).waitFor({ timeout: NETWORK_MS });
    // Bea's answer goes after her reading: once it is at Ana's, a read receipt would have been too.
    await pageB.getByLabel('Message to Ana').fill('Yes, thanks.');
    await pageB.getByRole('button', { name: 'Send', exact: true }).click();
    await pageA.locator('li.message', { hasText: 'Yes, thanks.' }).waitFor({ timeout: NETWORK_MS });
    assert.equal(await sent.locator('.delivery').innerText(), 'Delivered');
    const status = (await ana.api.call('conversations.thread', { peer: (await bea.api.call('identity.status', {})).identity?.did ?? '' })).find((m) => m.text === quiet)?.status;
    assert.equal(status, 'delivered', 'Bea read it, and her node did not tell Ana');
    await go(pageB, 'Activity');
    await pageB.getByText(/read receipts are off, so they were not told/).first().waitFor();
  });

  await t.test('Ana writes to Livraria about their agreement, with a document attached', async () => {
    await go(pageA, 'Documents');
    await pageA.locator('input[type=file]').setInputFiles({ name: 'order 1042.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 order 1042') });
    await pageA.getByRole('button', { name: 'Share order 1042.pdf' }).waitFor();
    await go(pageA, 'Vendors & agreements');
    await pageA.getByRole('button', { name: 'Message Livraria' }).click();
    await pageA.getByRole('heading', { level: 1, name: 'Conversation with Livraria' }).waitFor();
    await pageA.getByText('about the agreement with Livraria for “Delivery of my orders”').waitFor();
    assert.equal(await pageA.getByLabel('About').inputValue(), proposed.agreement.id, 'the agreement in force, chosen');
    await pageA.getByRole('button', { name: 'Attach documents…' }).click();
    await pageA.getByRole('dialog').getByRole('checkbox', { name: /^order 1042\.pdf/ }).check();
    await pageA.getByRole('dialog').getByRole('button', { name: 'Attach' }).click();
    await pageA.getByRole('list', { name: 'Documents to attach' }).getByText('order 1042.pdf').waitFor();
    await pageA.getByLabel('Message to Livraria').fill('Has order 1042 shipped yet?');
    await pageA.getByRole('button', { name: 'Send', exact: true }).click();
    const sent = pageA.locator('li.message', { hasText: 'Has order 1042 shipped yet?' });
    await sent.getByText('Under the agreement with Livraria for “Delivery of my orders”', { exact: false }).waitFor();
    await sent.getByRole('button', { name: 'Download order 1042.pdf' }).waitFor();
    await sent.locator('.delivery', { hasText: 'Delivered' }).waitFor({ timeout: NETWORK_MS });
    await screenshot(pageA, 'conversations-vendor');
  });

  await t.test('the vendor console’s Customer messages shows it, and finds it by its words', async () => {
    await go(pageV, 'Customer messages');
    await pageV.getByRole('button', { name: 'Open the conversation with Ana, 1 unread' }).waitFor({ timeout: NETWORK_MS });
    await pageV.getByText('Has order 1042 shipped yet?').waitFor();
    const search = pageV.getByLabel('Search messages');
    await search.fill('nobody');
    await pageV.getByText('No conversation matches “nobody”').waitFor();
    await search.fill('ORDER 1042');
    await pageV.getByText('1 conversation found for “ORDER 1042”').waitFor();
    await screenshot(pageV, 'conversations-console');
    await pageV.getByRole('button', { name: /^Open the conversation with Ana/ }).click();
    const received = pageV.locator('li.message', { hasText: 'Has order 1042 shipped yet?' });
    await received.getByText('Under the agreement with Ana for “Delivery of my orders”', { exact: false }).waitFor();
    await received.getByText('order 1042.pdf').waitFor();
    await pageA.locator('li.message', { hasText: 'Has order 1042 shipped yet?' }).locator('.delivery', { hasText: 'Read' }).waitFor({ timeout: NETWORK_MS });
    assert.equal(await pageV.getByLabel('About').inputValue(), proposed.agreement.id, 'the answer stays under the conversation’s agreement');
    await pageV.getByLabel('Message to Ana').fill('It left today.');
    await pageV.getByRole('button', { name: 'Send', exact: true }).click();
    await pageA.locator('li.message', { hasText: 'It left today.' }).getByText('Under the agreement with Livraria', { exact: false }).waitFor({ timeout: NETWORK_MS });
    await screenshot(pageV, 'conversations-console-thread');
  });

  for (const watch of problems) watch.assertNone();
  console.log(`# conversations UI: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
