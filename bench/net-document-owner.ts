// The owner's side of bench/net-document.ts, in its own process (as a peer's node is): a
// full Kith node with a temp locker holding one document of SIZE random bytes, shared by a
// grant with the holder named on the command line (its PeerId and DID), served by the real
// document protocol (DocumentProtocol with trust/document-access.ts deciding). The same
// node serves two bare streams, written the way libp2p documents it (send; if it says
// wait, await onDrain(); close) — in libp2p 3.3 onDrain() resolves at once after the first
// drain, so a bare sender queues everything it has at once, the fastest a bare stream goes:
//   /kith/bench-raw/1.0.0: the document's file, read from the blob store with the same
//   reader and read size as the protocol (the baseline: a bare stream moving the file);
//   /kith/bench-transport/1.0.0: the same bytes from memory (the transport alone).
// Prints one JSON line, runs until stdin closes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { randomBytes } from 'node:crypto';
import type { Stream } from '@libp2p/interface';
import { newRecordId } from '../src/app/records/record-id.ts';
import { recordCredential } from '../src/app/records/record-credential.ts';
import { OwnerKey } from '../src/identity/identity.ts';
import { createKithNode } from '../src/net/node.ts';
import { DocumentProtocol } from '../src/net/protocols/document/document-protocol.ts';
import { DEFAULT_DOCUMENT_LIMITS } from '../src/net/protocols/document/document-wire.ts';
import { openLocker } from '../src/store/locker.ts';
import { getContact, saveContact } from '../src/trust/contacts.ts';
import { releasedDocument } from '../src/trust/document-access.ts';
import { createGrant } from '../src/trust/grants.ts';

export const RAW_PROTOCOL = '/kith/bench-raw/1.0.0';
export const TRANSPORT_PROTOCOL = '/kith/bench-transport/1.0.0';
/** What the baseline writes at a time: the document protocol's own read size. */
const CHUNK = DEFAULT_DOCUMENT_LIMITS.chunkBytes;

export interface OwnerInfo {
  readonly address: string;
  readonly record: string;
  readonly grant: string;
  readonly sha256: string;
  readonly size: number;
}

async function* randomChunks(size: number): AsyncGenerator<Uint8Array> {
  for (let sent = 0; sent < size; sent += CHUNK) yield randomBytes(Math.min(CHUNK, size - sent));
}

async function sendAll(stream: Stream, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<void> {
  for await (const chunk of chunks) if (!stream.send(chunk)) await stream.onDrain();
  await stream.close();
}

if (import.meta.main) {
  const [holderPeer, holderDid, sizeArg] = process.argv.slice(2);
  if (holderPeer === undefined || holderDid === undefined || sizeArg === undefined) throw new Error('usage: net-document-owner.ts PEERID DID SIZE');
  const owner = OwnerKey.generate();
  const dir = await mkdtemp(join(tmpdir(), 'kith-bench-doc-owner-'));
  const locker = await openLocker(dir, owner);
  const { sha256, size } = await locker.blobs.put(randomChunks(Number(sizeArg)));
  const id = newRecordId();
  const time = new Date().toISOString();
  const data = { name: 'bench.bin', mediaType: 'application/octet-stream', size, sha256 };
  const credential = recordCredential(owner, { id, type: 'document', version: 1, deleted: false, time, data });
  await locker.commit(owner, { records: [{ id, type: 'document', version: 1, deleted: false, time, credential }], audit: [{ kind: 'document.added', details: { recordId: id } }] });
  await saveContact(locker, owner, { peerId: holderPeer, did: holderDid, kind: 'person', addrs: [], petname: 'holder' });
  const grant = await createGrant(locker, owner, { to: { kind: 'contact', peerId: holderPeer }, records: [{ id }], purpose: 'Benchmark', terms: [] });

  const node = await createKithNode({ owner, listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false, useRelays: false, inboundConnectionThreshold: 1000 });
  const documents = new DocumentProtocol({
    node,
    source: {
      authorize: async (request, peer) => releasedDocument(locker, await getContact(locker, peer), request),
      open: (hash, chunkBytes) => locker.blobs.readUnverified(hash, { chunkBytes }),
    },
    // One holder asking back to back: lift the per-peer rate for the bench's rounds.
    limits: { rate: { perSecond: 100, burst: 100 } },
  });
  await documents.start();

  const bare = { maxInboundStreams: 4, maxOutboundStreams: 4, runOnLimitedConnection: false };
  await node.handleStream(RAW_PROTOCOL, (stream) => sendAll(stream, locker.blobs.readUnverified(sha256, { chunkBytes: CHUNK })), bare);
  const chunks: Uint8Array[] = [];
  for await (const chunk of locker.blobs.open(sha256, { chunkBytes: CHUNK })) chunks.push(chunk as Uint8Array);
  await node.handleStream(TRANSPORT_PROTOCOL, (stream) => sendAll(stream, chunks), bare);

  const info: OwnerInfo = { address: node.multiaddrs()[0] ?? '', record: id, grant: grant.id, sha256, size };
  console.log(JSON.stringify(info));
  for await (const _line of createInterface({ input: process.stdin })) {
    // Nothing to do: the parent closes stdin to stop us.
  }
  await documents.stop();
  await node.stop();
  await locker.close();
  await rm(dir, { recursive: true, force: true });
}
