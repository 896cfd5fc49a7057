// Debian's Chromium driven by playwright-core (environment.md: Playwright cannot download
// browsers here), with a fresh profile per run so nothing carries over between runs.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './build.ts';

export const CHROMIUM = process.env['KITH_CHROMIUM'] ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SCREENSHOTS = join(ROOT, 'test/e2e/screenshots');

export interface Browser {
  readonly context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not at ${CHROMIUM}. Install it (apt-get update && apt-get install -y chromium) or set KITH_CHROMIUM to its path.`);
  }
  const profile = await mkdtemp(join(tmpdir(), 'kith-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: FLAGS,
    acceptDownloads: true,
    viewport: { width: 1180, height: 860 },
  });
  await mkdir(SCREENSHOTS, { recursive: true });
  // Each page gets a window of its own. Tabs of one window share it: Chromium throttles every
  // tab but the front one to about one frame a second once it has been clicked (measured),
  // and Playwright waits for two frames before each click — 2 s a click in a test that
  // drives several nodes' pages at once. The context's first, blank page opens the windows.
  const opener = await context.newCDPSession(context.pages()[0] ?? (await context.newPage()));
  let opening: Promise<unknown> = Promise.resolve();
  async function openWindow(): Promise<Page> {
    const [page] = await Promise.all([context.waitForEvent('page'), opener.send('Target.createTarget', { url: 'about:blank', newWindow: true })]);
    page.setDefaultTimeout(10_000);
    return page;
  }
  return {
    context,
    newPage() {
      // One at a time, so each 'page' event belongs to the window just asked for.
      const page = opening.then(openWindow);
      opening = page.catch(() => undefined);
      return page;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

let shot = 0;
/** Saves a full-page screenshot as test/e2e/screenshots/NN-name.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  shot += 1;
  await page.screenshot({ path: join(SCREENSHOTS, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
}
