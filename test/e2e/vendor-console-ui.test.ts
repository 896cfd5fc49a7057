// The vendor console, end to end: a vendor node (`kith start --vendor`, PGlite) and a
// customer, Ana, made contacts through the API; Ana agrees and shares her name and email.
// In a browser on the vendor's node: the console's sections are in the navigation (not on
// Ana's); Customers lists Ana by name and finds her by search; her holdings show the
// agreement and, when she changes her email while the page is open, both versions, live;
// an e-receipt is sent from her page (a bad price refused in words first) and listed as
// taken by her node; Compliance shows the deletion her terms schedule; Policy is changed; a webhook is added (its secret shown once) and tested against a
// receiver on loopback; the CSV export downloads. Screenshots are named console-….
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { screenshot } from './support/browser.ts';
import { focusIsOn, watchForProblems } from './support/page-checks.ts';
import { go, uiSession } from './support/ui-session.ts';

const NETWORK_MS = 30_000;

test('the vendor console: customers, holdings with versions, e-receipts, compliance, policy, webhooks, export', { timeout: 240_000 }, async (t) => {
  const started = Date.now();
  const session = await uiSession(t);
  const [ana, shop] = await Promise.all([session.startNode({ passphrase: 'ana passphrase', network: true }), session.startNode({ passphrase: 'shop passphrase', network: true, vendor: true })]);
  const hits: IncomingHttpHeaders[] = [];
  const receiver = createServer((req, res) => {
    hits.push(req.headers);
    req.resume().on('end', () => res.writeHead(204).end());
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  t.after(() => {
    receiver.closeAllConnections();
    receiver.close();
  });

  const browser = await session.launchBrowser();
  const page = await browser.newPage();
  const problems = watchForProblems(page);
  const dialog = page.getByRole('dialog');
  const nav = page.getByRole('navigation');

  await t.test('a person’s node has no vendor console', async () => {
    await page.goto(ana.url);
    await page.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
    // Once the node's status is on screen, the navigation has had it too.
    await go(page, 'Network');
    await page.getByText('Online', { exact: true }).waitFor({ timeout: NETWORK_MS });
    assert.equal(await nav.getByRole('button', { name: 'Customers' }).count(), 0);
  });

  await t.test('a vendor node’s console, empty: it says what to do', async () => {
    await page.goto(shop.url);
    await nav.getByRole('heading', { name: 'Your business' }).waitFor({ timeout: NETWORK_MS });
    await go(page, 'Customers');
    await page.getByText('No customers yet').waitFor();
    await screenshot(page, 'console-customers-empty');
    await go(page, 'Compliance');
    await page.getByText('Nothing to delete yet').waitFor();
    await page.getByText('No deletion carried out yet').waitFor();
    await screenshot(page, 'console-compliance-empty');
    await go(page, 'Customers');
    await page.evaluate('window.kithNoReload = true');
  });

  await Promise.all([ana.api.call('data.set', { type: 'name', data: { full: 'Ana Silva', given: 'Ana', family: 'Silva' } }), shop.api.call('vendor.profile.set', { name: 'Livraria' })]);
  const { code } = await shop.api.call('invites.create', {});
  await ana.api.call('invites.accept', { code });
  const proposed = await ana.api.call('agreements.propose', { vendor: 'Livraria', purpose: 'Delivery of my orders', terms: 'delivery-only,delete-on-revocation,delete-after-30d' });
  assert.ok(proposed.accepted, 'Livraria signs terms inside its default policy');
  const records = await ana.api.call('data.list', {});
  const email = await ana.api.call('data.set', { type: 'email', data: { address: 'ana@example.org' } });
  const name = records.find((r) => r.type === 'name');
  assert.ok(name !== undefined);
  await ana.api.call('grants.create', { to: 'Livraria', records: [name.id, email.id], purpose: 'Delivery of my orders' });

  await t.test('Customers: Ana by name, live, found by search, her holdings with every version', async () => {
    const open = page.getByRole('button', { name: 'Open Ana Silva' });
    await open.waitFor({ timeout: NETWORK_MS });
    await page.getByText(/^1 agreement in force · 2 records shared · customer since /).waitFor({ timeout: NETWORK_MS });
    const search = page.getByLabel('Search customers');
    await search.fill('nobody');
    await page.getByText('No customer matches “nobody”').waitFor();
    await search.fill('silva');
    await open.waitFor();
    await page.getByText('1 customer found for “silva”').waitFor();
    await screenshot(page, 'console-customers');
    await open.click();
    await page.getByRole('heading', { level: 1, name: 'Ana Silva' }).waitFor();
    await focusIsOn(page, 'screen-title');
    await page.locator('li.agreement', { hasText: 'Delivery of my orders' }).getByText('Use only to deliver what I asked for.').waitFor();
    await page.getByText('Email address: ana@example.org').waitFor();
    // A new version while her page is open: it follows live too.
    await ana.api.call('data.update', { id: email.id, data: { address: 'ana.silva@example.org' } });
    await page.getByText('Email address: ana.silva@example.org').waitFor({ timeout: NETWORK_MS });
    assert.equal(await page.evaluate('window.kithNoReload'), true, 'the page was not reloaded');
    await page.getByText('2 versions').click();
    const versions = page.getByRole('list', { name: 'Versions of Email address' });
    await versions.getByText('Version 2').waitFor();
    await versions.getByText('Version 1').waitFor();
    await screenshot(page, 'console-holdings');
    await page.setViewportSize({ width: 420, height: 860 });
    await screenshot(page, 'console-holdings-narrow');
    await page.setViewportSize({ width: 1180, height: 860 });
  });

  await t.test('E-receipts: sent from her page, totalled as typed, a bad price refused in words, taken by her node', async () => {
    const form = page.getByRole('form', { name: 'Send a receipt' });
    await form.getByLabel('Order number').fill('A-1001');
    const item = form.getByRole('group', { name: 'Item 1' });
    await item.getByLabel('Item', { exact: true }).fill('Tea');
    await item.getByLabel('Quantity').fill('2');
    await item.getByLabel('Unit price (EUR)').fill('4.5.0');
    await form.getByRole('button', { name: 'Sign and send' }).click();
    await item.getByText('An amount such as 4.50 (up to 4 decimals).').waitFor();
    await item.getByLabel('Unit price (EUR)').fill('4,50');
    await form.getByText('Total: 9.00 EUR').waitFor();
    await form.getByRole('button', { name: 'Sign and send' }).click();
    await page.getByText('Receipt for order A-1001 (9.00 EUR) signed and on its way to Ana Silva.').waitFor();
    const sent = page.getByRole('region', { name: 'E-receipts' }).locator('li', { hasText: 'Order A-1001 · 9.00 EUR' });
    await sent.getByText('Taken: it is in their data as a purchase from you').waitFor({ timeout: NETWORK_MS });
    const purchase = (await ana.api.call('data.list', {})).find((r) => r.type === 'purchase');
    assert.equal((purchase?.data as { orderId?: unknown } | undefined)?.orderId, 'A-1001', 'it landed in Ana’s data');
    await sent.scrollIntoViewIfNeeded();
    await screenshot(page, 'console-receipt-sent');
    await page.getByRole('button', { name: '← All customers' }).click();
    await page.getByRole('button', { name: 'Open Ana Silva' }).waitFor();
  });

  await t.test('Compliance: the deletion her terms schedule, owed in 30 days', async () => {
    await go(page, 'Compliance');
    const row = page.getByRole('row', { name: /Ana Silva/ });
    await row.getByText('Their terms: delete after 30 days').waitFor();
    await row.getByText('What they shared for “Delivery of my orders”').waitFor();
    await row.getByText(/^in 30 days$|^in 29 days$/).waitFor();
    await page.getByText('1 deletion owed.').waitFor();
    await screenshot(page, 'console-compliance');
  });

  await t.test('Policy: a clause unticked is refused from then on', async () => {
    await go(page, 'Policy');
    await page.getByRole('checkbox', { name: 'No tracking or profiling' }).uncheck();
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText('Policy saved: it applies to the next proposal.').waitFor();
    await page.getByRole('region', { name: 'Your node signs by itself' }).locator('ul.terms').last().getByText('No tracking or profiling').waitFor();
    assert.equal((await shop.api.call('vendor.profile.get', {})).policy.accepts.includes('no-tracking'), false);
    await screenshot(page, 'console-policy');
  });

  await t.test('Webhooks: a bad URL is refused in words; the secret is shown once; a test arrives', async () => {
    await go(page, 'Webhooks');
    await page.getByText('No endpoints yet').waitFor();
    await page.getByLabel('Endpoint URL').fill('crm.example.com/hook');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByText('Give a web address starting with https:// (or http://).').waitFor();
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/kith`;
    await page.getByLabel('Endpoint URL').fill(url);
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = (await dialog.getByLabel('Signing secret').textContent()) ?? '';
    assert.match(secret, /^whsec_/);
    await screenshot(page, 'console-webhook-secret');
    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.getByText(secret).count(), 0, 'the secret is not shown again');
    await page.getByRole('button', { name: `Send a test event to ${url}` }).click();
    const row = page.getByRole('row', { name: /webhook\.test/ });
    await row.getByRole('cell', { name: 'Delivered' }).waitFor({ timeout: NETWORK_MS });
    assert.ok(hits.some((headers) => typeof headers['webhook-signature'] === 'string'), 'the receiver got a signed event');
    await screenshot(page, 'console-webhooks');
  });

  await t.test('Export: the CSV downloads, in the CRM import shape', async () => {
    await go(page, 'Export');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    assert.match(download.suggestedFilename(), /^kith-customers-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    assert.match(csv, /^First Name,Last Name,Email,/);
    assert.match(csv, /Ana,Silva,ana\.silva@example\.org,/);
    await page.getByText(/^Saved 1 row to your downloads folder as kith-customers-/).waitFor();
    await screenshot(page, 'console-export');
  });

  problems.assertNone();
  console.log(`# vendor console UI: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
