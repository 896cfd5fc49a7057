// The small pieces: token buckets, limit checking, protocol ids, reachability.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { multiaddr } from '@multiformats/multiaddr';
import { KithError } from '../../../src/base/errors.ts';
import { DEFAULT_LIMITS, resolveLimits } from '../../../src/net/protocols/limits.ts';
import { assertProtocolId, protocolId } from '../../../src/net/protocols/protocol-id.ts';
import { PeerRateLimiter } from '../../../src/net/protocols/token-bucket.ts';
import { reachabilityOf, relaysIn } from '../../../src/net/status.ts';

test('a token bucket allows its burst, then refills at its rate, per peer', () => {
  let now = 0;
  const limiter = new PeerRateLimiter({ perSecond: 2, burst: 3 }, () => now);
  assert.deepEqual([1, 2, 3, 4].map(() => limiter.take('a')), [true, true, true, false]);
  assert.equal(limiter.take('b'), true, 'another peer has its own bucket');
  now += 500; // one token back
  assert.deepEqual([limiter.take('a'), limiter.take('a')], [true, false]);
  now += 60_000;
  assert.deepEqual([1, 2, 3, 4].map(() => limiter.take('a')), [true, true, true, false], 'never more than the burst');
});

test('limits default sensibly and refuse nonsense', () => {
  assert.equal(resolveLimits().maxRequestBytes, DEFAULT_LIMITS.maxRequestBytes);
  assert.equal(resolveLimits({ rate: { perSecond: 1, burst: 2 } }).rate.burst, 2);
  for (const bad of [{ maxRequestBytes: 0 }, { readTimeoutMs: -1 }, { maxInboundStreams: 1.5 }, { maxResponseBytes: 2 ** 40 }]) {
    assert.throws(() => resolveLimits(bad), (error) => error instanceof KithError && error.code === 'InvalidInput');
  }
});

test('protocol ids are /kith/<name>/<semver>', () => {
  assert.equal(protocolId('echo'), '/kith/echo/1.0.0');
  for (const bad of ['/ipfs/ping/1.0.0', '/kith/Echo/1.0.0', '/kith/echo', '/kith/echo/1.0.0/x', '/kith//1.0.0']) {
    assert.throws(() => assertProtocolId(bad), (error) => error instanceof KithError && error.code === 'InvalidInput');
  }
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
