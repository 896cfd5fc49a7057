// The desktop shell's own calls (electron/desktop-contract.ts: the tray setting and unlock
// through the OS keychain), typed for the screens. `desktopShell` answers undefined in a
// browser — that is how a screen asks "is this the desktop app?" — and every answer is
// checked like a contract answer: an error envelope becomes a KithError with its code, and
// a malformed value is refused rather than shown.
//
// It takes the preload as a parameter (it never reads `window`), so a test drives it with
// a fake; state/use-desktop.ts hands it the real one.
import { z } from 'zod';
import { contract, type IdentityView } from '../../src/api/contract.ts';
import { resultSchema } from '../../src/api/result.ts';
import { KithError } from '../../src/base/errors.ts';
import { parseWith } from '../../src/base/schema.ts';

/** The part of `window.kith` this needs (see preload-api.ts). */
export interface DesktopPreload {
  desktop?(method: string, input?: unknown): Promise<unknown>;
}

const keychainStatusSchema = z.object({
  /** False where the OS offers no real keychain (Linux without a secret service). */
  available: z.boolean(),
  enabled: z.boolean(),
});
export type KeychainStatus = z.output<typeof keychainStatusSchema>;

const desktopSettingsSchema = z.object({
  /** Closing the window keeps Kith running in the tray. */
  closeToTray: z.boolean(),
});
export type DesktopSettings = z.output<typeof desktopSettingsSchema>;

export interface DesktopShell {
  keychainStatus(): Promise<KeychainStatus>;
  /** Checks the passphrase by unlocking with it, then keeps it in the OS keychain. */
  enableKeychain(passphrase: string): Promise<KeychainStatus>;
  disableKeychain(): Promise<KeychainStatus>;
  /** Unlocks with the passphrase in the keychain (which never reaches this page). */
  unlockWithKeychain(): Promise<IdentityView>;
  settings(): Promise<DesktopSettings>;
  setCloseToTray(on: boolean): Promise<DesktopSettings>;
}

export function desktopShell(preload: DesktopPreload | undefined): DesktopShell | undefined {
  if (preload === undefined || typeof preload.desktop !== 'function') return undefined;
  const send = preload.desktop.bind(preload);

  async function ask<S extends z.ZodType>(method: string, input: object, schema: S): Promise<z.output<S>> {
    let envelope: unknown;
    try {
      envelope = await send(method, input);
    } catch (cause) {
      throw new KithError('Aborted', 'The desktop app did not answer.', { hint: 'Close Kith and open it again.', cause });
    }
    const result = parseWith(resultSchema, envelope, `answer to ${method}`);
    if (!result.ok) {
      const { code, message, hint } = result.error;
      throw new KithError(code, message, hint === undefined ? undefined : { hint });
    }
    return parseWith(schema, result.value, `answer to ${method}`);
  }

  return {
    keychainStatus: () => ask('keychain.status', {}, keychainStatusSchema),
    enableKeychain: (passphrase) => ask('keychain.enable', { passphrase }, keychainStatusSchema),
    disableKeychain: () => ask('keychain.disable', {}, keychainStatusSchema),
    unlockWithKeychain: () => ask('keychain.unlock', {}, contract['identity.unlock'].output),
    settings: () => ask('settings.get', {}, desktopSettingsSchema),
    setCloseToTray: (on) => ask('settings.set', { closeToTray: on }, desktopSettingsSchema),
  };
}
