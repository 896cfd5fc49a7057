import assert from 'node:assert/strict';
import { test } from 'node:test';
import { windowOptions } from '../../../electron/window.ts';

test('the window is isolated, sandboxed and without Node, remote or experimental features', () => {
  const options = windowOptions({ preloadPath: '/app/.vite/build/preload.cjs', devTools: false });
  const web = options.webPreferences ?? {};
  assert.equal(web.preload, '/app/.vite/build/preload.cjs');
  assert.equal(web.contextIsolation, true);
  assert.equal(web.sandbox, true);
  assert.equal(web.nodeIntegration, false);
  assert.equal(web.nodeIntegrationInWorker, false);
  assert.equal(web.nodeIntegrationInSubFrames, false);
  assert.equal(web.webSecurity, true);
  assert.equal(web.allowRunningInsecureContent, false);
  assert.equal(web.experimentalFeatures, false);
  assert.equal(web.webviewTag, false);
  assert.equal(web.navigateOnDragDrop, false);
  assert.equal(web.spellcheck, false);
  assert.equal(web.safeDialogs, true);
  assert.equal(web.devTools, false);
  // Settings that would weaken the above must be absent, not merely falsy.
  for (const key of ['enableBlinkFeatures', 'enableRemoteModule', 'additionalArguments', 'partition', 'session', 'plugins', 'v8CacheOptions']) {
    assert.equal(Object.hasOwn(web, key), false, key);
  }
  assert.equal(options.show, false, 'shown on ready-to-show, never as an empty frame');
});

test('DevTools only when asked for (development builds)', () => {
  assert.equal(windowOptions({ preloadPath: '/p', devTools: true }).webPreferences?.devTools, true);
});
