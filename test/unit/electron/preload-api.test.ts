import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CALL_CHANNEL, DESKTOP_CHANNEL, EVENT_CHANNEL, EXTERNAL_CHANNEL, GRANT_CHANNEL } from '../../../electron/channels.ts';
import { buildPreloadApi, clickedExternalLink, openClickedLink, type IpcRendererLike } from '../../../electron/preload-api.ts';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpc(answers: Record<string, unknown> = {}, grant = true) {
  const invoked: unknown[][] = [];
  const sent: unknown[][] = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      invoked.push([channel, ...args]);
      return answers[String(args[0])] ?? { ok: true, value: null };
    },
    send: (channel, ...args) => void sent.push([channel, ...args]),
    sendSync: (channel, ...args) => {
      sent.push([channel, ...args]);
      return grant;
    },
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const emit = (channel: string, message: unknown) => listeners.get(channel)?.forEach((listener) => listener({ sender: 'secret' }, message));
  return { ipc, invoked, sent, listeners, emit };
}

const webUtils = { getPathForFile: (file: never) => (file as { path?: string }).path ?? '' };

test('call goes over the one call channel as (method, input)', async () => {
  const { ipc, invoked } = fakeIpc({ 'data.list': { ok: true, value: [] } });
  const kith = buildPreloadApi(ipc, webUtils);
  assert.deepEqual(await kith.call('data.list', {}), { ok: true, value: [] });
  assert.deepEqual(invoked, [[CALL_CHANNEL, 'data.list', {}]]);
  await assert.rejects(kith.call(42 as never, {}), TypeError);
});

test('on forwards events without the IPC event object, and unsubscribes', () => {
  const { ipc, listeners, emit } = fakeIpc();
  const kith = buildPreloadApi(ipc, webUtils);
  const seen: unknown[] = [];
  const off = kith.on((event) => seen.push(event));
  emit(EVENT_CHANNEL, { name: 'records.changed', payload: { id: 'abcdefgh' } });
  emit(EVENT_CHANNEL, { nope: true });
  off();
  emit(EVENT_CHANNEL, { name: 'log.appended', payload: {} });
  assert.deepEqual(seen, [{ name: 'records.changed', payload: { id: 'abcdefgh' } }]);
  assert.equal(listeners.get(EVENT_CHANNEL)?.size, 0);
  assert.throws(() => kith.on('not a function' as never), TypeError);
});

test('pathForFile: a real file path, granted for reading; nothing for made-up files', () => {
  const { ipc, sent } = fakeIpc();
  const kith = buildPreloadApi(ipc, webUtils);
  assert.equal(kith.pathForFile({ path: '/home/me/photo.jpg' }), '/home/me/photo.jpg');
  assert.deepEqual(sent, [[GRANT_CHANNEL, '/home/me/photo.jpg']]);
  assert.equal(kith.pathForFile({}), '', 'a File made by script has no path');
  assert.equal(kith.pathForFile(null), '');
  assert.equal(kith.pathForFile('/etc/passwd'), '', 'a string is not a File');
  assert.equal(sent.length, 1);
  const throwing = buildPreloadApi(ipc, { getPathForFile: () => { throw new TypeError('not a File'); } });
  assert.equal(throwing.pathForFile({ path: '/x' }), '');
  const refused = buildPreloadApi(fakeIpc({}, false).ipc, webUtils);
  assert.equal(refused.pathForFile({ path: '/x' }), '', 'main refused the grant');
});

test('chooseSavePath / chooseOpenPath: the chosen path, or undefined when cancelled', async () => {
  const { ipc, invoked } = fakeIpc({ 'dialog.save': { ok: true, value: { path: '/home/me/a.kith' } }, 'dialog.open': { ok: true, value: { path: null } } });
  const kith = buildPreloadApi(ipc, webUtils);
  assert.equal(await kith.chooseSavePath({ title: 'Export', defaultName: 'a.kith', extensions: ['kith'] }), '/home/me/a.kith');
  assert.equal(await kith.chooseOpenPath({ title: 'Import' }), undefined);
  assert.deepEqual(invoked[0], [DESKTOP_CHANNEL, 'dialog.save', { title: 'Export', defaultName: 'a.kith', extensions: ['kith'] }]);
  const failing = buildPreloadApi(fakeIpc({ 'dialog.save': { ok: false, error: { code: 'InvalidInput', message: 'Invalid input: defaultName' } } }).ipc, webUtils);
  await assert.rejects(failing.chooseSavePath({ title: 'x', defaultName: '../x' }), /Invalid input: defaultName/);
});

test('desktop(method, input) goes over the desktop channel', async () => {
  const { ipc, invoked } = fakeIpc();
  await buildPreloadApi(ipc, webUtils).desktop('keychain.status');
  assert.deepEqual(invoked, [[DESKTOP_CHANNEL, 'keychain.status', {}]]);
});

function click(href: string | undefined, overrides: Partial<{ isTrusted: boolean; defaultPrevented: boolean; button: number }> = {}) {
  let prevented = false;
  const anchor = href === undefined ? null : { href };
  return {
    event: {
      isTrusted: true,
      defaultPrevented: false,
      button: 0,
      ...overrides,
      target: { closest: (selector: string) => (selector === 'a[href]' ? anchor : null) },
      preventDefault: () => (prevented = true),
    },
    prevented: () => prevented,
  };
}

test('a real click on a web link opens the browser; scripted clicks and app links do not', () => {
  assert.equal(clickedExternalLink(click('https://example.com/').event), 'https://example.com/');
  assert.equal(clickedExternalLink(click('https://example.com/', { button: 1 }).event), 'https://example.com/', 'middle click');
  assert.equal(clickedExternalLink(click('https://example.com/', { isTrusted: false }).event), undefined, 'element.click() from script');
  assert.equal(clickedExternalLink(click('https://example.com/', { defaultPrevented: true }).event), undefined);
  assert.equal(clickedExternalLink(click('https://example.com/', { button: 2 }).event), undefined);
  assert.equal(clickedExternalLink(click('app://kith/settings').event), undefined);
  assert.equal(clickedExternalLink(click('file:///etc/passwd').event), undefined);
  assert.equal(clickedExternalLink(click(undefined).event), undefined);

  const { ipc, sent } = fakeIpc();
  const link = click('https://example.com/help');
  openClickedLink(link.event, ipc);
  assert.equal(link.prevented(), true);
  assert.deepEqual(sent, [[EXTERNAL_CHANNEL, 'https://example.com/help']]);
  const inApp = click('app://kith/records');
  openClickedLink(inApp.event, ipc);
  assert.equal(inApp.prevented(), false);
});
