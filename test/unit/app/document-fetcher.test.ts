// The holder's fetcher (app/sharing/document-fetcher.ts) with the network replaced by a
// scripted `fetch`: small files come by themselves, large ones when asked; failures back
// off and retry when the owner connects; a revocation cancels a fetch and deletes the file.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { DocumentFetcher, retryDelay } from '../../../src/app/sharing/document-fetcher.ts';
import { KithError } from '../../../src/base/errors.ts';
import { OwnerKey } from '../../../src/identity/identity.ts';
import type { DocumentSink, DocumentTarget } from '../../../src/net/protocols/document/document-client.ts';
import { openLocker } from '../../../src/store/locker.ts';
import { sharedFiles } from '../../../src/trust/shared-files.ts';
import { SHARED, forgetGrant, listShared } from '../../../src/trust/shared-with-me.ts';
import { createHash } from 'node:crypto';

const FROM = '12D3KooWOwnerOfTheDocuments';
const GRANT = 'g0123456789abcdef';
const small = Buffer.from('a small scan');
const large = Buffer.alloc(2048, 7);
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

type Script = (target: DocumentTarget, sink: DocumentSink<unknown>, signal: AbortSignal | undefined) => Promise<unknown>;

async function setup(t: TestContext, script: Script) {
  const me = OwnerKey.generate();
  const dir = await mkdtemp(join(tmpdir(), 'kith-fetcher-'));
  const locker = await openLocker(dir, me);
  let connected: (peer: string) => void = () => undefined;
  let changes = 0;
  const calls: DocumentTarget[] = [];
  const fetcher = new DocumentFetcher({
    node: {
      onPeerConnected: (listener) => {
        connected = listener;
        return () => undefined;
      },
    },
    documents: {
      fetch: <T,>(_peer: string, target: DocumentTarget, sink: DocumentSink<T>, options: { signal?: AbortSignal } = {}) => {
        calls.push(target);
        return script(target, sink as DocumentSink<unknown>, options.signal) as Promise<T>;
      },
    },
    locker: async () => locker,
    shared: () => listShared(locker),
    signer: () => me,
    onChange: () => changes++,
    autoFetchMaxBytes: 1024,
  });
  fetcher.start();
  t.after(async () => {
    fetcher.stop();
    await locker.close();
    await rm(dir, { recursive: true, force: true });
  });
  const share = async (record: string, bytes: Buffer) => {
    const data = { name: `${record}.pdf`, mediaType: 'application/pdf', size: bytes.length, sha256: sha(bytes) };
    const item = { from: FROM, fromDid: 'did:key:z6MkOwner', grant: { id: GRANT, purpose: 'Papers', terms: [] }, record: { id: record, type: 'document', version: 1, deleted: false, data }, credential: {}, received: new Date().toISOString() };
    await locker.commit(me, { items: [{ collection: SHARED, id: `${FROM}:${record}`, value: item }], audit: [] });
  };
  const fileOf = async (record: string) => (sharedFiles(await listShared(locker))).find((f) => f.record === record)!;
  return { me, locker, fetcher, share, fileOf, calls, connect: (peer: string) => connected(peer), changes: () => changes };
}

/** A well-behaved owner: streams `bytes` into the sink. */
const serves = (bytes: Buffer): Script => (_target, sink) => sink((async function* () {
  yield [bytes];
})());

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('retries back off from 5 s to 10 min, with jitter', () => {
  assert.equal(retryDelay(1, 0.5), 5_000);
  assert.equal(retryDelay(2, 0.5), 10_000);
  assert.equal(retryDelay(30, 0.5), 600_000);
  assert.ok(retryDelay(1, 0) >= 4_000 && retryDelay(1, 0.999) <= 6_000);
});

test('a small shared file is fetched by itself; a large one waits to be asked', async (t) => {
  const { locker, fetcher, share, fileOf, calls } = await setup(t, (target, sink) => serves(target.size === small.length ? small : large)(target, sink, undefined));
  await share('doc0000000001', small);
  await share('doc0000000002', large);
  await fetcher.reconcile();
  await until(() => locker.blobs.has(sha(small)), 'the small file');
  assert.deepEqual(calls.map((c) => c.request.record), ['doc0000000001']);
  assert.deepEqual(fetcher.status(await fileOf('doc0000000002')), { state: 'on-request' });
  await fetcher.fetch(await fileOf('doc0000000002'), { wait: true });
  assert.equal(await locker.blobs.has(sha(large)), true);
  assert.deepEqual(calls[1]?.request, { grant: GRANT, record: 'doc0000000002', sha256: sha(large) });
});

test('a failure waits with its code and retries when the owner connects', async (t) => {
  let fail = true;
  const { locker, fetcher, share, fileOf, connect } = await setup(t, async (target, sink) => {
    if (fail) throw new KithError('Unreachable', 'offline');
    return serves(small)(target, sink, undefined);
  });
  await share('doc0000000001', small);
  await fetcher.reconcile();
  await until(async () => fetcher.status(await fileOf('doc0000000001')).state === 'waiting' && 'error' in fetcher.status(await fileOf('doc0000000001')), 'the failure');
  const waiting = fetcher.status(await fileOf('doc0000000001'));
  assert.equal('error' in waiting ? waiting.error : undefined, 'Unreachable');
  assert.ok('retryAt' in waiting && waiting.retryAt !== undefined && new Date(waiting.retryAt).getTime() > Date.now() + 3_000);
  fail = false;
  connect(FROM);
  await until(() => locker.blobs.has(sha(small)), 'fetched after the owner connected');
});

test('a revocation cancels a fetch in progress; a fetched file is deleted when revoked', async (t) => {
  let cancelled = false;
  const { me, locker, fetcher, share, fileOf, changes } = await setup(t, (target, _sink, signal) => {
    if (target.request.record === 'doc0000000001') return serves(small)(target, _sink, undefined);
    return new Promise((_resolve, reject) => signal?.addEventListener('abort', () => {
      cancelled = true;
      reject(new KithError('Aborted', 'cancelled'));
    }));
  });
  await share('doc0000000001', small);
  await fetcher.reconcile();
  await until(() => locker.blobs.has(sha(small)), 'the first file');
  await share('doc0000000003', Buffer.from('slow one'));
  await fetcher.reconcile();
  await until(async () => fetcher.status(await fileOf('doc0000000003')).state === 'fetching', 'the slow fetch running');
  const before = changes();
  await forgetGrant(locker, me, FROM, GRANT);
  await fetcher.reconcile();
  assert.equal(cancelled, true);
  assert.equal(await locker.blobs.has(sha(small)), false, 'the fetched file is deleted');
  assert.ok(changes() > before, 'the UI is told');
});
