// The shape of `window.kith`, exposed by Electron's preload through contextBridge
// (electron/preload-api.ts builds it; electron/README.md documents it). `call` and `on` are
// the API contract. The optional members are the desktop shell's own:
//   pathForFile    webUtils.getPathForFile(file) for a picked or dropped File
//   chooseSavePath a native save dialog through the main process; undefined = cancelled
//   chooseOpenPath a native open dialog; undefined = cancelled
//   desktop        the shell's calls (tray setting, keychain unlock), as Result envelopes;
//                  transport/desktop.ts types them for the screens
// They are optional because a page must keep working with an older shell that lacks one.
export interface KithPreload {
  call(method: string, input: unknown): Promise<unknown>;
  on(listener: (event: { name: string; payload: unknown }) => void): () => void;
  pathForFile?(file: File): string;
  chooseSavePath?(options: { title: string; defaultName: string; extensions?: string[] }): Promise<string | undefined>;
  chooseOpenPath?(options: { title: string; extensions?: string[] }): Promise<string | undefined>;
  desktop?(method: string, input?: unknown): Promise<unknown>;
}

declare global {
  interface Window {
    kith?: KithPreload;
  }
}

export function preloadApi(): KithPreload | undefined {
  // globalThis is the window here; said so, this file also type-checks without the DOM
  // (test/unit/renderer runs the transports under Node).
  const candidate = (globalThis as { kith?: KithPreload }).kith;
  return candidate !== undefined && typeof candidate.call === 'function' && typeof candidate.on === 'function' ? candidate : undefined;
}
