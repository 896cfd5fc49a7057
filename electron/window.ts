// The main window's options, as a pure builder so a test can assert every security
// setting. Each webPreferences line follows Electron's security checklist
// (electronjs.org/docs/latest/tutorial/security); the "why" is in electron/README.md.
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** Absolute path of the built preload script (.vite/build/preload.cjs). */
  readonly preloadPath: string;
  /** DevTools only in a development build. */
  readonly devTools: boolean;
}

export function windowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Kith',
    width: 1120,
    height: 780,
    minWidth: 720,
    minHeight: 520,
    // Shown on 'ready-to-show', so the person never sees an empty white frame.
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#f7f5f0',
    webPreferences: {
      preload: input.preloadPath,
      // The preload's world and the page's world are separate JavaScript contexts: the
      // page sees only what contextBridge exposes.
      contextIsolation: true,
      // The renderer runs in Chromium's OS sandbox; the preload gets only a tiny
      // require('electron') and no Node.
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      // Same-origin policy stays on; no http content inside the https-like app origin.
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // No <webview>: it could host content with its own, weaker preferences.
      webviewTag: false,
      // A file dropped outside a drop zone must not navigate the window to file://.
      navigateOnDragDrop: false,
      // Chromium's spellchecker downloads dictionaries from Google on Linux and Windows:
      // a personal-data app makes no network calls the person did not ask for.
      spellcheck: false,
      // A page that opens endless alert() dialogs can be stopped.
      safeDialogs: true,
      devTools: input.devTools,
    },
  };
}
