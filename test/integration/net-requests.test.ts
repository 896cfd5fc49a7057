// Kith nodes in separate processes on 127.0.0.1: requests and answers, errors as stable
// codes, the block list both ways, and a node reachable only through a relay.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { z } from 'zod';
import { KithError } from '../../src/base/errors.ts';
import { OwnerKey } from '../../src/identity/identity.ts';
import { createKithNode, type KithNode } from '../../src/net/node.ts';
import { PeerError } from '../../src/net/protocols/wire.ts';
import { spawnNode, type NodeProcess } from './fixtures/spawn-node.ts';

const LOOPBACK = { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false, useRelays: false, dhtPrivateAddresses: true, inboundConnectionThreshold: 1000 };
const answerSchema = z.object({ text: z.string(), from: z.string() });

let server: NodeProcess;
const clients: KithNode[] = [];

async function client(): Promise<KithNode> {
  const node = await createKithNode({ owner: OwnerKey.generate(), ...LOOPBACK });
  clients.push(node);
  return node;
}

before(async () => {
  server = await spawnNode({ listen: ['/ip4/127.0.0.1/tcp/0', '/ip4/127.0.0.1/tcp/0/ws'] });
});

after(async () => {
  await Promise.all(clients.map((node) => node.stop()));
  await server?.kill();
});

test('a request over TCP and over WebSockets is answered, and the peer sees our PeerId', async () => {
  const alice = await client();
  const ws = server.addresses.find((address) => address.includes('/ws/'));
  assert.ok(ws !== undefined);
  for (const address of [server.tcp(), ws]) {
    const answer = await alice.request(address, '/kith/echo/1.0.0', { text: 'hello' }, { responseSchema: answerSchema });
    assert.deepEqual(answer, { text: 'hello', from: alice.peerId });
    await alice.disconnect(server.peerId);
  }
  // Known now: the PeerId alone is enough (the peer store has its addresses).
  assert.equal((await alice.request(server.peerId, '/kith/echo/1.0.0', { text: 'again' }, { responseSchema: answerSchema })).text, 'again');
});

test('errors cross as stable codes: schema-invalid input, an unknown protocol, a rate limit', async () => {
  const bob = await client();
  await assert.rejects(bob.request(server.tcp(), '/kith/echo/1.0.0', { text: 42 }), (error) => error instanceof PeerError && error.code === 'InvalidInput');
  await assert.rejects(bob.request(server.tcp(), '/kith/nothing/1.0.0', {}), (error) => error instanceof KithError && error.code === 'Unsupported');
  const codes: string[] = [];
  for (let i = 0; i < 5; i++) {
    codes.push(await bob.request(server.tcp(), '/kith/echo-limited/1.0.0', { text: 'x' }).then(() => 'ok', (error: KithError) => (error instanceof PeerError ? error.peerCode : error.code)));
  }
  assert.deepEqual(codes, ['ok', 'ok', 'ok', 'RateLimited', 'RateLimited']);
  // The limit is per peer: another peer is still served.
  assert.ok(await (await client()).request(server.tcp(), '/kith/echo-limited/1.0.0', { text: 'x' }));
});

test('a blocked peer can neither connect nor be dialled, and others are still served', async () => {
  const mallory = await client();
  await server.command({ cmd: 'block', peer: mallory.peerId });
  await assert.rejects(mallory.request(server.tcp(), '/kith/echo/1.0.0', { text: 'let me in' }, { timeoutMs: 10_000 }), KithError);
  assert.ok(!(await server.status()).connectedPeers.includes(mallory.peerId));
  const outbound = await server.command({ cmd: 'request', peer: mallory.peerId, protocol: '/kith/echo/1.0.0', message: { text: 'x' } });
  assert.deepEqual([outbound.ok, outbound.code], [false, 'NotTrusted']);
  const carol = await client();
  assert.equal((await carol.request(server.tcp(), '/kith/echo/1.0.0', { text: 'fine' }, { responseSchema: answerSchema })).text, 'fine');
});

test('a node reachable only through a relay still answers', async () => {
  const relay = await spawnNode({ listen: ['/ip4/127.0.0.1/tcp/0'], relayServer: true });
  const target = await spawnNode({ listen: [`${relay.tcp()}/p2p-circuit`], waitForCircuit: true });
  try {
    const circuit = target.addresses.find((address) => address.includes('/p2p-circuit'));
    assert.ok(circuit !== undefined && circuit.startsWith(relay.tcp()), `target listens through the relay: ${target.addresses.join(' ')}`);
    assert.ok(!target.addresses.some((address) => !address.includes('/p2p-circuit')), 'the target has no direct address');
    assert.deepEqual((await target.status()).relays, [relay.peerId]);
    const dave = await client();
    const answer = await dave.request(circuit, '/kith/echo/1.0.0', { text: 'via relay' }, { responseSchema: answerSchema, timeoutMs: 20_000 });
    assert.deepEqual(answer, { text: 'via relay', from: dave.peerId });
  } finally {
    await Promise.all([target.kill(), relay.kill()]);
  }
});
