// The Inbox and Vendors & agreements, end to end: three real nodes — Ana and Bea (people)
// and Livraria (a vendor node, `kith start --vendor`) — made contacts through the API, and a
// browser page on each. Bea asks Ana for data in the UI; Ana's Inbox shows it without a
// reload and she approves a part of it; Bea sees the answer and the record. A second
// request is denied, with a reason Bea sees. Livraria edits its profile; Ana sees it,
// proposes terms it refuses (naming the clause), then terms it signs; both see the
// agreement; Ana shares under it, ends it, and sees Livraria's signed deletion receipt.
// The Share dialog of My data, with Livraria chosen, says an agreement is needed while there
// is none, then shares under the one there is (its purpose, no purpose to type); a document
// can be ticked when sharing under an agreement.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { screenshot } from './support/browser.ts';
import type { NodeProcess } from './support/node-process.ts';
import { focusIsOn, watchForProblems } from './support/page-checks.ts';
import { go, uiSession } from './support/ui-session.ts';

const NETWORK_MS = 30_000;

/** `from` invites, `to` accepts: each is the other's contact. */
async function connect(from: NodeProcess, to: NodeProcess): Promise<void> {
  const { code } = await from.api.call('invites.create', {});
  await to.api.call('invites.accept', { code });
}

test('the Inbox and Vendors & agreements between three nodes in the UI', { timeout: 180_000 }, async (t) => {
  const started = Date.now();
  const session = await uiSession(t);
  const [ana, bea, shop] = await Promise.all([
    session.startNode({ passphrase: 'ana passphrase', network: true }),
    session.startNode({ passphrase: 'bea passphrase', network: true }),
    session.startNode({ passphrase: 'shop passphrase', network: true, vendor: true }),
  ]);
  // Screenshots are named inbox-… and vendors-…, apart from the other e2e files'.
  // Names first: an invite carries the name, which becomes the other side's petname.
  await Promise.all([
    ana.api.call('data.set', { type: 'name', data: { full: 'Ana' } }),
    bea.api.call('data.set', { type: 'name', data: { full: 'Bea' } }),
    shop.api.call('data.set', { type: 'name', data: { full: 'Livraria' } }),
  ]);
  await Promise.all([
    ana.api.call('data.set', { type: 'email', data: { address: 'ana@example.org' } }),
    ana.api.call('data.set', { type: 'address', data: { streetAddress: 'Rua das Flores 12', addressLocality: 'Lisboa', postalCode: '1200-195', addressCountry: 'PT' } }),
    ana.api.call('data.set', { type: 'phone', data: { number: '+351 21 000 0000' } }),
    connect(bea, ana),
    connect(shop, ana),
  ]);

  const browser = await session.launchBrowser();
  const [pageA, pageB, pageV] = await Promise.all([browser.newPage(), browser.newPage(), browser.newPage()]);
  const problems = [pageA, pageB, pageV].map(watchForProblems);
  await Promise.all([pageA.goto(ana.url), pageB.goto(bea.url), pageV.goto(shop.url)]);
  for (const page of [pageA, pageB, pageV]) await page.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
  const dialogA = pageA.getByRole('dialog');
  const dialogB = pageB.getByRole('dialog');
  const dialogV = pageV.getByRole('dialog');

  await t.test('empty screens say what to do', async () => {
    await go(pageA, 'Inbox');
    await pageA.getByText('No requests waiting').waitFor();
    await pageA.getByText('Nothing shared with you yet').waitFor();
    await pageA.getByText('You have not asked anyone yet').waitFor();
    await screenshot(pageA, 'inbox-empty');
    await go(pageB, 'Vendors & agreements');
    await pageB.getByText('No vendors yet').waitFor();
    await screenshot(pageB, 'vendors-empty');
  });

  await t.test('the vendor node edits its profile', async () => {
    await go(pageV, 'Vendors & agreements');
    await pageV.getByRole('heading', { name: 'This node is a vendor' }).waitFor();
    await pageV.getByText('No customer agreements yet').waitFor();
    await pageV.getByRole('button', { name: 'Edit profile…' }).click();
    await dialogV.getByLabel('Name', { exact: true }).fill('Livraria');
    await dialogV.getByLabel('Site').fill('not a site');
    await dialogV.getByRole('button', { name: 'Save profile' }).click();
    await dialogV.getByText('Give a web address starting with https://').waitFor();
    await dialogV.getByLabel('Site').fill('https://livraria.example');
    await dialogV.getByLabel('Categories').fill('books, stationery');
    await screenshot(pageV, 'vendors-profile-form');
    await dialogV.getByRole('button', { name: 'Save profile' }).click();
    await dialogV.waitFor({ state: 'detached' });
    await pageV.getByText('books, stationery').waitFor();
  });

  await t.test('Bea asks Ana for data; it appears in Ana’s Inbox without a reload', async () => {
    await pageA.evaluate('window.kithNoReload = true');
    await go(pageB, 'Inbox');
    await pageB.getByRole('button', { name: 'Ask for data…' }).click();
    await dialogB.getByRole('button', { name: 'Send request' }).click();
    await dialogB.getByText('Choose who to ask.').waitFor();
    await dialogB.getByText('Tick at least one kind of record.').waitFor();
    await dialogB.getByLabel('Ask', { exact: true }).selectOption({ label: 'Ana' });
    await dialogB.getByRole('checkbox', { name: 'Email address', exact: true }).check();
    await dialogB.getByRole('checkbox', { name: 'Postal address', exact: true }).check();
    await dialogB.getByLabel('Purpose').fill('To send you the wedding invitation');
    await dialogB.getByLabel('Keep it for (days)').fill('30');
    await screenshot(pageB, 'inbox-ask');
    await dialogB.getByRole('button', { name: 'Send request' }).click();
    await dialogB.waitFor({ state: 'detached', timeout: NETWORK_MS });
    await pageB.getByText('Waiting for Ana to answer').waitFor();

    await pageA.getByRole('heading', { name: 'Bea asks for Email address and Postal address' }).waitFor({ timeout: NETWORK_MS });
    await pageA.getByText('To send you the wedding invitation').waitFor();
    await pageA.getByText(/^30 days, then they delete it/).waitFor();
    await pageA.getByRole('navigation').getByRole('button', { name: 'Inbox 1 waiting' }).waitFor();
    assert.equal(await pageA.evaluate('window.kithNoReload'), true, 'the page was not reloaded');
    await screenshot(pageA, 'inbox-request');
  });

  await t.test('Ana approves a part: the address without its postal code, not the email', async () => {
    await pageA.getByRole('button', { name: /^Review and share/ }).click();
    await dialogA.getByRole('checkbox', { name: 'Email address: ana@example.org' }).uncheck();
    await dialogA.getByRole('checkbox', { name: 'Postal code', exact: true }).uncheck();
    await screenshot(pageA, 'inbox-approve');
    await dialogA.getByRole('button', { name: 'Share the ticked part' }).click();
    await dialogA.waitFor({ state: 'detached' });
    await pageA.getByRole('heading', { name: 'Requests you answered' }).waitFor();
    await pageA.getByText(/^Approved .* — shared Postal address: Rua das Flores 12, Lisboa, PT\./).waitFor();
    await pageA.getByText('No requests waiting').waitFor();
    assert.equal(await pageA.getByRole('navigation').getByRole('button', { name: /waiting/ }).count(), 0, 'no count once answered');
  });

  await t.test('Bea sees the answer and what arrived, live', async () => {
    await pageB.getByText(/^Approved /).first().waitFor({ timeout: NETWORK_MS });
    await pageB.getByText(/you received Postal address: Rua das Flores 12, Lisboa, PT/).waitFor({ timeout: NETWORK_MS });
    await pageB.getByRole('region', { name: 'Shared with you lately' }).getByText('From Ana').waitFor();
    await screenshot(pageB, 'inbox-answered');
    const shared = await bea.api.call('shared.list', {});
    assert.deepEqual(
      shared.map((s) => s.record.type),
      ['address'],
      'only the address, not the email',
    );
    const data = shared[0]?.record.data as Record<string, unknown>;
    assert.equal(data['postalCode'], undefined, 'not the postal code');
    assert.equal(data['streetAddress'], 'Rua das Flores 12');
    await pageB.getByRole('button', { name: 'See it under Shared with me' }).click();
    await pageB.getByRole('heading', { level: 1, name: 'Shared with me' }).waitFor();
    await focusIsOn(pageB, 'screen-title'); // keyboard users land on the new screen
    await pageB.getByText('Delete it after 30 days.').waitFor();
  });

  await t.test('a request Ana denies, with a reason Bea sees', async () => {
    await go(pageB, 'Inbox');
    await pageB.getByRole('button', { name: 'Ask for data…' }).click();
    await dialogB.getByLabel('Ask', { exact: true }).selectOption({ label: 'Ana' });
    await dialogB.getByRole('checkbox', { name: 'Phone number', exact: true }).check();
    await dialogB.getByLabel('Purpose').fill('Marketing calls');
    await dialogB.getByRole('button', { name: 'Send request' }).click();
    await dialogB.waitFor({ state: 'detached', timeout: NETWORK_MS });

    await pageA.getByRole('heading', { name: 'Bea asks for Phone number' }).waitFor({ timeout: NETWORK_MS });
    await pageA.getByRole('button', { name: /^Deny/ }).click();
    await dialogA.getByText('Nothing is shared, and they are told you said no.').waitFor();
    await dialogA.getByLabel('Reason to give them').fill('Not for marketing, thanks');
    await screenshot(pageA, 'inbox-deny');
    await dialogA.getByRole('button', { name: 'Deny request' }).click();
    await dialogA.waitFor({ state: 'detached' });
    await pageA.getByText('“Not for marketing, thanks”').waitFor();

    await pageB.getByText(/^Denied /).first().waitFor({ timeout: NETWORK_MS });
    await pageB.getByText('“Not for marketing, thanks”').waitFor();
    await screenshot(pageB, 'inbox-sent');
    await screenshot(pageA, 'inbox-answered-by-me');
  });

  await t.test('sharing with a vendor needs an agreement: the Share dialog says so', async () => {
    await go(pageA, 'My data');
    await pageA.getByRole('button', { name: 'Share ana@example.org' }).click();
    await dialogA.getByLabel('Share with').selectOption({ label: 'Livraria' });
    await dialogA.getByText('You have no agreement with Livraria yet').waitFor();
    assert.equal(await dialogA.getByLabel('Purpose').count(), 0, 'no purpose to type');
    await dialogA.getByRole('button', { name: 'Share', exact: true }).click();
    await dialogA.getByText('Sharing with Livraria needs an agreement: choose someone else, or make one first.').waitFor();
    await focusIsOn(pageA, 'share-to'); // the field to change has the focus
    await screenshot(pageA, 'vendors-share-no-agreement');
    await dialogA.getByRole('button', { name: 'Go to Vendors & agreements' }).click();
    await dialogA.waitFor({ state: 'detached' });
    await pageA.getByRole('heading', { level: 1, name: 'Vendors & agreements' }).waitFor();
    await focusIsOn(pageA, 'screen-title');
    const toShop = (await ana.api.call('grants.list', {})).filter((grant) => grant.to.name === 'Livraria');
    assert.deepEqual(toShop, [], 'nothing was shared with Livraria');
  });

  await t.test('Ana sees Livraria’s profile; terms outside its policy are refused by name', async () => {
    await go(pageA, 'Vendors & agreements');
    const panel = pageA.getByRole('region', { name: /^Livraria/ });
    await panel.getByRole('link', { name: 'https://livraria.example' }).waitFor({ timeout: NETWORK_MS });
    await panel.getByText('books, stationery').waitFor();
    await panel.getByText('None yet.', { exact: false }).waitFor();
    await screenshot(pageA, 'vendors-profile');

    await pageA.getByRole('button', { name: 'Propose an agreement to Livraria' }).click();
    await dialogA.getByLabel('Purpose').fill('Delivery of my orders');
    await dialogA.getByRole('checkbox', { name: 'Use only to deliver what I asked for' }).check();
    await dialogA.getByRole('checkbox', { name: 'Delete it after a number of days' }).check();
    await dialogA.getByLabel('Days', { exact: true }).fill('7');
    await dialogA.getByRole('button', { name: 'Propose' }).click();
    await dialogA.getByText('Livraria refused these terms under its policy:').waitFor({ timeout: NETWORK_MS });
    await dialogA.locator('.refusal').getByText('Delete it after 7 days.').waitFor();
    await screenshot(pageA, 'vendors-refused');
  });

  await t.test('terms inside its policy: signed by both, seen on both sides', async () => {
    await pageV.evaluate('window.kithNoReload = true');
    await dialogA.getByLabel('Days', { exact: true }).fill('60');
    await dialogA.getByRole('button', { name: 'Propose' }).click();
    await dialogA.getByText('Livraria countersigned your terms').waitFor({ timeout: NETWORK_MS });
    await dialogA.getByRole('button', { name: 'Done' }).click();
    const agreement = pageA.locator('li.agreement', { hasText: 'Delivery of my orders' });
    await agreement.getByText('In force').waitFor();
    await agreement.getByText('Signed by you and Livraria').waitFor();
    await agreement.getByText('Delete it after 60 days.').waitFor();

    const atShop = pageV.locator('li.agreement', { hasText: 'Delivery of my orders' });
    await atShop.getByText('Signed by you and Ana').waitFor({ timeout: NETWORK_MS });
    await atShop.getByText('In force').waitFor();
    assert.equal(await pageV.evaluate('window.kithNoReload'), true, 'the vendor page was not reloaded');
    await screenshot(pageV, 'vendors-vendor-node');
  });

  await t.test('Ana shares under it; Livraria signs the consent receipt', async () => {
    await pageA.getByRole('button', { name: /^Share data with Livraria under/ }).click();
    await dialogA.getByRole('button', { name: 'Share', exact: true }).click();
    await dialogA.getByText('Tick at least one record to share.').waitFor();
    await dialogA.getByRole('checkbox', { name: 'Postal address: Rua das Flores 12, Lisboa, PT' }).check();
    await screenshot(pageA, 'vendors-share');
    await dialogA.getByRole('button', { name: 'Share', exact: true }).click();
    await dialogA.waitFor({ state: 'detached' });
    const holds = pageA.getByRole('table', { name: 'What Livraria holds' });
    await holds.getByRole('cell', { name: /^Holds it since/ }).waitFor();
    await holds.getByRole('cell', { name: /^Signed / }).waitFor({ timeout: NETWORK_MS });
    await screenshot(pageA, 'vendors-holds');
  });

  await t.test('Ana ends the agreement: Livraria deletes and sends a signed receipt', async () => {
    await pageA.getByRole('button', { name: /^End the agreement with Livraria/ }).click();
    await dialogA.getByText('is told to delete it').waitFor();
    await screenshot(pageA, 'vendors-end-confirm');
    await dialogA.getByRole('button', { name: 'End agreement' }).click();
    await dialogA.waitFor({ state: 'detached' });
    const holds = pageA.getByRole('table', { name: 'What Livraria holds' });
    await holds.getByRole('cell', { name: /^Taken back/ }).waitFor();
    await holds.getByRole('cell', { name: /^Deleted .*, signed receipt$/ }).waitFor({ timeout: NETWORK_MS });
    await pageA.getByText('Livraria confirmed deleting everything you took back, with signed receipts.').waitFor();
    // Compliance: the deletion Ana asked for, answered on time; nothing took points off.
    const owed = pageA.getByRole('table', { name: 'Deletions Livraria owes you' });
    await owed.getByRole('cell', { name: /^Deleted on time/ }).waitFor({ timeout: NETWORK_MS });
    await pageA.getByLabel('Score 100 out of 100').waitFor();
    await pageA.getByText('Livraria kept every term you can check').waitFor();
    await screenshot(pageA, 'vendors-compliance');
    await pageA.locator('li.agreement').getByText(/^Ended .*; Livraria was told$/).waitFor({ timeout: NETWORK_MS });
    await screenshot(pageA, 'vendors-ended');
    await pageV.locator('li.agreement').getByText(/^Ended by the customer/).waitFor({ timeout: NETWORK_MS });
    await screenshot(pageV, 'vendors-vendor-node-ended');
    await pageA.emulateMedia({ colorScheme: 'dark' });
    await screenshot(pageA, 'vendors-dark');
    await go(pageA, 'Inbox');
    await screenshot(pageA, 'inbox-dark');
    await pageA.emulateMedia({ colorScheme: 'light' });
  });

  const invoices = 'Invoices for my orders';
  await t.test('My data → Share with Livraria: under its agreement, with its purpose and terms', async () => {
    const proposed = await ana.api.call('agreements.propose', { vendor: 'Livraria', purpose: invoices, terms: 'delivery-only,delete-on-revocation' });
    assert.ok(proposed.accepted, 'Livraria signs terms inside its policy');
    await go(pageA, 'My data');
    await pageA.getByRole('button', { name: 'Share ana@example.org' }).click();
    await dialogA.getByLabel('Share with').selectOption({ label: 'Livraria' });
    const choice = dialogA.getByLabel('Under which agreement');
    await choice.waitFor();
    assert.equal(await choice.inputValue(), proposed.agreement.id, 'its one agreement in force, preselected');
    await dialogA.locator('dd', { hasText: invoices }).waitFor();
    for (const term of proposed.agreement.terms) await dialogA.locator('ul.terms li', { hasText: term }).waitFor();
    assert.equal(await dialogA.getByLabel('Purpose').count(), 0, 'no purpose to type');
    assert.equal(await dialogA.getByRole('checkbox', { name: 'No tracking or profiling' }).count(), 0, 'no terms to choose');
    await dialogA.getByLabel('Until').waitFor();
    await screenshot(pageA, 'vendors-share-dialog');
    await dialogA.getByRole('button', { name: 'Share', exact: true }).click();
    await dialogA.waitFor({ state: 'detached' });

    await go(pageA, 'Shared by me');
    const grant = pageA.locator('li.grant', { hasText: 'ana@example.org' });
    await grant.locator('dd', { hasText: invoices }).waitFor();
    await grant.getByRole('cell', { name: 'Signed' }).waitFor({ timeout: NETWORK_MS });
  });

  await t.test('a document can be shared under an agreement from the vendor panel', async () => {
    await go(pageA, 'Documents');
    await pageA.locator('input[type=file]').setInputFiles({ name: 'order 1042.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 order 1042') });
    await pageA.getByRole('button', { name: 'Share order 1042.pdf' }).waitFor();
    await go(pageA, 'Vendors & agreements');
    await pageA.getByRole('button', { name: `Share data with Livraria under “${invoices}”` }).click();
    await dialogA.getByRole('checkbox', { name: 'Document: order 1042.pdf' }).check();
    await dialogA.getByRole('button', { name: 'Share', exact: true }).click();
    await dialogA.waitFor({ state: 'detached' });
    const holds = pageA.getByRole('table', { name: 'What Livraria holds' });
    await holds
      .getByRole('row', { name: /^Document: order 1042\.pdf/ })
      .getByRole('cell', { name: /^Signed / })
      .waitFor({ timeout: NETWORK_MS });
  });

  for (const watch of problems) watch.assertNone();
  console.log(`# inbox and vendors UI: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
