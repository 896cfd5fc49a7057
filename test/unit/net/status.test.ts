// What status reads from libp2p: our reachability and relays from our own addresses, and
// each connected peer from its connections: direct, or only through a relay (a circuit
// address, and limits when the relay sets them).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { multiaddr } from '@multiformats/multiaddr';
import { linksOf, reachabilityOf, relaysIn, type ConnectionShape } from '../../../src/net/status.ts';

const ANA = '12D3KooWRBy97UB99e3J6hiPesre1MZeuNQvfan4gBziswrRJsNK';
const BEN = '12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo';
const RELAY = '12D3KooWEVHnBo3Zx1xcmaFmJZC5e8Gk4T4cW1MDGMdWPv1EmCRX';

function connection(peer: string, address: string, limits?: object): ConnectionShape {
  return { remotePeer: { toString: () => peer }, remoteAddr: multiaddr(address), ...(limits === undefined ? {} : { limits }) };
}

const direct = (peer: string) => connection(peer, `/ip4/192.0.2.7/tcp/4001/p2p/${peer}`);
/** As libp2p names a relayed connection, either side: the relay's address, then the circuit. */
const relayed = (peer: string) => connection(peer, `/ip4/203.0.113.9/tcp/4001/p2p/${RELAY}/p2p-circuit/p2p/${peer}`, { bytes: 131_072n, seconds: 120 });

test('a connection over TCP is direct; one over a relay circuit is via that relay', () => {
  assert.deepEqual(linksOf([direct(ANA), relayed(BEN)]), [
    { peerId: ANA, via: 'direct' },
    { peerId: BEN, via: 'relay', relay: RELAY },
  ]);
});

test('after DCUtR both connections may be open: the peer counts as direct, in either order', () => {
  assert.deepEqual(linksOf([relayed(ANA), direct(ANA)]), [{ peerId: ANA, via: 'direct' }]);
  assert.deepEqual(linksOf([direct(ANA), relayed(ANA)]), [{ peerId: ANA, via: 'direct' }]);
});

test('a relayed connection counts as relayed with or without limits, and without a named relay', () => {
  const unlimited = connection(BEN, `/ip4/203.0.113.9/tcp/4001/p2p/${RELAY}/p2p-circuit/p2p/${BEN}`);
  assert.deepEqual(linksOf([unlimited]), [{ peerId: BEN, via: 'relay', relay: RELAY }]);
  assert.deepEqual(linksOf([connection(BEN, `/p2p-circuit/p2p/${BEN}`)]), [{ peerId: BEN, via: 'relay' }]);
  // Limits only ever come from a relay, whatever the address says.
  assert.deepEqual(linksOf([connection(BEN, '/ip4/192.0.2.8/tcp/1', { seconds: 60 })]), [{ peerId: BEN, via: 'relay' }]);
  assert.deepEqual(linksOf([]), []);
});

test('reachability reads verified public, unverified public, and private-only addresses', () => {
  const at = (text: string, verified: boolean) => ({ multiaddr: multiaddr(text), verified });
  assert.equal(reachabilityOf([at('/ip4/127.0.0.1/tcp/1', true), at('/ip4/10.0.0.2/tcp/1', true)]), 'private');
  assert.equal(reachabilityOf([at('/ip4/10.0.0.2/tcp/1', true), at('/ip4/203.0.114.7/tcp/1', false)]), 'unknown');
  assert.equal(reachabilityOf([at('/ip4/203.0.114.7/tcp/1', true)]), 'public');
  const relay = '12D3KooWRBy97UB99e3J6hiPesre1MZeuNQvfan4gBziswrRJsNK';
  const circuit = `/ip4/203.0.114.7/tcp/1/p2p/${relay}/p2p-circuit`;
  assert.equal(reachabilityOf([at(circuit, true)]), 'private', 'reachable only through a relay');
  assert.deepEqual(relaysIn([multiaddr(circuit), multiaddr('/ip4/127.0.0.1/tcp/1')]), [relay]);
});
