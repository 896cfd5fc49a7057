import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Dispatch } from '../../../src/app/dispatch.ts';
import { createCallHandler, forwardEvents, isTrustedSender, MAX_INPUT_CHARS, type SenderLike } from '../../../electron/ipc.ts';
import { PathGrants } from '../../../electron/path-grants.ts';
import { trustedOrigins } from '../../../electron/security.ts';

const origins = trustedOrigins(undefined);
const WINDOW_ID = 7;

function sender(overrides: { id?: number; url?: string; parent?: unknown; frame?: null } = {}): SenderLike {
  return {
    sender: { id: overrides.id ?? WINDOW_ID },
    senderFrame: overrides.frame === null ? null : { url: overrides.url ?? 'app://kith/index.html', parent: overrides.parent ?? null },
  };
}

function recordingDispatch(): { dispatch: Dispatch; calls: [unknown, unknown][] } {
  const calls: [unknown, unknown][] = [];
  return {
    calls,
    dispatch: async (method, input) => {
      calls.push([method, input]);
      return { ok: true, value: { echoed: method } };
    },
  };
}

function handler(grants = new PathGrants()) {
  const { dispatch, calls } = recordingDispatch();
  const handle = createCallHandler({ dispatch, isTrusted: (event) => isTrustedSender(event, WINDOW_ID, origins), grants });
  return { handle, calls, grants };
}

test('a call from our window top frame on app://kith reaches the dispatcher as given', async () => {
  const { handle, calls } = handler();
  const answer = await handle(sender(), 'data.list', { type: 'email' });
  assert.deepEqual(answer, { ok: true, value: { echoed: 'data.list' } });
  assert.deepEqual(calls, [['data.list', { type: 'email' }]]);
});

test('calls from anywhere else are refused with NotTrusted, before any lookup', async () => {
  const { handle, calls } = handler();
  const strangers = [
    sender({ id: 8 }), // another window or web contents
    sender({ parent: { url: 'app://kith/index.html' } }), // a subframe
    sender({ frame: null }), // the frame went away mid-call
    sender({ url: 'https://evil.example/' }),
    sender({ url: 'file:///home/me/page.html' }),
    sender({ url: 'app://other/index.html' }),
    sender({ url: 'http://localhost:5173/' }), // a dev server is not trusted in a production build
  ];
  for (const event of strangers) {
    const answer = await handle(event, 'identity.status', {});
    assert.equal(answer.ok, false);
    assert.equal(!answer.ok && answer.error.code, 'NotTrusted');
  }
  assert.deepEqual(calls, []);
  assert.equal(isTrustedSender(sender(), undefined, origins), false, 'no window: nobody is trusted');
});

test('unknown methods and bad input are refused with InvalidInput', async () => {
  const { handle, calls } = handler();
  for (const method of ['no.such', '__proto__', 'constructor', 'toString', 42, null, undefined, { m: 1 }]) {
    const answer = await handle(sender(), method, {});
    assert.equal(!answer.ok && answer.error.code, 'InvalidInput', String(method));
  }
  const cyclic: Record<string, unknown> = {};
  cyclic['self'] = cyclic;
  assert.equal(await handle(sender(), 'data.list', cyclic).then((a) => !a.ok && a.error.code), 'InvalidInput');
  assert.equal(await handle(sender(), 'data.list', 10n).then((a) => !a.ok && a.error.code), 'InvalidInput');
  const huge = { type: 'x'.repeat(MAX_INPUT_CHARS) };
  const answer = await handle(sender(), 'data.list', huge);
  assert.equal(!answer.ok && answer.error.code, 'InvalidInput');
  assert.match(!answer.ok ? answer.error.message : '', /larger than/);
  assert.deepEqual(calls, []);
});

test('bad input of a known method is parsed by the real dispatcher (stable InvalidInput)', async () => {
  const { createDispatcher } = await import('../../../src/app/dispatch.ts');
  const api = new Proxy({}, { get: () => async () => 'should not run' }) as never;
  const handle = createCallHandler({ dispatch: createDispatcher(api), isTrusted: () => true, grants: new PathGrants() });
  const answer = await handle(sender(), 'data.get', { id: '../../etc' });
  assert.equal(!answer.ok && answer.error.code, 'InvalidInput');
});

test('file paths are accepted only when the person dropped, picked or chose them', async () => {
  const grants = new PathGrants();
  const { handle, calls } = handler(grants);
  const refused = await handle(sender(), 'doc.add', { path: '/home/me/.ssh/id_ed25519' });
  assert.equal(!refused.ok && refused.error.code, 'NotTrusted');
  grants.grant('/home/me/photo.jpg', 'read');
  assert.equal((await handle(sender(), 'doc.add', { path: '/home/me/photo.jpg' })).ok, true);
  // A dropped file may be read, not overwritten.
  const overwrite = await handle(sender(), 'doc.get', { id: 'abcdefgh', outPath: '/home/me/photo.jpg', overwrite: true });
  assert.equal(!overwrite.ok && overwrite.error.code, 'NotTrusted');
  grants.grant('/home/me/Documents/kith.kith', 'write');
  assert.equal((await handle(sender(), 'bundle.export', { path: '/home/me/Documents/kith.kith', overwrite: true })).ok, true);
  assert.deepEqual(
    calls.map(([method]) => method),
    ['doc.add', 'bundle.export'],
  );
});

test('events are forwarded to the window while it exists, and stop on unsubscribe', () => {
  const listeners = new Set<(event: { name: string; payload: unknown }) => void>();
  const onEvent = (listener: (event: { name: string; payload: unknown }) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  const sent: unknown[] = [];
  let alive = true;
  const stop = forwardEvents(onEvent, (message) => sent.push(message), () => alive);
  for (const listener of listeners) listener({ name: 'records.changed', payload: { id: 'abcdefgh' } });
  alive = false;
  for (const listener of listeners) listener({ name: 'log.appended', payload: {} });
  stop();
  assert.equal(listeners.size, 0);
  assert.deepEqual(sent, [{ name: 'records.changed', payload: { id: 'abcdefgh' } }]);
});
