// The loopback bridge's HTTP inputs (src/daemon/bridge.ts, bridge-files.ts) and the CLI's
// side of it (http-transport.ts). The bridge is started in process once per run, in front
// of the real dispatcher (the contract's input schemas) over an API whose methods do
// nothing, and sent raw requests: any method, path (percent-escapes included), headers
// (Host, Origin, token, content type, file name, bundle passphrase) and body. Every answer
// must be a refusal with a stable code or a success — never a 500/Internal. The transport
// reads whatever a server answers (any status, any bytes) and must turn it into a Result or
// a KithError.
import { strict as assert } from 'node:assert';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { contract, type AppApi } from '../../../src/api/contract.ts';
import type { KithApp } from '../../../src/app/create-node.ts';
import { createDispatcher } from '../../../src/app/dispatch.ts';
import { parseFileName, parsePassphrase } from '../../../src/daemon/bridge-files.ts';
import { startBridge, type Bridge } from '../../../src/daemon/bridge.ts';
import { httpTransport } from '../../../src/daemon/http-transport.ts';
import { anyText, json } from '../arbitraries.ts';
import { defineTarget } from '../runner.ts';

const METHODS = Object.keys(contract);

/** An app whose every method returns null at once: what is fuzzed is the bridge and the contract's parsing. */
function inertApp(): { app: KithApp; internal: unknown[] } {
  const internal: unknown[] = [];
  const api = new Proxy({}, { get: () => async () => null }) as AppApi;
  const dispatch = createDispatcher(api, { onInternalError: (_method, error) => internal.push(error) });
  const app: KithApp = {
    api,
    dispatch,
    transport: (method, input) => dispatch(method, input),
    startNetwork: async () => undefined,
    openLocker: async () => undefined,
    onEvent: () => () => undefined,
    warnings: async () => [],
    close: async () => undefined,
  };
  return { app, internal };
}

interface Raw {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

const escaped = fc.oneof(fc.constantFrom('%', '%2', '%ZZ', '%E0%A4%A', '%00', '%2F..%2F', '%C0%AF', '..', '//', '?', '#', ';'), fc.string({ maxLength: 12 }).map(encodeURIComponent));
const path = fc.oneof(
  fc.tuple(fc.oneof(fc.constantFrom(...METHODS), fc.string({ maxLength: 20 }).map(encodeURIComponent)), escaped).map(([m, e]) => `/api/${m}${e}`),
  fc.constantFrom('/api/', '/events', '/files/', '/files/bundle', '/files/doc', '/files/import', '/', '/index.html', '/x'),
  fc.tuple(fc.constantFrom('/files/doc/', '/files/shared/', '/files/'), escaped).map(([p, e]) => p + e),
  fc.string({ maxLength: 40 }).map((s) => `/${s.replace(/[^\x21-\x7e]/g, '')}`),
);
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });
const body = fc.oneof(
  json.map((v) => new TextEncoder().encode(JSON.stringify({ input: v }))),
  json.map((v) => new TextEncoder().encode(JSON.stringify(v))),
  fc.uint8Array({ maxLength: 600 }),
);

const request_ = fc.record({
  method: fc.constantFrom('GET', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'),
  path,
  host: fc.constantFrom('good', 'good', 'good', 'localhost', 'evil.example', ''),
  origin: fc.constantFrom(undefined, undefined, 'good', 'http://evil.example', 'null'),
  auth: fc.constantFrom('good', 'good', 'good', 'none', 'Bearer x', 'bearer'),
  type: fc.oneof(fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/octet-stream', 'text/plain', ''), headerText),
  fileName: fc.option(fc.oneof(headerText, escaped), { nil: undefined }),
  passphrase: fc.option(fc.oneof(headerText, escaped), { nil: undefined }),
  body,
});
type RequestCase = typeof request_ extends fc.Arbitrary<infer T> ? T : never;

/** The request a case describes, with this bridge's real address and token where it says 'good'. */
function build(r: RequestCase, port: number, token: string): Raw {
  const here = `127.0.0.1:${port}`;
  const headers: Record<string, string> = {};
  headers['host'] = r.host === 'good' ? here : r.host === 'localhost' ? `localhost:${port}` : r.host;
  if (r.origin !== undefined) headers['origin'] = r.origin === 'good' ? `http://${here}` : r.origin;
  if (r.auth !== 'none') headers['authorization'] = r.auth === 'good' ? `Bearer ${token}` : r.auth;
  if (r.type !== '') headers['content-type'] = r.type;
  if (r.fileName !== undefined) headers['x-kith-file-name'] = r.fileName;
  if (r.passphrase !== undefined) headers['x-kith-bundle-passphrase'] = r.passphrase;
  return { method: r.method, path: r.path, headers, body: r.body };
}

// A connection per request: the bridge closes a connection after refusing a body it did not
// read, and a kept-alive socket reused just as it closes fails in the client, not the bridge.
const agent = new Agent({ keepAlive: false });

/** One raw request; resolves with the status and body (an event stream is cut off at its headers). */
function send(port: number, r: Raw): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, agent, method: r.method, path: r.path, headers: r.headers }, (res) => {
      if ((res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
        res.destroy();
        return resolve({ status: res.statusCode ?? 0, body: '' });
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(r.method === 'GET' || r.method === 'HEAD' ? undefined : Buffer.from(r.body));
  });
}

/** The bridge's answer to `r` must never be a 500 or say Internal. */
async function answerIsStable(bridge: Bridge, internal: unknown[], r: RequestCase): Promise<void> {
  const { status, body: text } = await send(bridge.port, build(r, bridge.port, bridge.token));
  assert.notEqual(status, 500, `answered 500: ${text.slice(0, 200)}`);
  assert.ok(!text.includes('"Internal"'), `answered Internal: ${text.slice(0, 200)}`);
  assert.equal(internal.length, 0, `the dispatcher saw a bug: ${String(internal.splice(0)[0])}`);
}

interface ServerCase {
  readonly status: number;
  readonly type: string;
  readonly body: Uint8Array;
}

let answerNext: ServerCase = { status: 200, type: 'application/json', body: new Uint8Array() };

export const bridgeTargets = [
  defineTarget({
    name: 'daemon/bridge-http',
    covers: 'bridge requests over loopback HTTP: method, path and escapes, Host/Origin/token, content type, file name and passphrase headers, body (in-process bridge)',
    setup: async () => {
      const { app, internal } = inertApp();
      const bridge = await startBridge({ app, maxBodyBytes: 4096, maxFileBytes: 4096 });
      return { bridge, internal };
    },
    teardown: async ({ bridge }) => {
      agent.destroy();
      await bridge.close();
    },
    arbitrary: request_,
    run: (r, { bridge, internal }) => answerIsStable(bridge, internal, r),
  }),
  defineTarget({
    name: 'daemon/bridge-headers',
    covers: 'the X-Kith-File-Name and X-Kith-Bundle-Passphrase headers (parseFileName, parsePassphrase)',
    arbitrary: fc.oneof(anyText(), escaped, fc.array(fc.string(), { maxLength: 2 }), fc.constant(undefined)),
    run(header) {
      parseFileName(header);
      parsePassphrase(header);
    },
  }),
  defineTarget({
    name: 'daemon/http-transport',
    covers: "the CLI's reading of the running daemon's answers: any status, content type and bytes (httpTransport)",
    setup: async () => {
      const server: Server = createServer((_req, res) => res.writeHead(answerNext.status, { 'content-type': answerNext.type }).end(Buffer.from(answerNext.body)));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      return server;
    },
    teardown: (server) => new Promise<void>((resolve) => server.close(() => resolve())),
    arbitrary: fc.record({
      status: fc.constantFrom(200, 200, 400, 401, 404, 413, 421, 500, 502),
      type: fc.constantFrom('application/json', 'text/html', ''),
      body: fc.oneof(
        json.map((v) => new TextEncoder().encode(JSON.stringify(v))),
        fc.constant(new TextEncoder().encode('{"ok":true,"value":1}')),
        fc.uint8Array({ maxLength: 300 }),
        fc.constant(new TextEncoder().encode('<html>502 Bad Gateway</html>')),
      ),
    }),
    async run(answer, server) {
      answerNext = answer;
      const { port } = server.address() as AddressInfo;
      return httpTransport(`http://127.0.0.1:${port}/`, 'token')('data.list', {});
    },
  }),
];
