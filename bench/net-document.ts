// Document transfer throughput: a holder fetching a 64 MiB shared document over
// /kith/document/1.0.0, against the same bytes over a bare libp2p stream between the same
// two full Kith nodes (TCP on 127.0.0.1, Noise, Yamux: one connection carries both).
// The owner runs in its own process (bench/net-document-owner.ts), the holder here.
//   subject: DocumentProtocol.fetch as the app's fetcher calls it — request, the owner's
//   authorization (contact, live grant, current version, file present), the file read
//   from the owner's blob store (re-hashed as it is read), streamed into the holder's
//   blob store (hashed, written, fsynced, renamed into place). Timed from the request to
//   the file being durably stored; the holder's copy is deleted between rounds.
//   baseline: the owner's node sends the same bytes from memory on a bare stream (send,
//   onDrain, close: see net-document-owner.ts), in chunks of the protocol's read size; the
//   holder counts and drops them.
// Target: the document protocol moves at least 0.8 of the bare stream's MiB/s.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Stream } from '@libp2p/interface';
import { KithError } from '../src/base/errors.ts';
import { OwnerKey } from '../src/identity/identity.ts';
import { createKithNode } from '../src/net/node.ts';
import { DocumentProtocol } from '../src/net/protocols/document/document-protocol.ts';
import { openLocker } from '../src/store/locker.ts';
import { compareRates, report } from './harness.ts';
import { RAW_PROTOCOL, type OwnerInfo } from './net-document-owner.ts';

const NODE = new URL('../node_modules/.bin/node', import.meta.url).pathname;
const OWNER = new URL('./net-document-owner.ts', import.meta.url).pathname;
const SIZE = 64 * 1024 * 1024;
const ROUNDS = 5;

/** Reads a bare stream to its end; resolves with the bytes received. */
async function drain(stream: Stream): Promise<number> {
  let received = 0;
  const ended = new Promise<void>((resolve, reject) => {
    stream.addEventListener('message', (event) => (received += event.data.byteLength));
    stream.addEventListener('close', (event) => (event.error === undefined ? resolve() : reject(event.error)), { once: true });
  });
  await stream.close();
  await ended;
  return received;
}

export async function benchDocument(): Promise<void> {
  const holder = OwnerKey.generate();
  const child = spawn(NODE, [OWNER, holder.peerIdString, holder.did, String(SIZE)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const owner = JSON.parse(line) as OwnerInfo;
  const dir = await mkdtemp(join(tmpdir(), 'kith-bench-doc-holder-'));
  const locker = await openLocker(dir, holder);
  const node = await createKithNode({ owner: holder, listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false, useRelays: false });
  // Only the fetching side is used here: nothing is served, so nothing is authorized.
  const documents = new DocumentProtocol({
    node,
    source: {
      authorize: () => Promise.reject(new KithError('NotFound', 'The holder serves nothing.')),
      open: () => (async function* () {})(),
    },
  });
  const mib = SIZE / 1024 / 1024;
  const target = { request: { grant: owner.grant, record: owner.record, sha256: owner.sha256 }, size: owner.size };
  const expect = { sha256: owner.sha256, size: owner.size };

  const baseline = async (): Promise<number> => {
    const start = performance.now();
    const stream = await node.openStream(owner.address, RAW_PROTOCOL, { maxOutboundStreams: 4 });
    const received = await drain(stream);
    const seconds = (performance.now() - start) / 1000;
    if (received !== SIZE) throw new Error(`baseline: ${received} of ${SIZE} bytes`);
    return mib / seconds;
  };
  const subject = async (): Promise<number> => {
    await locker.blobs.remove(owner.sha256);
    const start = performance.now();
    const stored = await documents.fetch(owner.address, target, (body) => locker.blobs.put(body, { expect }));
    const seconds = (performance.now() - start) / 1000;
    if (stored.sha256 !== owner.sha256) throw new Error('document: wrong file');
    return mib / seconds;
  };

  try {
    await node.dial(owner.address);
    // Warm both paths (JIT, yamux's window growth on this connection) before measuring.
    await baseline();
    await subject();
    const { baseline: bare, subject: doc } = await compareRates(baseline, subject, ROUNDS);
    console.log(`  rounds (MiB/s): bare ${bare.rounds.map((r) => r.toFixed(0)).join(' ')}; document ${doc.rounds.map((r) => r.toFixed(0)).join(' ')}`);
    report(`document transfer (${mib} MiB): /kith/document into the blob store vs a bare libp2p stream`, 'MiB/s', bare.rate, doc.rate, { atLeast: 0.8 });
  } finally {
    const exited = once(child, 'exit');
    child.stdin!.end();
    await exited;
    await node.stop();
    await locker.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) await benchDocument();
