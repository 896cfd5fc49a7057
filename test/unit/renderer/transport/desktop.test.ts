import assert from 'node:assert/strict';
import { test } from 'node:test';
import { desktopShell, type DesktopPreload } from '../../../../renderer/transport/desktop.ts';

function fakePreload(answers: Record<string, unknown>) {
  const calls: unknown[][] = [];
  const preload: DesktopPreload = {
    async desktop(method, input) {
      calls.push([method, input]);
      const answer = answers[method];
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return { preload, calls };
}

const identity = { did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', peerId: '12D3KooWexample', publicKeyMultibase: 'z6Mkexample' };

test('no preload, or one without desktop(): not the desktop app', () => {
  assert.equal(desktopShell(undefined), undefined);
  assert.equal(desktopShell({}), undefined);
  assert.equal(desktopShell({ desktop: 'nope' } as unknown as DesktopPreload), undefined);
});

test('each call goes to its desktop method with its input, and the answer is typed', async () => {
  const { preload, calls } = fakePreload({
    'keychain.status': { ok: true, value: { available: true, enabled: false } },
    'keychain.enable': { ok: true, value: { available: true, enabled: true } },
    'keychain.disable': { ok: true, value: { available: true, enabled: false } },
    'keychain.unlock': { ok: true, value: identity },
    'settings.get': { ok: true, value: { closeToTray: false } },
    'settings.set': { ok: true, value: { closeToTray: true } },
  });
  const shell = desktopShell(preload);
  assert.ok(shell !== undefined);
  assert.deepEqual(await shell.keychainStatus(), { available: true, enabled: false });
  assert.deepEqual(await shell.enableKeychain('my passphrase'), { available: true, enabled: true });
  assert.deepEqual(await shell.disableKeychain(), { available: true, enabled: false });
  assert.deepEqual(await shell.unlockWithKeychain(), identity);
  assert.deepEqual(await shell.settings(), { closeToTray: false });
  assert.deepEqual(await shell.setCloseToTray(true), { closeToTray: true });
  assert.deepEqual(calls, [
    ['keychain.status', {}],
    ['keychain.enable', { passphrase: 'my passphrase' }],
    ['keychain.disable', {}],
    ['keychain.unlock', {}],
    ['settings.get', {}],
    ['settings.set', { closeToTray: true }],
  ]);
});

test("the shell's error keeps its code and words; a malformed answer is refused", async () => {
  const { preload } = fakePreload({
    'keychain.enable': { ok: false, error: { code: 'WrongPassphrase', message: 'That passphrase does not unlock this key.', hint: 'Try again.' } },
    'keychain.unlock': { ok: false, error: { code: 'NotFound', message: 'No passphrase is stored in the keychain.' } },
    'keychain.status': { ok: true, value: { available: 'yes' } },
    'settings.get': 'not an envelope',
    'settings.set': new Error('IPC went away'),
  });
  const shell = desktopShell(preload)!;
  await assert.rejects(shell.enableKeychain('wrong'), { name: 'KithError', code: 'WrongPassphrase', message: 'That passphrase does not unlock this key.', hint: 'Try again.' });
  await assert.rejects(shell.unlockWithKeychain(), { code: 'NotFound' });
  await assert.rejects(shell.keychainStatus(), { code: 'InvalidInput', message: /answer to keychain.status/ });
  await assert.rejects(shell.settings(), { code: 'InvalidInput' });
  await assert.rejects(shell.setCloseToTray(false), { code: 'Aborted', message: 'The desktop app did not answer.' });
});
