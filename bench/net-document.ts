// Document transfer throughput: a holder fetching a 64 MiB shared document over
// /kith/document/1.0.0, against the same file moved over a bare libp2p stream between the
// same two full Kith nodes (TCP on 127.0.0.1, Noise, Yamux: one connection carries all).
// The owner runs in its own process (bench/net-document-owner.ts), the holder here.
//   subject: DocumentProtocol.fetch as the app's fetcher calls it — request, the owner's
//   authorization (contact, live grant, current version, file present), the file read
//   from the owner's blob store, sent through a bounded queue, taken in with pause-based
//   backpressure into the holder's blob store (SHA-256 checked against the signed record,
//   written, fsynced, renamed into place). Timed from the request to the file being
//   durably stored; the holder's copy is deleted between rounds.
//   baseline: a bare stream moving the same file, as `nc host port > file` would: the
//   owner reads it from its blob store (same reader, same read size) and sends it all
//   (send, onDrain, close); the holder writes whatever arrives to a file (batched writev,
//   no limit on what waits, no hash, no fsync). What the protocol adds on top of that is
//   what the ratio prices: the request and its authorization, bounded memory on both
//   ends, the integrity check and durability.
//   alongside, for context: the transport alone — the same bytes from the owner's memory
//   over a bare stream, counted and dropped by the holder (no disk on either end).
// Target: the document protocol moves at least 0.8 of the bare stream's MiB/s.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, open, rm } from 'node:fs/promises';
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
import { RAW_PROTOCOL, TRANSPORT_PROTOCOL, type OwnerInfo } from './net-document-owner.ts';

const NODE = new URL('../node_modules/.bin/node', import.meta.url).pathname;
const OWNER = new URL('./net-document-owner.ts', import.meta.url).pathname;
const SIZE = 64 * 1024 * 1024;
const ROUNDS = 5;

type Pieces = Uint8Array | Iterable<Uint8Array>;

/** Reads a bare stream to its end, handing each message to `onData`. */
async function readAll(stream: Stream, onData: (data: Pieces) => void): Promise<void> {
  const ended = new Promise<void>((resolve, reject) => {
    stream.addEventListener('message', (event) => onData(event.data));
    stream.addEventListener('close', (event) => (event.error === undefined ? resolve() : reject(event.error)), { once: true });
  });
  await stream.close();
  await ended;
}

/** Counts and drops what a bare stream brings; resolves with the bytes received. */
async function drop(stream: Stream): Promise<number> {
  let received = 0;
  await readAll(stream, (data) => {
    if (data instanceof Uint8Array) received += data.byteLength;
    else for (const piece of data) received += piece.byteLength;
  });
  return received;
}

/** Writes what a bare stream brings to `path`, one writev for all that waited; resolves with the bytes written. */
async function intoFile(stream: Stream, path: string): Promise<number> {
  const file = await open(path, 'w');
  const waiting: Uint8Array[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  let written = 0;
  const writer = (async () => {
    for (;;) {
      if (waiting.length === 0) {
        if (ended) return;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      const batch = waiting.splice(0, 1024); // IOV_MAX
      const length = batch.reduce((sum, piece) => sum + piece.byteLength, 0);
      const { bytesWritten } = await file.writev(batch);
      if (bytesWritten !== length) throw new Error(`short write: ${bytesWritten} of ${length}`);
      written += bytesWritten;
    }
  })();
  const arrived = (): void => {
    wake?.();
    wake = undefined;
  };
  try {
    await readAll(stream, (data) => {
      if (data instanceof Uint8Array) waiting.push(data);
      else for (const piece of data) waiting.push(piece);
      arrived();
    });
  } finally {
    ended = true;
    arrived();
    await writer.finally(() => file.close());
  }
  return written;
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

  const bareFile = join(dir, 'bare.bin');
  const bare = async (protocol: string, receive: (stream: Stream) => Promise<number>): Promise<number> => {
    const start = performance.now();
    const stream = await node.openStream(owner.address, protocol, { maxOutboundStreams: 4 });
    const received = await receive(stream);
    const seconds = (performance.now() - start) / 1000;
    if (received !== SIZE) throw new Error(`${protocol}: ${received} of ${SIZE} bytes`);
    await rm(bareFile, { force: true });
    return mib / seconds;
  };
  const baseline = (): Promise<number> => bare(RAW_PROTOCOL, (stream) => intoFile(stream, bareFile));
  const transport = (): Promise<number> => bare(TRANSPORT_PROTOCOL, drop);
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
    // Warm every path (JIT, yamux's window growth on this connection) before measuring.
    await baseline();
    await subject();
    await transport();
    const { baseline: file, subject: doc, alongside } = await compareRates(baseline, subject, ROUNDS, { transport });
    const alone = alongside.transport ?? { rate: NaN, rounds: [] };
    const fmt = (rounds: readonly number[]): string => rounds.map((r) => r.toFixed(0)).join(' ');
    console.log(`  rounds (MiB/s): bare stream, file to file ${fmt(file.rounds)}; document ${fmt(doc.rounds)}; transport alone ${fmt(alone.rounds)}`);
    report(`document transfer (${mib} MiB): /kith/document into the blob store vs a bare libp2p stream moving the file`, 'MiB/s', file.rate, doc.rate, { atLeast: 0.8 });
    console.log(`      for context: the transport alone (memory to nothing) ${alone.rate.toFixed(0)} MiB/s: the bare file transfer is ${(file.rate / alone.rate).toFixed(2)} of it, the document protocol ${(doc.rate / alone.rate).toFixed(2)}`);
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
