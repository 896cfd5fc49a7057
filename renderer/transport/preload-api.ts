// The shape of `window.kith`, exposed by Electron's preload through contextBridge
// (electron/preload.ts). `call` and `on` are the whole API surface; the two optional
// members are the seam for files in the desktop app, where the core reads and writes
// paths itself instead of receiving bytes:
//   pathForFile    webUtils.getPathForFile(file) for a picked or dropped File
//   chooseSavePath dialog.showSaveDialog through the main process; undefined = cancelled
// Until the preload provides them, the UI says that files need the desktop shell wiring.
export interface KithPreload {
  call(method: string, input: unknown): Promise<unknown>;
  on(listener: (event: { name: string; payload: unknown }) => void): () => void;
  pathForFile?(file: File): string;
  chooseSavePath?(options: { title: string; defaultName: string; extensions?: string[] }): Promise<string | undefined>;
}

declare global {
  interface Window {
    kith?: KithPreload;
  }
}

export function preloadApi(): KithPreload | undefined {
  const candidate = window.kith;
  return candidate !== undefined && typeof candidate.call === 'function' && typeof candidate.on === 'function' ? candidate : undefined;
}
