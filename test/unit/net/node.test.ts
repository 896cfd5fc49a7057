// The node facade in one process: default wiring starts and stops, the peer store
// persists across restarts and is held by one process, inputs are checked.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { z } from 'zod';
import { KithError } from '../../../src/base/errors.ts';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { createKithNode } from '../../../src/net/node.ts';
import { IDLE_MS } from '../../../src/net/protocols/kept-streams.ts';

const LOOPBACK = { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false, useRelays: false, inboundConnectionThreshold: 1000 };
const dirs: string[] = [];
after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

const isCode = (code: string) => (error: unknown) => error instanceof KithError && error.code === code;

test('with default options the node listens on TCP and WebSockets and its PeerId is the owner key', async () => {
  const owner = OwnerKey.generate();
  // mDNS on, relays on, all interfaces: as a user runs it (no multicast here is tolerated).
  const node = await createKithNode({ owner });
  try {
    assert.equal(node.peerId, owner.peerIdString);
    assert.ok(node.multiaddrs().some((address) => /\/tcp\/\d+\/p2p\//.test(address) && !address.includes('/ws')));
    assert.ok(node.multiaddrs().some((address) => address.includes('/ws/')));
    const status = node.status();
    assert.equal(status.peerId, owner.peerIdString);
    assert.ok(['private', 'unknown', 'public'].includes(status.reachability));
    assert.deepEqual([status.relays, status.connectedPeers, status.openStreams], [[], [], 0]);
  } finally {
    await node.stop();
  }
});

test('the peer store persists: after a restart a peer is reached by its PeerId alone', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kith-net-'));
  dirs.push(dir);
  const owner = OwnerKey.generate();
  const server = await createKithNode({ owner: OwnerKey.generate(), ...LOOPBACK });
  await server.handle('/kith/echo/1.0.0', (request) => request, { schema: z.object({ text: z.string() }) });
  try {
    const first = await createKithNode({ owner, ...LOOPBACK, peerStoreDir: dir });
    await assert.rejects(createKithNode({ owner, ...LOOPBACK, peerStoreDir: dir }), isCode('Locked'));
    await first.request(server.multiaddrs()[0]!, '/kith/echo/1.0.0', { text: 'hi' });
    assert.deepEqual(first.status().links, [{ peerId: server.peerId, via: 'direct' }], 'a loopback TCP connection is direct');
    await first.stop();
    const second = await createKithNode({ owner, ...LOOPBACK, peerStoreDir: dir });
    try {
      assert.deepEqual(await second.request(server.peerId, '/kith/echo/1.0.0', { text: 'remembered' }), { text: 'remembered' });
    } finally {
      await second.stop();
    }
  } finally {
    await server.stop();
  }
});

test('bad protocol ids, peers and a blocked target are refused before any network', async () => {
  const node = await createKithNode({ owner: OwnerKey.generate(), ...LOOPBACK, isBlocked: (peer) => peer === blockedPeer });
  const blockedPeer = OwnerKey.generate().peerIdString;
  try {
    await assert.rejects(node.handle('/echo/1.0.0', () => null, { schema: z.unknown() }), isCode('InvalidInput'));
    await assert.rejects(node.request(blockedPeer, '/kith/x/1.0.0', {}), isCode('NotTrusted'));
    await assert.rejects(node.request('not-a-peer', '/kith/x/1.0.0', {}), isCode('InvalidInput'));
    await assert.rejects(node.request('/ip4/999.1.1.1/tcp/1', '/kith/x/1.0.0', {}), isCode('InvalidInput'));
    await assert.rejects(node.request(OwnerKey.generate().peerIdString, '/kith/x/1.0.0', {}, { timeoutMs: 1500 }), (error) => error instanceof KithError && ['Timeout', 'Unreachable'].includes(error.code));
  } finally {
    await node.stop();
  }
});

test('a protocol with several requests per stream keeps one stream per peer, opens another for a concurrent request, and recovers when the peer drops it', async () => {
  const server = await createKithNode({ owner: OwnerKey.generate(), ...LOOPBACK });
  const client = await createKithNode({ owner: OwnerKey.generate(), ...LOOPBACK });
  const protocol = '/kith/kept/1.0.0';
  const slowly = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  // The server waits 600 ms at most between requests on a stream (its read timeout).
  const limits = { requestsPerStream: 10, readTimeoutMs: 600 };
  await server.handle(
    protocol,
    async (request: { text: string; wait?: number }) => {
      if (request.wait !== undefined) await slowly(request.wait);
      return request.text;
    },
    { schema: z.object({ text: z.string(), wait: z.number().optional() }), limits },
  );
  // The asking side learns the protocol's limits by registering it too.
  await client.handle(protocol, () => null, { schema: z.unknown(), limits });
  try {
    await client.dial(server.multiaddrs()[0]!);
    for (const text of ['a', 'b', 'c']) assert.equal(await client.request(server.peerId, protocol, { text }), text);
    assert.equal(client.status().openStreams, 1, 'one stream carried all three');
    const both = await Promise.all([client.request(server.peerId, protocol, { text: 'x', wait: 100 }), client.request(server.peerId, protocol, { text: 'y', wait: 100 })]);
    assert.deepEqual(both, ['x', 'y']);
    assert.equal(client.status().openStreams, 2, 'a concurrent request took a second stream; both are kept');
    // Past the server's wait it cuts the idle streams off; the next request opens a new one.
    await slowly(1000);
    assert.equal(await client.request(server.peerId, protocol, { text: 'again' }), 'again');
  } finally {
    await client.stop();
    await server.stop();
  }
});

test('a kept stream is closed by the asking side once idle, before the serving side would cut it off', async () => {
  const server = await createKithNode({ owner: OwnerKey.generate(), ...LOOPBACK });
  const client = await createKithNode({ owner: OwnerKey.generate(), ...LOOPBACK });
  const protocol = '/kith/kept/1.0.0';
  await server.handle(protocol, (request) => request, { schema: z.unknown(), limits: { requestsPerStream: 10 } });
  try {
    // A node that does not serve the protocol says how to ask on it.
    assert.equal(await client.request(server.multiaddrs()[0]!, protocol, 'hi', { requestsPerStream: 10 }), 'hi');
    assert.equal(client.status().openStreams, 1);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS + 500));
    assert.equal(client.status().openStreams, 0);
    assert.equal(server.status().openStreams, 0, 'closed cleanly on both sides');
  } finally {
    await client.stop();
    await server.stop();
  }
});
