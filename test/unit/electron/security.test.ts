import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CONTENT_SECURITY_POLICY,
  denyWindowOpen,
  developmentPolicy,
  externalUrl,
  guardNavigation,
  isTrustedUrl,
  originOf,
  permissionAllowed,
  trustedOrigins,
  withContentSecurityPolicy,
} from '../../../electron/security.ts';

const production = trustedOrigins(undefined);

function navigate(url: string, origins = production): { allowed: boolean; prevented: boolean } {
  let prevented = false;
  const allowed = guardNavigation({ preventDefault: () => (prevented = true) }, url, origins);
  return { allowed, prevented };
}

test('the production window trusts only app://kith', () => {
  assert.deepEqual(production, ['app://kith']);
  assert.equal(originOf('app://kith/index.html'), 'app://kith');
  assert.equal(isTrustedUrl('app://kith/deep/route', production), true);
  for (const url of ['app://evil/index.html', 'app://kith.evil/', 'file:///etc/passwd', 'http://localhost:5173/', 'https://kith.example/', 'about:blank', 'data:text/html,x', 'not a url']) {
    assert.equal(isTrustedUrl(url, production), false, url);
  }
});

test('a development build also trusts the Vite dev server it was built against', () => {
  const origins = trustedOrigins('http://localhost:5173');
  assert.deepEqual(origins, ['app://kith', 'http://localhost:5173']);
  assert.equal(isTrustedUrl('http://localhost:5173/src/main.tsx', origins), true);
  assert.equal(isTrustedUrl('http://localhost:5174/', origins), false);
});

test('navigation off the app is prevented; within it, allowed', () => {
  assert.deepEqual(navigate('app://kith/settings'), { allowed: true, prevented: false });
  for (const url of ['https://example.com/', 'file:///home/me/.ssh/id_ed25519', 'javascript:alert(1)', 'app://other/']) {
    assert.deepEqual(navigate(url), { allowed: false, prevented: true }, url);
  }
});

test('no new windows, whatever the URL', () => {
  assert.deepEqual(denyWindowOpen(), { action: 'deny' });
});

test('permissions: only a clipboard write, only from our page', () => {
  assert.equal(permissionAllowed('clipboard-sanitized-write', 'app://kith/index.html', production), true);
  assert.equal(permissionAllowed('clipboard-sanitized-write', 'https://evil.example/', production), false);
  assert.equal(permissionAllowed('clipboard-sanitized-write', undefined, production), false);
  for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'hid', 'serial', 'usb', 'display-capture', 'idle-detection', 'unknown']) {
    assert.equal(permissionAllowed(permission, 'app://kith/index.html', production), false, permission);
  }
});

test('openExternal takes only http(s) URLs without credentials', () => {
  assert.equal(externalUrl('https://example.com/a?b#c'), 'https://example.com/a?b#c');
  assert.equal(externalUrl('http://example.com'), 'http://example.com/');
  for (const value of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-settings:', 'app://kith/', 'https://user:pw@example.com/', 'not a url', '', 42, null, undefined, `https://example.com/${'a'.repeat(3000)}`]) {
    assert.equal(externalUrl(value), undefined, String(value).slice(0, 40));
  }
});

test('the CSP allows only our own files: no inline code, no network, no frames', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
  assert.equal(directives.get('default-src'), "'none'");
  assert.equal(directives.get('script-src'), "'self'");
  assert.equal(directives.get('style-src'), "'self'");
  assert.equal(directives.get('object-src'), "'none'");
  assert.equal(directives.get('base-uri'), "'none'");
  assert.equal(directives.get('frame-ancestors'), "'none'");
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval|https?:|\*/);
});

test('the development CSP adds only the dev server and its hot-reload socket', () => {
  const policy = developmentPolicy('http://localhost:5173/');
  assert.match(policy, /script-src 'self' http:\/\/localhost:5173;/);
  assert.match(policy, /connect-src 'self' http:\/\/localhost:5173 ws:\/\/localhost:5173;/);
  assert.doesNotMatch(policy, /unsafe-eval/);
});

test('response headers get our CSP, replacing any the server sent', () => {
  const headers = withContentSecurityPolicy({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] }, CONTENT_SECURITY_POLICY);
  assert.deepEqual(headers['Content-Security-Policy'], [CONTENT_SECURITY_POLICY]);
  assert.equal(headers['content-security-policy'], undefined);
  assert.deepEqual(headers['Content-Type'], ['text/html']);
});
