// Inputs the fuzz suite (test/fuzz) found that broke a decoder, kept exactly as found: each
// must now fail with its stable code (before the fix each was an untyped throw).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamPair } from '@libp2p/utils';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBridge } from '../../../src/daemon/bridge.ts';
import { httpTransport } from '../../../src/daemon/http-transport.ts';
import { createDispatcher } from '../../../src/app/dispatch.ts';
import type { AppApi } from '../../../src/api/contract.ts';
import type { KithApp } from '../../../src/app/create-node.ts';
import { exportBundle } from '../../../src/app/bundle/export-bundle.ts';
import { recordCredential } from '../../../src/app/records/record-credential.ts';
import { openLocker } from '../../../src/store/locker.ts';
import { KithError } from '../../../src/base/errors.ts';
import { addProof } from '../../../src/credentials/data-integrity.ts';
import type { JsonObject } from '../../../src/credentials/types.ts';
import { frameReader } from '../../../src/net/protocols/framing.ts';
import { countersign } from '../../../src/net/protocols/share/share-protocol.ts';
import { consentReceipt } from '../../../src/trust/consent-receipt.ts';
import { parseTerms } from '../../../src/trust/terms.ts';
import { holder, owner } from '../../fuzz/targets/fixtures.ts';

const code = (expected: string) => (error: unknown) => error instanceof KithError && error.code === expected;

async function readOne(bytes: readonly number[], max: number): Promise<Uint8Array | undefined> {
  const [a, b] = await streamPair({ delay: 0 });
  const reader = frameReader(b, max);
  a.send(Uint8Array.from(bytes));
  await a.close();
  try {
    return await reader.next(AbortSignal.timeout(5_000));
  } finally {
    a.abort(new Error('done'));
    b.abort(new Error('done'));
  }
}

test('net/framing: a stream that ends inside a frame is Protocol (was UnexpectedEOFError)', async () => {
  // Seed 241911257: a prefix announcing 1 byte, then the end of the stream.
  await assert.rejects(readOne([1], 1), code('Protocol'));
  await assert.rejects(readOne([5, 1, 2], 1024), code('Protocol'));
});

test('net/framing: bytes beyond one frame in one piece are InvalidInput (was StreamBufferError)', async () => {
  // Seed 730212712: three empty frames at once, where one frame may take 2 bytes.
  await assert.rejects(readOne([0, 0, 0], 1), code('InvalidInput'));
});

test('trust/consent-receipt: a signed receipt naming a null controller is NotTrusted (was TypeError)', () => {
  // Seed 2141639271: piiControllers [null], signed again by the owner.
  const grant = { id: 'g0123456789abcdef', to: { kind: 'contact' as const, peerId: holder.peerIdString }, records: [{ id: 'addr00000001' }], purpose: 'Delivery', terms: parseTerms('delivery-only'), created: '2026-12-01T10:00:00Z' };
  const { proof: _proof, ...receipt } = consentReceipt(owner, { grant, holder: { did: holder.did, name: 'Livraria' }, categories: ['address'] });
  const subject = receipt['credentialSubject'] as JsonObject;
  const forged = addProof({ ...receipt, credentialSubject: { ...subject, piiControllers: [null] } }, owner, { proofPurpose: 'assertionMethod' });
  assert.throws(() => countersign(forged, owner.did, holder), code('NotTrusted'));
});

test('bundle export: a record that fails its schema stops the export with InvalidInput (was an unhandled error event that ended the process)', async (t) => {
  // Found while building the bundle target's sample: an address without streetAddress, stored
  // through commitMany (which does not check record schemas), then exported.
  const dir = await mkdtemp(join(tmpdir(), 'kith-fuzz-regression-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const locker = await openLocker(join(dir, 'locker'), owner);
  t.after(() => locker.close());
  const time = '2026-01-01T00:00:00.000Z';
  const record = (id: string, type: 'email' | 'address', data: Record<string, string>) => ({ id, type, version: 1, deleted: false, time, credential: recordCredential(owner, { id, type, version: 1, deleted: false, time, data }) });
  await locker.commitMany(owner, [record('r000000000000000', 'email', { address: 'ana@example.org' }), record('r000000000000001', 'address', { addressLocality: 'Lisboa' })], { audit: { kind: 'bundle.imported', details: {} } });
  await assert.rejects(exportBundle(locker, owner, join(dir, 'out.kith'), true), code('InvalidInput'));
});

async function askBridge(t: { after: (fn: () => Promise<void>) => void }, method: string, path: string, body?: string): Promise<{ status: number; code: string }> {
  const api = new Proxy({}, { get: () => async () => null }) as AppApi;
  const dispatch = createDispatcher(api);
  const app: KithApp = { api, dispatch, transport: dispatch, startNetwork: async () => undefined, openLocker: async () => undefined, onEvent: () => () => undefined, warnings: async () => [], close: async () => undefined };
  const bridge = await startBridge({ app });
  t.after(() => bridge.close());
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, method, path, headers: { host: `127.0.0.1:${bridge.port}`, authorization: `Bearer ${bridge.token}`, 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, code: (JSON.parse(text) as { error: { code: string } }).error.code }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('daemon/bridge-http: POST /api/% is InvalidInput 400 (was a URIError answered 500 Internal)', async (t) => {
  // Seed of the 5,000-case run: a lone percent sign as the method name.
  assert.deepEqual(await askBridge(t, 'POST', '/api/%', '{"input":null}'), { status: 400, code: 'InvalidInput' });
});

test('daemon/bridge-http: GET /\\ is InvalidInput 400 (was an unparsable URL answered 500 Internal)', async (t) => {
  // Seed -623584318 of a 1,000-case pass: a backslash reads as a slash, so the path is `//`.
  assert.deepEqual(await askBridge(t, 'GET', '/\\'), { status: 400, code: 'InvalidInput' });
});

test('daemon/http-transport: a daemon port answering HTML is Protocol (was a SyntaxError)', async (t) => {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('<html>502 Bad Gateway</html>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  await assert.rejects(httpTransport(`http://127.0.0.1:${port}/`, 'token')('data.list', {}), code('Protocol'));
});
