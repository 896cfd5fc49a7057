// Applies the policies of security.ts to Electron's objects: the session's permissions
// and response headers, and every web contents' navigation and window opening. Takes
// the objects as parameters (main.ts passes the real ones).
import type { Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY, denyWindowOpen, developmentPolicy, guardNavigation, permissionAllowed, withContentSecurityPolicy } from './security.ts';

export function hardenSession(session: Session, origins: readonly string[], devServerUrl: string | undefined): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permissionAllowed(permission, details.requestingUrl, origins));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin, origins));
  // Devices: no HID, serial or USB device is ever offered to the page.
  session.setDevicePermissionHandler(() => false);
  // app:// responses carry the CSP from the protocol handler; this covers everything
  // else Chromium loads (in development, Vite's dev server).
  const policy = devServerUrl === undefined ? CONTENT_SECURITY_POLICY : developmentPolicy(devServerUrl);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });
}

/** For app.on('web-contents-created'): every window, frame and webview the app ever has. */
export function hardenContents(contents: WebContents, origins: readonly string[]): void {
  contents.on('will-navigate', (event, url) => guardNavigation(event, url, origins));
  contents.on('will-redirect', (event, url) => guardNavigation(event, url, origins));
  contents.on('will-frame-navigate', (event) => guardNavigation(event, event.url, origins));
  contents.setWindowOpenHandler(denyWindowOpen);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
