// The small pure parts of the shell: notifications, lifecycle, tray, Squirrel.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { events } from '../../../src/api/contract.ts';
import { closeAction, quitWhenAllClosed } from '../../../electron/lifecycle.ts';
import { NOTIFYING_EVENTS, notificationFor, shouldNotify } from '../../../electron/notifications.ts';
import { squirrelAction } from '../../../electron/squirrel.ts';
import { trayBitmap, trayMenuTemplate } from '../../../electron/tray.ts';

test('notifications: incoming requests and offers notify, with who and what', () => {
  assert.deepEqual(notificationFor({ name: 'request.received', payload: { from: 'Livraria Bertrand', summary: 'your postal address' } }), {
    title: 'New request',
    body: 'Livraria Bertrand asks for your data: your postal address',
  });
  assert.deepEqual(notificationFor({ name: 'offer.received', payload: {} }), { title: 'New offer', body: 'Someone sent you an offer' });
});

test('notifications: of the node events only an incoming request notifies; the rest are for screens to refresh', () => {
  for (const name of Object.keys(events)) if (name !== 'request.received') assert.equal(notificationFor({ name, payload: {} }), undefined, name);
  assert.deepEqual(notificationFor({ name: 'request.received', payload: { from: 'Bea', summary: 'To send you the wedding invitation' } }), {
    title: 'New request',
    body: 'Bea asks for your data: To send you the wedding invitation',
  });
  for (const name of ['__proto__', 'constructor', 'toString', 'unknown.event']) assert.equal(notificationFor({ name, payload: {} }), undefined, name);
  assert.deepEqual(Object.keys(NOTIFYING_EVENTS).sort(), ['offer.received', 'request.received']);
});

test("notifications: someone else's text is one bounded line; a malformed payload shows nothing", () => {
  const spec = notificationFor({ name: 'request.received', payload: { from: 'Evil\nCorp\u0007', summary: 'x'.repeat(500) } });
  assert.ok(spec !== undefined);
  assert.doesNotMatch(spec.body, /[\n\u0007]/);
  assert.ok(spec.body.length < 260);
  assert.equal(notificationFor({ name: 'request.received', payload: { from: 42 } }), undefined);
  assert.equal(notificationFor({ name: 'request.received', payload: 'text' }), undefined);
});

test('notifications only when the person is not looking at Kith', () => {
  const window = (visible: boolean, focused: boolean) => ({ isVisible: () => visible, isFocused: () => focused });
  assert.equal(shouldNotify(window(true, true)), false);
  assert.equal(shouldNotify(window(true, false)), true);
  assert.equal(shouldNotify(window(false, false)), true);
  assert.equal(shouldNotify(undefined), true);
});

test('closing the window hides it only when the tray setting is on and a tray exists', () => {
  assert.equal(closeAction({ quitting: false, closeToTray: true, hasTray: true }), 'hide');
  assert.equal(closeAction({ quitting: false, closeToTray: true, hasTray: false }), 'close');
  assert.equal(closeAction({ quitting: false, closeToTray: false, hasTray: true }), 'close');
  assert.equal(closeAction({ quitting: true, closeToTray: true, hasTray: true }), 'close', 'Quit really quits');
  assert.equal(quitWhenAllClosed({ closeToTray: true, hasTray: true }), false);
  assert.equal(quitWhenAllClosed({ closeToTray: false, hasTray: true }), true);
  assert.equal(quitWhenAllClosed({ closeToTray: true, hasTray: false }), true);
});

test('the tray menu opens and quits', () => {
  const calls: string[] = [];
  const menu = trayMenuTemplate({ open: () => calls.push('open'), quit: () => calls.push('quit') });
  assert.deepEqual(
    menu.map((item) => item.label ?? item.type),
    ['Open Kith', 'separator', 'Quit Kith'],
  );
  menu[0]?.click?.();
  menu[2]?.click?.();
  assert.deepEqual(calls, ['open', 'quit']);
});

test('the tray icon is an opaque circle on a transparent square', () => {
  const size = 32;
  const pixels = trayBitmap(size);
  assert.equal(pixels.length, size * size * 4);
  const alpha = (x: number, y: number) => pixels[(y * size + x) * 4 + 3];
  assert.equal(alpha(0, 0), 0);
  assert.equal(alpha(16, 16), 255);
  // Premultiplied: no colour channel exceeds its alpha.
  for (let i = 0; i < pixels.length; i += 4) assert.ok((pixels[i] as number) <= (pixels[i + 3] as number));
});

test('Squirrel install events only add or remove shortcuts, on Windows', () => {
  const exe = 'C:\\Users\\me\\AppData\\Local\\kith\\app-0.1.0\\kith-desktop.exe';
  const install = squirrelAction(['kith-desktop.exe', '--squirrel-install'], exe, 'win32');
  assert.equal(install?.run?.args[0], '--createShortcut=kith-desktop.exe');
  assert.match(install?.run?.command ?? '', /Update\.exe$/);
  assert.equal(squirrelAction(['x', '--squirrel-uninstall'], exe, 'win32')?.run?.args[0], '--removeShortcut=kith-desktop.exe');
  assert.deepEqual(squirrelAction(['x', '--squirrel-obsolete'], exe, 'win32'), { run: undefined });
  assert.equal(squirrelAction(['x'], exe, 'win32'), undefined);
  assert.equal(squirrelAction(['x', '--squirrel-install'], '/usr/bin/kith-desktop', 'linux'), undefined);
});
