// Names, not keys, end to end: a person (Ana) and a vendor node whose profile says
// "Tea & Co" (and that has no name record), made contacts by invite, an agreement and one
// shared address. Vendors & agreements, the Privacy map, Activity and Network are walked in
// a browser: the vendor is "Tea & Co" everywhere, no DID, PeerId or kind code stands
// where a name or sentence should, Activity reads in sentences by day (filtered by person
// and by record, the signed entry one click away), and keys come second, shortened, with a
// copy button. It also measures the first screen against a blank page from the same bridge.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { AUDIT_KINDS } from '../../src/api/activity/audit-sentences.ts';
import { screenshot } from './support/browser.ts';
import { watchForProblems } from './support/page-checks.ts';
import { go, uiSession } from './support/ui-session.ts';

const NETWORK_MS = 30_000;
const KEY = /did:key:z[1-9A-HJ-NP-Za-km-z]{20,}|12D3KooW[1-9A-HJ-NP-Za-km-z]{20,}/;
/** Every audit kind's code ("grant.created", "outbox.deliver-delivered"…). */
const CODE = new RegExp(`(^|[^\\w.])(${AUDIT_KINDS.map((kind) => kind.replaceAll('.', '\\.')).join('|')})($|[^\\w-])`);

async function texts(locator: Locator): Promise<string[]> {
  return (await locator.allInnerTexts()).map((text) => text.trim());
}

/** Names and sentences: none is, or holds, a whole key, a kind code, JSON, or the generated name. */
async function assertHuman(locator: Locator, what: string): Promise<string[]> {
  const all = await texts(locator);
  assert.ok(all.length > 0, `${what}: something to read`);
  for (const text of all) {
    assert.doesNotMatch(text, KEY, `${what}: "${text}"`);
    assert.doesNotMatch(text, CODE, `${what}: "${text}"`);
    assert.doesNotMatch(text, /[{}]|Vendor [1-9A-Za-z]{6}\b|Unknown peer/, `${what}: "${text}"`);
  }
  return all;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

type Timing = { getEntriesByType(type: string): { loadEventEnd: number }[]; getEntriesByName(name: string): { startTime: number }[] };

/** Polls a figure the page has once it is there (a function, not a string: the bridge's CSP refuses eval). */
async function figure(page: Page, read: (performance: Timing) => number): Promise<number> {
  for (let tries = 0; tries < 250; tries++) {
    const ms = await page.evaluate(read, undefined as never).catch(() => 0);
    if (ms > 0) return ms;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the page never reached the mark');
}

async function blankLoadMs(page: Page, origin: string): Promise<number> {
  await page.goto(`${origin}/blank.html`);
  return figure(page, () => (globalThis as unknown as { performance: Timing }).performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? 0);
}

async function firstScreenMs(page: Page, url: string): Promise<number> {
  await page.goto(url);
  return figure(page, () => (globalThis as unknown as { performance: Timing }).performance.getEntriesByName('kith:first-interactive')[0]?.startTime ?? 0);
}

test('names instead of keys, and Activity in sentences, in the UI', { timeout: 180_000 }, async (t) => {
  const session = await uiSession(t);
  const [ana, shop] = await Promise.all([
    session.startNode({ passphrase: 'ana passphrase', network: true }),
    session.startNode({ passphrase: 'shop passphrase', network: true, vendor: true }),
  ]);
  // The vendor says who it is only in its profile: before, customers saw "Vendor <key tail>".
  await shop.api.call('vendor.profile.set', { name: 'Tea & Co', categories: ['tea'] });
  const address = await ana.api.call('data.set', { type: 'address', data: { streetAddress: 'Rua Augusta 1', addressLocality: 'Lisbon', addressCountry: 'PT' } });
  await ana.api.call('data.set', { type: 'email', data: { address: 'ana@example.org' } });
  const { code } = await shop.api.call('invites.create', {});
  const contact = await ana.api.call('invites.accept', { code });
  assert.equal(contact.petname, 'Tea & Co');
  const agreed = await ana.api.call('agreements.propose', { vendor: 'Tea & Co', purpose: 'delivery', terms: 'delivery-only,delete-on-revocation' });
  assert.ok(agreed.accepted);
  await ana.api.call('grants.create', { to: 'Tea & Co', records: [address.id], purpose: agreed.agreement.id });

  const browser = await session.launchBrowser();
  const page = await browser.newPage();
  const problems = watchForProblems(page);
  await page.goto(ana.url);
  await page.getByRole('heading', { level: 1, name: 'My data' }).waitFor();

  await t.test('Vendors & agreements: the vendor by its profile name, its key second with a copy button', async () => {
    await go(page, 'Vendors & agreements');
    const panel = page.getByRole('region', { name: 'Tea & Co' });
    await panel.waitFor();
    await assertHuman(panel.getByRole('heading', { level: 2 }), 'vendor heading');
    await panel.getByRole('button', { name: 'Copy DID' }).waitFor();
    assert.doesNotMatch(await panel.innerText(), KEY, 'no whole key in the panel');
    await screenshot(page, 'names-vendors');
  });

  await t.test('Privacy map: Tea & Co holds the address', async () => {
    // Delivered and countersigned before the map is read.
    await ana.api.call('grants.list', {});
    await go(page, 'Privacy map');
    const table = page.getByRole('table');
    await table.getByText('Tea & Co').first().waitFor({ timeout: NETWORK_MS });
    await assertHuman(table.getByRole('rowheader'), 'holders');
    assert.doesNotMatch(await page.locator('main').innerText(), KEY, 'no whole key on the map');
    await screenshot(page, 'names-privacy-map');
  });

  await t.test('Activity: sentences by day, by person and by record, the signed entry a click away', async () => {
    await go(page, 'Activity');
    await page.getByRole('heading', { level: 2, name: 'Today' }).waitFor();
    const sentences = page.locator('.activity-sentence');
    await sentences.filter({ hasText: 'reached Tea & Co' }).first().waitFor({ timeout: NETWORK_MS });
    const all = await assertHuman(sentences, 'sentences');
    assert.ok(all.includes('You shared your postal address (Rua Augusta 1, Lisbon) with Tea & Co for “delivery”. Your terms: Use only to deliver what I asked for. Delete it when I revoke access.'), all.join('\n'));
    assert.ok(all.includes('You accepted the invite of Tea & Co (a vendor): you are now each other’s contacts.'), all.join('\n'));
    assert.ok(all.includes('You added your email address (ana@example.org).'));
    await screenshot(page, 'names-activity');

    await page.getByLabel('Person').selectOption({ label: 'Tea & Co' });
    await sentences.filter({ hasText: 'You added your email address' }).waitFor({ state: 'detached' });
    const aboutShop = await assertHuman(sentences, 'sentences about Tea & Co');
    assert.ok(aboutShop.every((s) => s.includes('Tea & Co')), aboutShop.join('\n'));
    await page.getByLabel('Person').selectOption({ label: 'Everyone' });
    await page.getByLabel('Record').selectOption({ label: 'Email address: ana@example.org' });
    await sentences.filter({ hasText: 'Tea & Co' }).first().waitFor({ state: 'detached' });
    assert.deepEqual(await texts(sentences), ['You added your email address (ana@example.org).']);
    await page.locator('.activity-raw summary').first().click();
    const raw = await page.locator('.activity-raw pre').first().innerText();
    assert.match(raw, /"kind": "record\.created"/);
    assert.match(raw, /"sig": "/);
    await screenshot(page, 'names-activity-filtered');
  });

  await t.test('Network: connections by name, the key shortened with a copy button', async () => {
    await go(page, 'Network');
    const connected = page.getByRole('region', { name: 'Contacts connected now' });
    await connected.locator('.peer-name', { hasText: 'Tea & Co' }).waitFor({ timeout: NETWORK_MS });
    await assertHuman(page.locator('.peer-name'), 'peer names');
    assert.doesNotMatch(await connected.innerText(), KEY, 'keys shortened');
    await connected.getByRole('button', { name: 'Copy PeerId' }).first().waitFor();
    assert.doesNotMatch(await page.getByRole('region', { name: 'This node' }).innerText(), KEY);
    await screenshot(page, 'names-network');
  });

  await t.test('first screen: usable quickly, against a blank page from the same bridge', async () => {
    const origin = new URL(ana.url).origin;
    const blank: number[] = [];
    const first: number[] = [];
    for (let round = 0; round < 5; round++) {
      blank.push(await blankLoadMs(page, origin));
      first.push(await firstScreenMs(page, ana.url));
      // Usable means its data is there too: the records it lists.
      await page.getByText('Rua Augusta 1, Lisbon').waitFor();
    }
    const ratio = median(first) / median(blank);
    console.log(`# first screen (My data, records listed) usable: ${median(first).toFixed(0)} ms; blank page from the same bridge: ${median(blank).toFixed(0)} ms; ratio ${ratio.toFixed(2)}`);
    assert.ok(Number.isFinite(ratio) && ratio > 1, 'the figure was measured');
  });

  problems.assertNone();
});
