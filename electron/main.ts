// The Electron main process: composition only. It opens the same Kith node the CLI and
// the daemon use (src/app/create-node.ts), shows it in one hardened window served from
// app://kith, and keeps it running in the tray when the person closes the window (a
// setting). Every decision lives in a small module beside this one, tested without
// Electron; this file only connects them to Electron's objects.
import { spawn } from 'node:child_process';
import { isAbsolute, join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, protocol, safeStorage, session, shell, Tray } from 'electron';
import { openKithApp, type KithApp } from '../src/app/create-node.ts';
import { defaultHome } from '../src/app/paths.ts';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, rendererRoot } from './app-protocol.ts';
import { APP_ENTRY_URL, APP_SCHEME, CALL_CHANNEL, DESKTOP_CHANNEL, EVENT_CHANNEL, EXTERNAL_CHANNEL, GRANT_CHANNEL } from './channels.ts';
import { createDesktopDispatch } from './desktop-handlers.ts';
import { hardenContents, hardenSession } from './harden.ts';
import { createCallHandler, forwardEvents, isTrustedSender, NOT_OUR_WINDOW, type SenderLike } from './ipc.ts';
import { Keychain } from './keychain.ts';
import { closeAction, quitWhenAllClosed } from './lifecycle.ts';
import { notificationFor, shouldNotify } from './notifications.ts';
import { PathGrants } from './path-grants.ts';
import { externalUrl, trustedOrigins } from './security.ts';
import { loadSettings, saveSettings, type DesktopSettings } from './settings.ts';
import { squirrelAction } from './squirrel.ts';
import { trayBitmap, trayMenuTemplate } from './tray.ts';
import { windowOptions } from './window.ts';

// Defined by Electron Forge's Vite plugin at build time: the dev server's URL under
// `electron-forge start`, undefined in a packaged build; the renderer entry's name.
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string;

const devServerUrl = typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' && MAIN_WINDOW_VITE_DEV_SERVER_URL !== '' ? MAIN_WINDOW_VITE_DEV_SERVER_URL : undefined;
const origins = trustedOrigins(devServerUrl);

let window: BrowserWindow | undefined;
let tray: Tray | undefined;
let quitting = false;

function showWindow(): void {
  if (window === undefined || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

function isTrusted(event: SenderLike): boolean {
  const id = window !== undefined && !window.isDestroyed() ? window.webContents.id : undefined;
  return isTrustedSender(event, id, origins);
}

function createWindow(settings: () => DesktopSettings): BrowserWindow {
  const created = new BrowserWindow(
    windowOptions({ preloadPath: join(app.getAppPath(), '.vite', 'build', 'preload.cjs'), devTools: devServerUrl !== undefined }),
  );
  created.once('ready-to-show', () => created.show());
  created.on('close', (event) => {
    if (closeAction({ quitting, closeToTray: settings().closeToTray, hasTray: tray !== undefined }) === 'hide') {
      event.preventDefault();
      created.hide();
    }
  });
  void created.loadURL(devServerUrl ?? APP_ENTRY_URL);
  return created;
}

function createTray(): Tray {
  const image = nativeImage.createFromBitmap(trayBitmap(32), { width: 32, height: 32, scaleFactor: 2 });
  const created = new Tray(image);
  created.setToolTip('Kith');
  created.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate({ open: showWindow, quit: () => app.quit() })));
  created.on('click', showWindow);
  return created;
}

/** Opens the locker now (as the daemon does), so a second process fails at once, clearly. */
async function openNode(kith: KithApp, desktop: ReturnType<typeof createDesktopDispatch>): Promise<void> {
  const status = await kith.dispatch('identity.status', {});
  if (!status.ok || !(status.value as { initialized: boolean }).initialized) return;
  // Keychain unlock, if the person turned it on; otherwise (or if it fails) the UI asks.
  await desktop('keychain.unlock', {});
  await kith.openLocker();
}

async function start(): Promise<void> {
  await app.whenReady();
  const home = process.env['KITH_HOME'] ?? defaultHome();
  let settings = await loadSettings(home);
  const grants = new PathGrants();

  hardenSession(session.defaultSession, origins, devServerUrl);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot(join(app.getAppPath(), '.vite', 'build'), MAIN_WINDOW_VITE_NAME)));

  let kith: KithApp;
  try {
    kith = await openKithApp({ home });
  } catch (error) {
    return fail(error);
  }
  const desktop = createDesktopDispatch({
    dialogs: {
      showSaveDialog: (options) => (window === undefined ? dialog.showSaveDialog(options) : dialog.showSaveDialog(window, options)),
      showOpenDialog: (options) => (window === undefined ? dialog.showOpenDialog(options) : dialog.showOpenDialog(window, options)),
    },
    documentsDir: app.getPath('documents'),
    joinPath: join,
    grants,
    dispatch: kith.dispatch,
    keychain: new Keychain(safeStorage, home),
    settings: {
      get: () => settings,
      set: async (next) => {
        await saveSettings(home, next);
        settings = next;
      },
    },
  });
  try {
    await openNode(kith, desktop);
  } catch (error) {
    await kith.close();
    return fail(error);
  }

  ipcMain.handle(CALL_CHANNEL, createCallHandler({ dispatch: kith.dispatch, isTrusted, grants }));
  ipcMain.handle(DESKTOP_CHANNEL, (event, method: unknown, input: unknown) => (isTrusted(event) ? desktop(method, input) : NOT_OUR_WINDOW));
  ipcMain.on(GRANT_CHANNEL, (event, path: unknown) => {
    const ok = isTrusted(event) && typeof path === 'string' && path.length <= 4096 && isAbsolute(path);
    if (ok) grants.grant(path, 'read');
    event.returnValue = ok;
  });
  ipcMain.on(EXTERNAL_CHANNEL, (event, url: unknown) => {
    const safe = externalUrl(url);
    if (safe !== undefined && isTrusted(event)) void shell.openExternal(safe);
  });

  try {
    tray = createTray();
  } catch {
    tray = undefined; // no tray on this desktop: closing the window then quits
  }
  window = createWindow(() => settings);
  const shown = window;
  const stopForwarding = forwardEvents(
    (listener) => kith.onEvent(listener),
    (message) => shown.webContents.send(EVENT_CHANNEL, message),
    () => !shown.isDestroyed(),
  );
  const stopNotifying = kith.onEvent((event) => {
    const spec = notificationFor(event);
    if (spec === undefined || !Notification.isSupported() || !shouldNotify(shown.isDestroyed() ? undefined : shown)) return;
    const notification = new Notification({ title: spec.title, body: spec.body });
    notification.on('click', showWindow);
    notification.show();
  });

  app.on('window-all-closed', () => {
    if (quitWhenAllClosed({ closeToTray: settings.closeToTray, hasTray: tray !== undefined })) app.quit();
  });
  app.on('activate', showWindow);
  // The node holds the LevelDB lock: close it before the process ends.
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    stopForwarding();
    stopNotifying();
    void kith.close().finally(() => {
      closed = true;
      app.quit();
    });
  });
}

function fail(error: unknown): void {
  const code = (error as { code?: unknown } | null)?.code;
  const message =
    code === 'Locked'
      ? 'Kith is already running for this data folder, perhaps as `kith start` in a terminal. Stop it (Ctrl+C or `kith stop`), then open Kith again.'
      : `Kith could not start: ${error instanceof Error ? error.message : String(error)}`;
  dialog.showErrorBox('Kith', message);
  app.exit(1);
}

const squirrel = squirrelAction(process.argv, process.execPath, process.platform);
if (squirrel !== undefined) {
  if (squirrel.run !== undefined) spawn(squirrel.run.command, [...squirrel.run.args], { detached: true, stdio: 'ignore' }).unref();
  app.quit();
} else if (!app.requestSingleInstanceLock()) {
  // One window per person: the running instance is brought forward instead.
  app.quit();
} else {
  // Before 'ready': app:// gets its privileges, every renderer is sandboxed, and every
  // web contents ever created gets the navigation and window-open policy.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, origins));
  app.on('second-instance', showWindow);
  app.on('before-quit', () => {
    quitting = true;
  });
  void start();
}
