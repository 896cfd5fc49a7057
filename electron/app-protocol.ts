// The renderer build, served from `app://kith/…` by `protocol.handle` instead of file://.
// A file:// page can read any file:// URL and has an opaque origin, so neither the CSP's
// 'self' nor our sender check could tell our page from any other local file; a custom
// standard scheme gives the app one real origin, and this handler answers only with
// files inside the build folder.
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './channels.ts';
import { CONTENT_SECURITY_POLICY } from './security.ts';

/** For `protocol.registerSchemesAsPrivileged`, which must run before `app` is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: {
    // Standard: relative URLs, a real origin ('self' in the CSP, our sender check).
    standard: true,
    // Secure: treated like https (secure contexts; no mixed-content downgrade).
    secure: true,
    // The page may fetch its own assets; nothing else is granted (no bypassCSP, no CORS).
    supportFetchAPI: true,
  },
} as const;

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file (lexically inside `root`) that an app:// URL names, or undefined when the URL
 * is not ours or tries to leave the folder. A path without an extension is a UI route and
 * gets index.html (the UI routes itself). Pure: the caller still checks the real path,
 * for symlinks.
 */
export function resolveAppPath(root: string, requestUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username !== '' || url.password !== '') return undefined;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return undefined; // malformed %-escapes
  }
  // Backslashes and NUL never appear in our build's names; on Windows a backslash is a
  // separator that URL parsing did not normalise, so it is refused rather than guessed at.
  if (path.includes('\0') || path.includes('\\')) return undefined;
  const segments = path.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) return undefined;
  if (segments.length === 0 || extname(segments[segments.length - 1] as string) === '') segments.splice(0, segments.length, 'index.html');
  const base = resolve(root);
  const file = resolve(base, ...segments);
  return isInside(base, file) ? file : undefined;
}

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..');
}

export interface AppResponseParts {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array | undefined;
}

/** Reads what `requestUrl` names; every answer carries the CSP and nosniff. */
export async function readAppFile(root: string, method: string, requestUrl: string): Promise<AppResponseParts> {
  const headers: Record<string, string> = {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
  };
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, headers, body: undefined };
  const lexical = resolveAppPath(root, requestUrl);
  if (lexical === undefined) return { status: 404, headers, body: undefined };
  // A symlink inside the build must not lead out of it.
  const [realRoot, realFile] = await Promise.all([realpath(root).catch(() => undefined), realpath(lexical).catch(() => undefined)]);
  if (realRoot === undefined || realFile === undefined || !isInside(realRoot, realFile)) return { status: 404, headers, body: undefined };
  const info = await stat(realFile).catch(() => undefined);
  if (info === undefined || !info.isFile()) return { status: 404, headers, body: undefined };
  headers['content-type'] = MIME[extname(realFile).toLowerCase()] ?? 'application/octet-stream';
  headers['cache-control'] = 'no-store';
  // The build is a few small files: read whole, so a file cannot change under a stream.
  return { status: 200, headers, body: method === 'HEAD' ? undefined : await readFile(realFile) };
}

/** The `protocol.handle(APP_SCHEME, …)` handler over `root` (the renderer build). */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const { status, headers, body } = await readAppFile(root, request.method, request.url);
    return new Response(body === undefined ? null : new Blob([body as Uint8Array<ArrayBuffer>]), { status, headers });
  };
}

/** Where the Vite plugin puts the renderer build, next to the main bundle (.vite/build). */
export function rendererRoot(mainBundleDir: string, name: string): string {
  return join(mainBundleDir, '..', 'renderer', name);
}
