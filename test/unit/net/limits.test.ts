// The small pieces: token buckets, limit checking, protocol ids.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { KithError } from '../../../src/base/errors.ts';
import { DEFAULT_LIMITS, resolveLimits } from '../../../src/net/protocols/limits.ts';
import { assertProtocolId, protocolId } from '../../../src/net/protocols/protocol-id.ts';
import { PeerRateLimiter } from '../../../src/net/protocols/token-bucket.ts';

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
