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
