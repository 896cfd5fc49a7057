// The holder side of bench/net-fanout.ts and bench/net-catchup.ts, in its own process (as
// a peer's node is): `node net-holder.ts COUNT OWNER_PEER_ID OWNER_DID RECEIPT_BYTES`
// starts COUNT full Kith nodes, each with its own key and its own temp locker, serving
// the real share protocol (startShareProtocol) with the owner as their one contact; the
// same framing with no holder work on /kith/bench-ack/1.0.0 (for the breakdown); and for
// the baselines, two raw TCP servers (node:net) per holder speaking length-prefixed JSON
// frames: one does the holder's real work on each frame (receiveDeliveries: the same
// checks, countersigning and commit as the share protocol, on the same locker) and
// answers with its result; the other only answers with a frame of RECEIPT_BYTES. Prints
// one JSON line [{ address, did, peerId, workPort, echoPort }], then serves until stdin
// closes. A line `reset` on stdin gives every holder a fresh empty locker (answered `ok`).
//
// Bench-only: SHARE_LIMITS' per-peer rate limit (50/s, burst 200) is lifted here, as
// bench/net-server.ts does for its echo: the fan-out sends hundreds of updates a second
// to each holder, far more than a person's edits.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { OwnerKey } from '../src/identity/identity.ts';
import { createKithNode, type KithNode } from '../src/net/node.ts';
import { SHARE_LIMITS, receiveDeliveries, shareRequestSchema, startShareProtocol } from '../src/net/protocols/share/share-protocol.ts';
import { openLocker, type Locker } from '../src/store/locker.ts';
import type { Contact } from '../src/trust/contacts.ts';
import { SharedCredentialChecker } from '../src/trust/shared-credential-checker.ts';
import { lockerHoldings } from '../src/trust/holdings.ts';

const ACK_PROTOCOL = '/kith/bench-ack/1.0.0';

SHARE_LIMITS.rate.perSecond = 1e6;
SHARE_LIMITS.rate.burst = 1e6;

const [countArg, ownerPeer, ownerDid, receiptBytesArg] = process.argv.slice(2);
const count = Number(countArg);
const receiptBytes = Number(receiptBytesArg);
const ownerContact: Contact = { peerId: ownerPeer!, did: ownerDid!, petname: 'owner', kind: 'person', addrs: [], added: new Date().toISOString() } as Contact;

interface Holder {
  readonly key: OwnerKey;
  readonly node: KithNode;
  /** Its share protocol's worker threads, as a Kith node's own (src/app/network.ts). */
  readonly checker: SharedCredentialChecker;
  locker: Locker;
  dir: string;
  readonly work: Server;
  readonly echo: Server;
}

async function freshLocker(key: OwnerKey): Promise<{ locker: Locker; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'kith-bench-holder-'));
  return { locker: await openLocker(dir, key), dir };
}

function frame(body: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(body.length, 0);
  return Buffer.concat([header, body]);
}

/**
 * A frame is a 4-byte big-endian length and that many bytes; `answer` turns each frame
 * into the answer frame's body. Frames on one socket are answered in order.
 */
function rawServer(answer: (frame: Buffer) => Promise<Buffer> | Buffer): Promise<Server> {
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    let buffered: Buffer = Buffer.alloc(0);
    let answering = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      while (buffered.length >= 4 && buffered.length >= 4 + buffered.readUInt32BE(0)) {
        const body = buffered.subarray(4, 4 + buffered.readUInt32BE(0));
        buffered = buffered.subarray(4 + body.length);
        answering = answering.then(async () => void socket.write(frame(await answer(body))));
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function startHolder(): Promise<Holder> {
  const key = OwnerKey.generate();
  const node = await createKithNode({ owner: key, listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false, useRelays: false, inboundConnectionThreshold: 100_000 });
  const echoed = Buffer.alloc(receiptBytes, 0x61);
  const holder: Holder = {
    key,
    node,
    checker: new SharedCredentialChecker(),
    ...(await freshLocker(key)),
    // The same work as the share protocol's handler, minus libp2p: parse, check, keep, answer.
    work: await rawServer(async (body) => {
      const request = shareRequestSchema.parse(JSON.parse(body.toString('utf8')));
      if (request.type !== 'deliver') throw new Error('the bench sends deliveries only');
      return Buffer.from(JSON.stringify(await receiveDeliveries(holder.locker, key, ownerContact, request, holder.checker)));
    }),
    echo: await rawServer(() => echoed),
  };
  await startShareProtocol({
    node,
    holdings: async () => lockerHoldings(holder.locker, () => key),
    signer: () => key,
    contact: async (peer) => (peer === ownerPeer ? ownerContact : undefined),
    onChange: () => undefined,
    checker: holder.checker,
  });
  // For the breakdown only: the same request and framing, no holder work (answers with
  // the owner's receipt as it came, one proof short of a countersigned one).
  await node.handle(ACK_PROTOCOL, (request) => ({ results: [{ status: 'stored' }], receipts: request.type === 'deliver' ? request.receipts : [] }), {
    schema: shareRequestSchema,
    limits: SHARE_LIMITS,
  });
  return holder;
}

const holders: Holder[] = [];
for (let i = 0; i < count; i++) holders.push(await startHolder());
console.log(
  JSON.stringify(
    holders.map((h) => ({ address: h.node.multiaddrs()[0], did: h.key.did, peerId: h.key.peerIdString, workPort: (h.work.address() as { port: number }).port, echoPort: (h.echo.address() as { port: number }).port })),
  ),
);

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === 'reset') {
    for (const h of holders) {
      const old = { locker: h.locker, dir: h.dir };
      Object.assign(h, await freshLocker(h.key));
      await old.locker.close();
      await rm(old.dir, { recursive: true, force: true });
    }
    console.log('ok');
  }
}
for (const h of holders) {
  h.work.close();
  h.echo.close();
  await h.node.stop();
  await h.checker.close();
  await h.locker.close();
  await rm(h.dir, { recursive: true, force: true });
}
