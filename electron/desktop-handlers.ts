// The desktop calls (desktop-contract.ts), implemented over injected Electron pieces so a
// test drives them with fakes. Answers are Result envelopes, like the API contract's.
import type { Result } from '../src/api/result.ts';
import type { Dispatch } from '../src/app/dispatch.ts';
import { KithError, toErrorInfo } from '../src/base/errors.ts';
import { parseWith } from '../src/base/schema.ts';
import { desktopContract, isDesktopMethod, type DesktopInput, type DesktopMethod } from './desktop-contract.ts';
import type { PathGrants } from './path-grants.ts';
import type { Keychain } from './keychain.ts';
import type { DesktopSettings } from './settings.ts';

/** The parts of Electron's dialog results this reads. */
export interface DialogsLike {
  showSaveDialog(options: {
    title: string;
    defaultPath: string;
    filters?: { name: string; extensions: string[] }[];
    properties: ('createDirectory' | 'showOverwriteConfirmation')[];
  }): Promise<{ canceled: boolean; filePath?: string }>;
  showOpenDialog(options: {
    title: string;
    filters?: { name: string; extensions: string[] }[];
    properties: 'openFile'[];
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export interface DesktopDeps {
  readonly dialogs: DialogsLike;
  /** Where save dialogs start (app.getPath('documents')). */
  readonly documentsDir: string;
  readonly joinPath: (...parts: string[]) => string;
  readonly grants: PathGrants;
  readonly dispatch: Dispatch;
  readonly keychain: Keychain;
  readonly settings: {
    get(): DesktopSettings;
    set(next: DesktopSettings): Promise<void>;
  };
}

function filtersFor(extensions: string[] | undefined): { name: string; extensions: string[] }[] | undefined {
  if (extensions === undefined || extensions.length === 0) return undefined;
  return [{ name: extensions.map((extension) => extension.toUpperCase()).join(', '), extensions }];
}

type Handlers = { [M in DesktopMethod]: (input: DesktopInput<M>) => Promise<unknown> };

function handlers(deps: DesktopDeps): Handlers {
  async function unlockWith(passphrase: string): Promise<Result<unknown>> {
    return deps.dispatch('identity.unlock', { passphrase });
  }
  return {
    async 'dialog.save'({ title, defaultName, extensions }) {
      const filters = filtersFor(extensions);
      const answer = await deps.dialogs.showSaveDialog({
        title,
        defaultPath: deps.joinPath(deps.documentsDir, defaultName),
        ...(filters === undefined ? {} : { filters }),
        // The OS asks before replacing a file, so the caller may then pass overwrite: true.
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (answer.canceled || answer.filePath === undefined || answer.filePath === '') return { path: null };
      deps.grants.grant(answer.filePath, 'write');
      return { path: answer.filePath };
    },
    async 'dialog.open'({ title, extensions }) {
      const filters = filtersFor(extensions);
      const answer = await deps.dialogs.showOpenDialog({ title, ...(filters === undefined ? {} : { filters }), properties: ['openFile'] });
      const path = answer.filePaths[0];
      if (answer.canceled || path === undefined) return { path: null };
      deps.grants.grant(path, 'read');
      return { path };
    },
    async 'settings.get'() {
      return deps.settings.get();
    },
    async 'settings.set'(patch) {
      const next = { ...deps.settings.get(), ...(patch.closeToTray === undefined ? {} : { closeToTray: patch.closeToTray }) };
      await deps.settings.set(next);
      return next;
    },
    'keychain.status': () => deps.keychain.status(),
    async 'keychain.enable'({ passphrase }) {
      // Only a passphrase that unlocks this identity is stored (a typo would otherwise
      // lock the person out at the next start).
      const unlocked = await unlockWith(passphrase);
      if (!unlocked.ok) throw new KithError(unlocked.error.code, unlocked.error.message, unlocked.error.hint === undefined ? undefined : { hint: unlocked.error.hint });
      await deps.keychain.enable(passphrase);
      return deps.keychain.status();
    },
    async 'keychain.disable'() {
      await deps.keychain.disable();
      return deps.keychain.status();
    },
    async 'keychain.unlock'() {
      const passphrase = await deps.keychain.read();
      if (passphrase === undefined) {
        throw new KithError('NotFound', 'No passphrase is stored in the keychain.', { hint: 'Type your passphrase, then turn keychain unlock on in Settings.' });
      }
      const unlocked = await unlockWith(passphrase);
      if (unlocked.ok) return unlocked.value;
      // The identity's passphrase changed since it was stored: forget the stale one.
      if (unlocked.error.code === 'WrongPassphrase') await deps.keychain.disable();
      throw new KithError(unlocked.error.code, unlocked.error.message, unlocked.error.hint === undefined ? undefined : { hint: unlocked.error.hint });
    },
  };
}

/** (method, input) → Result, for `ipcMain.handle(DESKTOP_CHANNEL, …)` after the sender check. */
export function createDesktopDispatch(deps: DesktopDeps): (method: unknown, input: unknown) => Promise<Result<unknown>> {
  const table = handlers(deps);
  return async (method, input) => {
    try {
      if (!isDesktopMethod(method)) throw new KithError('InvalidInput', `There is no desktop method called ${typeof method === 'string' ? JSON.stringify(method.slice(0, 64)) : `(${typeof method})`}.`);
      const parsed = parseWith(desktopContract[method], input ?? {}, 'Invalid input');
      const handler = table[method] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed) };
    } catch (error) {
      return { ok: false, error: toErrorInfo(error) };
    }
  };
}
