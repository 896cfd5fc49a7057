// The desktop shell's calls when this page runs in the desktop app, else undefined: how a
// screen shows what only the desktop app can do (the tray, keychain unlock).
import { useMemo } from 'react';
import { desktopShell, type DesktopShell } from '../transport/desktop.ts';
import { preloadApi } from '../transport/preload-api.ts';

export function useDesktop(): DesktopShell | undefined {
  // The preload is fixed for the page's life; read it once.
  return useMemo(() => desktopShell(preloadApi()), []);
}
