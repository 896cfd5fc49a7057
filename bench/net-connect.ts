// Connect plus the first answered request. The answering node runs in its own process
// (bench/net-server.ts), as a peer's node does; the asking node runs here; TCP on
// 127.0.0.1. Each operation dials a fresh connection (TCP, Noise, Yamux) and does one
// request/response; the hang-up after it is not timed.
//   baseline: bare libp2p (TCP, Noise, Yamux only), one lpStream round trip.
//   1. Kith framing on the same bare nodes: limits, timeouts, rate limiting, schema
//      check, JSON envelope, graceful close (protocols/requester.ts, responder.ts).
//   2. Full Kith nodes as users run them: the framing plus identify, ping, DHT client,
//      AutoNAT, DCUtR and the relay transport, which all start on a new connection.
// Target for both: at most 1.5 times the baseline's time per operation.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { noise } from '@chainsafe/libp2p-noise';
import { yamux } from '@chainsafe/libp2p-yamux';
import { tcp } from '@libp2p/tcp';
import { lpStream } from '@libp2p/utils';
import { multiaddr } from '@multiformats/multiaddr';
import { createLibp2p } from 'libp2p';
import { OwnerKey } from '../src/identity/identity.ts';
import { createKithNode } from '../src/net/node.ts';
import { exchange } from '../src/net/protocols/requester.ts';
import { compareRates, report } from './harness.ts';

const NODE = new URL('../node_modules/.bin/node', import.meta.url).pathname;
const SERVER = new URL('./net-server.ts', import.meta.url).pathname;
const MESSAGE = { text: 'hello, kith' };
const ROUND_MS = 1500;

/** Starts bench/net-server.ts and returns its address and the child. */
async function server(kind: 'bare' | 'framed' | 'kith'): Promise<{ address: string; child: ChildProcess }> {
  const child = spawn(NODE, [SERVER, kind], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return { address: line, child };
}

/**
 * Operations per second of `connectAndAsk`, timing only it: the hang-up that follows
 * each operation (so the next one dials afresh) is outside the measured time, since
 * closing waits on whatever the connection still carries (identify, for Kith).
 */
async function rateOfFirstAnswers(connectAndAsk: () => Promise<void>, hangUp: () => Promise<void>, ms = ROUND_MS): Promise<number> {
  let timed = 0;
  let done = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    const before = performance.now();
    await connectAndAsk();
    timed += performance.now() - before;
    done++;
    await hangUp();
  }
  return (done * 1000) / timed;
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.stdin!.end();
  await exited;
}

function peerOf(address: string): string {
  return multiaddr(address).getComponents().findLast((component) => component.name === 'p2p')!.value!;
}

export async function benchConnect(): Promise<void> {
  const [bareServer, framedServer, kithServer] = await Promise.all([server('bare'), server('framed'), server('kith')]);
  const bareClient = await createLibp2p({ transports: [tcp()], connectionEncrypters: [noise()], streamMuxers: [yamux()] });
  const kithClient = await createKithNode({ owner: OwnerKey.generate(), listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false, useRelays: false });
  const bareTarget = multiaddr(bareServer.address);
  const framedTarget = multiaddr(framedServer.address);
  const encoded = new TextEncoder().encode(JSON.stringify(MESSAGE));
  const limits = { maxRequestBytes: 1024, maxResponseBytes: 1024 };
  const echoed = (answer: unknown) => {
    if (JSON.stringify(answer) !== JSON.stringify(MESSAGE)) throw new Error('wrong echo');
  };

  const baseline = () =>
    rateOfFirstAnswers(
      async () => {
        const stream = await bareClient.dialProtocol(bareTarget, '/bench/echo/1.0.0');
        const lp = lpStream(stream);
        await lp.write(encoded);
        await stream.close();
        if ((await lp.read()).byteLength !== encoded.byteLength) throw new Error('baseline: wrong echo');
      },
      () => bareClient.hangUp(bareTarget),
    );
  const framed = () =>
    rateOfFirstAnswers(
      async () => {
        const stream = await bareClient.dialProtocol(framedTarget, '/kith/echo/1.0.0');
        echoed(await exchange(stream, MESSAGE, limits, AbortSignal.timeout(10_000)));
      },
      () => bareClient.hangUp(framedTarget),
    );
  const kith = () =>
    rateOfFirstAnswers(
      async () => echoed(await kithClient.request(kithServer.address, '/kith/echo/1.0.0', MESSAGE)),
      () => kithClient.disconnect(peerOf(kithServer.address)),
    );

  try {
    // Warm every path (JIT, first dials) before measuring.
    for (const warm of [baseline, framed, kith]) await warm();
    // Reported as time per operation (ms), so a ratio reads "takes N times as long".
    const one = await compareRates(baseline, framed);
    report('connect + first request: Kith framing vs bare lpStream (same bare nodes)', 'ms/op', 1000 / one.baseline.rate, 1000 / one.subject.rate, { atMost: 1.5 });
    const two = await compareRates(baseline, kith);
    report('connect + first request: full Kith node vs bare libp2p', 'ms/op', 1000 / two.baseline.rate, 1000 / two.subject.rate, { atMost: 1.5 });
  } finally {
    await Promise.all([bareClient.stop(), kithClient.stop(), ...[bareServer, framedServer, kithServer].map((s) => stopServer(s.child))]);
  }
}

if (import.meta.main) await benchConnect();
