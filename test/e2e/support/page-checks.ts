// What every e2e page is checked for: no script errors, no CSP violations, no failed
// requests to our own node — and the "first screen interactive" figure.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

export function watchForProblems(page: Page): { assertNone(): void } {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Chromium logs every non-2xx fetch as a console error; those are expected answers
    // (a wrong passphrase is a 200 envelope, but refusals tested elsewhere are not).
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return {
    assertNone() {
      assert.deepEqual(problems, [], 'the page logged no errors and no CSP violations');
    },
  };
}

export interface FirstInteractive {
  readonly interactiveMs: number;
  readonly responseEndMs: number;
  readonly domContentLoadedMs: number;
}

/** Reads the mark the UI sets when its first screen's primary control is enabled and focused. */
export async function firstInteractive(page: Page): Promise<FirstInteractive> {
  // Predicates are functions, never strings: Playwright polls a string by eval, which the
  // bridge's CSP refuses (it worked only when the first check already held).
  await page.waitForFunction(() => (globalThis as unknown as { performance: { getEntriesByName(name: string): unknown[] } }).performance.getEntriesByName('kith:first-interactive').length > 0);
  return (await page.evaluate(`(() => {
    const mark = performance.getEntriesByName('kith:first-interactive')[0];
    const nav = performance.getEntriesByType('navigation')[0];
    return { interactiveMs: mark.startTime, responseEndMs: nav.responseEnd, domContentLoadedMs: nav.domContentLoadedEventEnd };
  })()`)) as FirstInteractive;
}

/** Waits until the element with this id has the focus. */
export async function focusIsOn(page: Page, id: string): Promise<void> {
  await page.waitForFunction((want) => (globalThis as unknown as { document: { activeElement: { id?: string } | null } }).document.activeElement?.id === want, id);
}
