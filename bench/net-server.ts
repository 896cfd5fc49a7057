// The answering side of bench/net-connect.ts, in its own process (as a peer's node is):
// `bare` serves a one-message lpStream echo on a TCP+Noise+Yamux libp2p node; `framed`
// serves /kith/echo/1.0.0 through Kith's framing (protocols/responder.ts) on the same
// bare node; `kith` serves it on a full Kith node. Prints its address, runs until stdin
// closes.
import { createInterface } from 'node:readline';
import type { Libp2p } from '@libp2p/interface';
import { noise } from '@chainsafe/libp2p-noise';
import { yamux } from '@chainsafe/libp2p-yamux';
import { tcp } from '@libp2p/tcp';
import { lpStream } from '@libp2p/utils';
import { createLibp2p } from 'libp2p';
import { z } from 'zod';
import { OwnerKey } from '../src/identity/identity.ts';
import { createKithNode } from '../src/net/node.ts';
import { resolveLimits } from '../src/net/protocols/limits.ts';
import { respond } from '../src/net/protocols/responder.ts';
import { PeerRateLimiter } from '../src/net/protocols/token-bucket.ts';

/** Bench-only: dials arrive far faster than from any real host. */
const THRESHOLD = 100_000;

const echoSchema = z.strictObject({ text: z.string() });
// One client asking back to back: lift the per-peer rate limit for the bench.
const limits = resolveLimits({ rate: { perSecond: 1e6, burst: 1e6 } });

function bareNode(): Promise<Libp2p> {
  return createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionManager: { inboundConnectionThreshold: THRESHOLD },
  });
}

async function bare(): Promise<{ address: string; stop: () => Promise<void> }> {
  const node = await bareNode();
  await node.handle('/bench/echo/1.0.0', async (stream) => {
    const lp = lpStream(stream);
    await lp.write(await lp.read());
    await stream.close();
  });
  return { address: node.getMultiaddrs()[0]!.toString(), stop: async () => { await node.stop(); } };
}

async function framed(): Promise<{ address: string; stop: () => Promise<void> }> {
  const node = await bareNode();
  const responder = { protocol: '/kith/echo/1.0.0', schema: echoSchema, handler: (request: unknown) => request, limits, limiter: new PeerRateLimiter(limits.rate), isBlocked: () => false };
  await node.handle('/kith/echo/1.0.0', (stream, connection) => respond(responder, stream, connection.remotePeer.toString()));
  return { address: node.getMultiaddrs()[0]!.toString(), stop: async () => { await node.stop(); } };
}

async function kith(): Promise<{ address: string; stop: () => Promise<void> }> {
  const node = await createKithNode({
    owner: OwnerKey.generate(),
    listen: ['/ip4/127.0.0.1/tcp/0'],
    mdns: false,
    useRelays: false,
    inboundConnectionThreshold: THRESHOLD,
  });
  await node.handle('/kith/echo/1.0.0', (request) => request, { schema: echoSchema, limits });
  return { address: node.multiaddrs()[0]!, stop: async () => { await node.stop(); } };
}

const kinds = { bare, framed, kith };
const server = await kinds[process.argv[2] === 'kith' ? 'kith' : process.argv[2] === 'framed' ? 'framed' : 'bare']();
console.log(server.address);
for await (const _line of createInterface({ input: process.stdin })) {
  // Nothing to do: the parent closes stdin to stop us.
}
await server.stop();
