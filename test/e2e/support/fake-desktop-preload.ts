// Electron's binary cannot run here, so the UI's desktop-only parts are driven through a
// stand-in for the preload's `window.kith` (electron/preload-api.ts): `call` goes to the
// node over the loopback bridge, `on` hears the events these calls cause, and `desktop`
// answers like electron/desktop-handlers.ts, with the keychain kept in page memory. The UI
// then runs exactly as in the desktop window (ipc-connection.ts, mode 'electron').
//
// A string for page.addInitScript: it runs in the page before the UI's own scripts.
export const FAKE_DESKTOP_PRELOAD = `(() => {
  const token = (/token=([A-Za-z0-9_-]+)/.exec(location.hash) || [])[1];
  const listeners = new Set();
  const emit = (name) => listeners.forEach((listener) => listener({ name, payload: {} }));
  const api = (method, input) =>
    fetch('api/' + method, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
      body: JSON.stringify({ input }),
    }).then((response) => response.json());
  const EVENTS = { 'identity.lock': 'identity.changed', 'identity.unlock': 'identity.changed', 'settings.set': 'settings.changed' };
  let stored;
  let closeToTray = false;
  const status = () => ({ ok: true, value: { available: true, enabled: stored !== undefined } });
  window.kithFakeDesktop = { calls: [] };
  window.kith = {
    async call(method, input) {
      const answer = await api(method, input);
      if (answer.ok && EVENTS[method]) emit(EVENTS[method]);
      return answer;
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    pathForFile: () => '',
    chooseSavePath: async () => undefined,
    chooseOpenPath: async () => undefined,
    async desktop(method, input) {
      window.kithFakeDesktop.calls.push(method);
      switch (method) {
        case 'keychain.status':
          return status();
        case 'keychain.enable': {
          const unlocked = await api('identity.unlock', { passphrase: input.passphrase });
          if (!unlocked.ok) return unlocked;
          stored = input.passphrase;
          return status();
        }
        case 'keychain.disable':
          stored = undefined;
          return status();
        case 'keychain.unlock': {
          if (stored === undefined) return { ok: false, error: { code: 'NotFound', message: 'No passphrase is stored in the keychain.' } };
          const unlocked = await api('identity.unlock', { passphrase: stored });
          if (unlocked.ok) emit('identity.changed');
          return unlocked;
        }
        case 'settings.get':
          return { ok: true, value: { closeToTray } };
        case 'settings.set':
          if (typeof input.closeToTray === 'boolean') closeToTray = input.closeToTray;
          return { ok: true, value: { closeToTray } };
        default:
          return { ok: false, error: { code: 'InvalidInput', message: 'There is no desktop method called ' + method + '.' } };
      }
    },
  };
})();`;
