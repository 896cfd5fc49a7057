// The desktop-only calls on DESKTOP_CHANNEL: things only the shell can do (native
// dialogs, the tray setting, the OS keychain). Declared like the API contract — input
// schema per method, strict — because the renderer is as untrusted here as anywhere.
import { z } from 'zod';

const title = z.string().min(1).max(200);
/** A file name, not a path: the dialog starts in the Documents folder. */
const fileName = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !/[/\\\0]/.test(name) && name !== '.' && name !== '..', 'must be a file name, not a path');
const extensions = z.array(z.string().regex(/^[A-Za-z0-9]{1,16}$/, 'must be an extension such as kith (no dot)')).max(8);
const passphrase = z.string().min(1, 'must not be empty').max(1024, 'must be at most 1024 characters');
const none = z.strictObject({});

export const desktopContract = {
  /** A save dialog; the chosen path may then be written by doc.get / bundle.export. */
  'dialog.save': z.strictObject({ title, defaultName: fileName, extensions: extensions.optional() }),
  /** An open dialog; the chosen path may then be read by doc.add / bundle.import / verify.file. */
  'dialog.open': z.strictObject({ title, extensions: extensions.optional() }),
  'settings.get': none,
  'settings.set': z.strictObject({ closeToTray: z.boolean().optional() }),
  'keychain.status': none,
  /** Checks the passphrase by unlocking with it, then stores it encrypted. */
  'keychain.enable': z.strictObject({ passphrase }),
  'keychain.disable': none,
  /** Unlocks the node with the stored passphrase (which never reaches the renderer). */
  'keychain.unlock': none,
} as const;

export type DesktopMethod = keyof typeof desktopContract;
export type DesktopInput<M extends DesktopMethod> = z.output<(typeof desktopContract)[M]>;

export function isDesktopMethod(value: unknown): value is DesktopMethod {
  return typeof value === 'string' && Object.hasOwn(desktopContract, value);
}
