import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { Dispatch } from '../../../src/app/dispatch.ts';
import { createDesktopDispatch, type DialogsLike } from '../../../electron/desktop-handlers.ts';
import { Keychain, keychainAvailable, keychainFile, type SafeStorageLike } from '../../../electron/keychain.ts';
import { PathGrants } from '../../../electron/path-grants.ts';
import { defaultSettings, loadSettings, saveSettings, settingsFile, type DesktopSettings } from '../../../electron/settings.ts';

async function home(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kith-desktop-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A reversible fake of safeStorage (the real one needs the OS store). */
function fakeStorage(options: { available?: boolean; backend?: string } = {}): SafeStorageLike {
  return {
    isEncryptionAvailable: () => options.available ?? true,
    encryptString: (text) => Buffer.from(`enc:${Buffer.from(text).toString('base64')}`),
    decryptString: (data) => {
      const text = data.toString();
      if (!text.startsWith('enc:')) throw new Error('cannot decrypt');
      return Buffer.from(text.slice(4), 'base64').toString();
    },
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
  };
}

const PASSPHRASE = 'correct horse battery staple';

function fakeNode(): { dispatch: Dispatch; unlocks: string[] } {
  const unlocks: string[] = [];
  return {
    unlocks,
    dispatch: async (method, input) => {
      assert.equal(method, 'identity.unlock');
      const { passphrase } = input as { passphrase: string };
      unlocks.push(passphrase);
      return passphrase === PASSPHRASE
        ? { ok: true, value: { did: 'did:key:z6Mk', peerId: '12D3', publicKeyMultibase: 'z6Mk' } }
        : { ok: false, error: { code: 'WrongPassphrase', message: 'That passphrase is not right.' } };
    },
  };
}

function dialogs(answers: { save?: string; open?: string }): DialogsLike & { seen: unknown[] } {
  const seen: unknown[] = [];
  return {
    seen,
    showSaveDialog: async (options) => {
      seen.push(options);
      return answers.save === undefined ? { canceled: true } : { canceled: false, filePath: answers.save };
    },
    showOpenDialog: async (options) => {
      seen.push(options);
      return answers.open === undefined ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [answers.open] };
    },
  };
}

async function desktop(t: TestContext, options: { storage?: SafeStorageLike; save?: string; open?: string } = {}) {
  const dir = await home(t);
  const grants = new PathGrants();
  const node = fakeNode();
  let settings: DesktopSettings = defaultSettings('linux');
  const shown = dialogs(options);
  const call = createDesktopDispatch({
    dialogs: shown,
    documentsDir: '/home/me/Documents',
    joinPath: join,
    grants,
    dispatch: node.dispatch,
    keychain: new Keychain(options.storage ?? fakeStorage(), dir, 'linux'),
    settings: {
      get: () => settings,
      set: async (next) => {
        await saveSettings(dir, next);
        settings = next;
      },
    },
  });
  return { dir, grants, node, call, shown };
}

test('a save dialog grants write to the chosen path; cancelling grants nothing', async (t) => {
  const { call, grants, shown } = await desktop(t, { save: '/home/me/Documents/kith-2026.kith' });
  const answer = await call('dialog.save', { title: 'Export everything', defaultName: 'kith-2026.kith', extensions: ['kith'] });
  assert.deepEqual(answer, { ok: true, value: { path: '/home/me/Documents/kith-2026.kith' } });
  assert.equal(grants.allows('/home/me/Documents/kith-2026.kith', 'write'), true);
  assert.deepEqual(shown.seen[0], {
    title: 'Export everything',
    defaultPath: '/home/me/Documents/kith-2026.kith',
    filters: [{ name: 'KITH', extensions: ['kith'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  const { call: cancelled } = await desktop(t);
  assert.deepEqual(await cancelled('dialog.save', { title: 'Save', defaultName: 'a.pdf' }), { ok: true, value: { path: null } });
});

test('an open dialog grants read only', async (t) => {
  const { call, grants } = await desktop(t, { open: '/home/me/backup.kith' });
  assert.deepEqual(await call('dialog.open', { title: 'Import' }), { ok: true, value: { path: '/home/me/backup.kith' } });
  assert.equal(grants.allows('/home/me/backup.kith', 'read'), true);
  assert.equal(grants.allows('/home/me/backup.kith', 'write'), false);
});

test('desktop inputs are checked strictly', async (t) => {
  const { call, shown } = await desktop(t, { save: '/x' });
  const bad: [unknown, unknown][] = [
    ['dialog.save', { title: 'Save', defaultName: '../../.bashrc' }],
    ['dialog.save', { title: 'Save', defaultName: '/etc/passwd' }],
    ['dialog.save', { title: 'Save', defaultName: 'a\\b' }],
    ['dialog.save', { title: 'Save', defaultName: 'a.kith', extensions: ['.kith'] }],
    ['dialog.save', { title: 'Save', defaultName: 'a.kith', extra: true }],
    ['dialog.save', { title: 'x'.repeat(201), defaultName: 'a' }],
    ['settings.set', { closeToTray: 'yes' }],
    ['keychain.enable', { passphrase: '' }],
    ['keychain.enable', {}],
    ['no.such', {}],
    ['__proto__', {}],
    [42, {}],
  ];
  for (const [method, input] of bad) {
    const answer = await call(method, input);
    assert.equal(!answer.ok && answer.error.code, 'InvalidInput', `${String(method)} ${JSON.stringify(input)}`);
  }
  assert.equal(shown.seen.length, 0, 'no dialog was shown for a bad input');
});

test('settings are read, changed and kept in the data folder', async (t) => {
  const { call, dir } = await desktop(t);
  assert.deepEqual(await call('settings.get', {}), { ok: true, value: { closeToTray: false } });
  assert.deepEqual(await call('settings.set', { closeToTray: true }), { ok: true, value: { closeToTray: true } });
  assert.deepEqual(JSON.parse(await readFile(settingsFile(dir), 'utf8')), { closeToTray: true });
  assert.equal((await stat(settingsFile(dir))).mode & 0o777, 0o600);
  assert.deepEqual(await loadSettings(dir, 'linux'), { closeToTray: true });
});

test('settings: defaults per platform, and a damaged file means the defaults', async (t) => {
  assert.deepEqual(defaultSettings('win32'), { closeToTray: true });
  assert.deepEqual(defaultSettings('darwin'), { closeToTray: true });
  assert.deepEqual(defaultSettings('linux'), { closeToTray: false });
  const dir = await home(t);
  assert.deepEqual(await loadSettings(dir, 'win32'), { closeToTray: true });
  await writeFile(settingsFile(dir), '{not json');
  assert.deepEqual(await loadSettings(dir, 'win32'), { closeToTray: true });
  await writeFile(settingsFile(dir), JSON.stringify({ closeToTray: 'no', other: 1 }));
  assert.deepEqual(await loadSettings(dir, 'win32'), { closeToTray: true });
});

test('keychain: enabling checks the passphrase, stores it encrypted, and unlock uses it', async (t) => {
  const { call, dir, node } = await desktop(t);
  assert.deepEqual(await call('keychain.status', {}), { ok: true, value: { available: true, enabled: false } });
  const wrong = await call('keychain.enable', { passphrase: 'typo' });
  assert.equal(!wrong.ok && wrong.error.code, 'WrongPassphrase');
  assert.deepEqual(await call('keychain.status', {}), { ok: true, value: { available: true, enabled: false } });

  assert.deepEqual(await call('keychain.enable', { passphrase: PASSPHRASE }), { ok: true, value: { available: true, enabled: true } });
  const stored = await readFile(keychainFile(dir));
  assert.equal(stored.includes(Buffer.from(PASSPHRASE)), false, 'never stored in the clear');
  assert.equal((await stat(keychainFile(dir))).mode & 0o777, 0o600);

  const unlocked = await call('keychain.unlock', {});
  assert.equal(unlocked.ok, true);
  assert.deepEqual(node.unlocks, ['typo', PASSPHRASE, PASSPHRASE]);
  assert.equal(JSON.stringify(unlocked).includes(PASSPHRASE), false, 'the passphrase never goes back to the renderer');

  assert.deepEqual(await call('keychain.disable', {}), { ok: true, value: { available: true, enabled: false } });
  const none = await call('keychain.unlock', {});
  assert.equal(!none.ok && none.error.code, 'NotFound');
});

test('keychain: a stale stored passphrase is forgotten when it no longer unlocks', async (t) => {
  const { call, dir } = await desktop(t);
  await new Keychain(fakeStorage(), dir, 'linux').enable('an old passphrase');
  const answer = await call('keychain.unlock', {});
  assert.equal(!answer.ok && answer.error.code, 'WrongPassphrase');
  assert.deepEqual(await call('keychain.status', {}), { ok: true, value: { available: true, enabled: false } });
});

test("keychain: refused where safeStorage would not really protect it (Linux 'basic_text')", async (t) => {
  assert.equal(keychainAvailable(fakeStorage({ backend: 'basic_text' }), 'linux'), false);
  assert.equal(keychainAvailable(fakeStorage({ backend: 'unknown' }), 'linux'), false);
  assert.equal(keychainAvailable(fakeStorage({ backend: 'kwallet6' }), 'linux'), true);
  assert.equal(keychainAvailable(fakeStorage({ available: false }), 'darwin'), false);
  assert.equal(keychainAvailable(fakeStorage({ backend: 'basic_text' }), 'darwin'), true, 'the backend only matters on Linux');
  const { call, dir } = await desktop(t, { storage: fakeStorage({ backend: 'basic_text' }) });
  assert.deepEqual(await call('keychain.status', {}), { ok: true, value: { available: false, enabled: false } });
  const answer = await call('keychain.enable', { passphrase: PASSPHRASE });
  assert.equal(!answer.ok && answer.error.code, 'Unsupported');
  await assert.rejects(stat(keychainFile(dir)));
});

test('keychain: an undecryptable file reads as nothing stored', async (t) => {
  const dir = await home(t);
  await writeFile(keychainFile(dir), 'garbage');
  assert.equal(await new Keychain(fakeStorage(), dir, 'linux').read(), undefined);
});
