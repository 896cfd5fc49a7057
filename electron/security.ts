// The window's security policy, as pure functions over the few Electron objects they
// need (passed in, so tests use fakes). Follows Electron's security checklist
// (electronjs.org/docs/latest/tutorial/security): no navigation, no new windows, no
// permissions, links to the web only in the person's browser, and a strict CSP.
import { APP_HOST, APP_SCHEME } from './channels.ts';

/**
 * On every response the app serves. No inline script or style (the renderer build emits
 * files only), nothing from the network: the UI talks to the node over IPC, not fetch.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The origins our own page may be served from: app://kith always, and Vite's dev server
 * only in a development build (`electron-forge start`), where Forge defines its URL.
 */
export function trustedOrigins(devServerUrl: string | undefined): readonly string[] {
  const origins = [`${APP_SCHEME}://${APP_HOST}`];
  if (devServerUrl !== undefined && devServerUrl !== '') origins.push(new URL(devServerUrl).origin);
  return origins;
}

/**
 * The origin of a URL, spelled the same way for our custom scheme as for http. (Node's URL
 * gives "null" as the origin of any non-special scheme such as app:, so it is built here.)
 */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.host === '') return undefined;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}

export function isTrustedUrl(url: string, origins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== undefined && origins.includes(origin);
}

/** A URL we hand to the person's browser: http(s) only, no credentials, bounded. */
export function externalUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  // file:, javascript:, smb:, custom protocol handlers… can run code or leak credentials.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  return url.href;
}

/** `will-navigate` / `will-redirect`: the window never leaves the app's own pages. */
export function guardNavigation(event: { preventDefault(): void }, url: string, origins: readonly string[]): boolean {
  if (isTrustedUrl(url, origins)) return true;
  event.preventDefault();
  return false;
}

/**
 * `setWindowOpenHandler`: no new windows, ever. A link to the web is opened by the preload
 * instead, and only from a real click (see preload-api.ts), so a script that calls
 * window.open cannot open anything.
 */
export function denyWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}

/**
 * Permissions the page may have. Only writing to the clipboard (a sanitised write, from
 * our own page: "copy my DID"). Camera, microphone, location, notifications (the main
 * process shows those), HID, serial, MIDI and the rest are refused.
 */
const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function permissionAllowed(permission: string, requestingUrl: string | undefined, origins: readonly string[]): boolean {
  return GRANTED_PERMISSIONS.has(permission) && requestingUrl !== undefined && isTrustedUrl(requestingUrl, origins);
}

/** Headers for responses Chromium gets from elsewhere (Vite's dev server in development). */
export function withContentSecurityPolicy(
  headers: Record<string, string | string[]> | undefined,
  policy: string,
): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [policy];
  return result;
}

/**
 * Vite's dev server needs its own origin for module scripts and a websocket for hot
 * reload, and injects inline styles; development builds only.
 */
export function developmentPolicy(devServerUrl: string): string {
  const origin = new URL(devServerUrl).origin;
  const socket = origin.replace(/^http/, 'ws');
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", `script-src 'self' ${origin}`)
    .replace("style-src 'self'", `style-src 'self' 'unsafe-inline' ${origin}`)
    .replace("connect-src 'self'", `connect-src 'self' ${origin} ${socket}`);
}
