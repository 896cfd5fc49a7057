// The names both sides of the IPC boundary agree on. The preload is bundled separately
// from the main process, so this file holds plain constants only (no imports).

/** The API contract: `ipcRenderer.invoke(CALL_CHANNEL, method, input)` → Result. */
export const CALL_CHANNEL = 'kith:call';
/** Node events pushed to the window: `{ name, payload }`. */
export const EVENT_CHANNEL = 'kith:event';
/** Desktop-only capabilities (dialogs, settings, keychain): `(method, input)` → Result. */
export const DESKTOP_CHANNEL = 'kith:desktop';
/**
 * Synchronous, from the preload only: "the person dropped or picked this file" (a path
 * from webUtils.getPathForFile). Synchronous so the grant is in place before the call
 * that uses the path, whatever order Chromium would deliver two async messages in.
 */
export const GRANT_CHANNEL = 'kith:grant-read';
/** From the preload only: the person clicked a link to this http(s) URL. */
export const EXTERNAL_CHANNEL = 'kith:open-external';

/** The app is served from its own origin, never file:// (see app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kith';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;
