// What every UI test starts with: the renderer built, and nodes and a browser that are
// stopped and closed when the test ends (the browser first), however it ends.
import type { TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from './browser.ts';
import { ensureRendererBuilt } from './build.ts';
import { startNode, type NodeOptions, type NodeProcess } from './node-process.ts';

export interface UiSession {
  /** Starts a node, stopped when the test ends. */
  startNode(options?: NodeOptions): Promise<NodeProcess>;
  /** Launches the browser, closed when the test ends. */
  launchBrowser(): Promise<Browser>;
}

export async function uiSession(t: TestContext): Promise<UiSession> {
  await ensureRendererBuilt();
  const nodes: NodeProcess[] = [];
  const browsers: Browser[] = [];
  t.after(async () => {
    await Promise.all(browsers.map((browser) => browser.close()));
    await Promise.all(nodes.map((node) => node.stop()));
  });
  return {
    async startNode(options) {
      const node = await startNode(options);
      nodes.push(node);
      return node;
    },
    async launchBrowser() {
      const browser = await launchBrowser();
      browsers.push(browser);
      return browser;
    },
  };
}

/** Opens a section from the navigation and waits for its heading. */
export async function go(page: Page, section: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: section, exact: false }).first().click();
  await page.getByRole('heading', { level: 1, name: section }).waitFor();
}
