// Per-protocol bounds. Every Kith protocol registers with these (architecture.md,
// "Protocols": bounded reads, a timeout on everything, maxInbound/OutboundStreams), and
// may tighten or loosen them for its own messages.
import { KithError } from '../../base/errors.ts';

export interface RateLimit {
  /** Tokens added per second: the sustained requests per second one peer may make. */
  readonly perSecond: number;
  /** Bucket size: how many requests one peer may make in a burst. */
  readonly burst: number;
}

export interface ProtocolLimits {
  /** Largest request body, bytes (JSON, before the length prefix). */
  readonly maxRequestBytes: number;
  /** Largest response body, bytes. */
  readonly maxResponseBytes: number;
  /** Time allowed to receive the whole request once the stream is open. */
  readonly readTimeoutMs: number;
  /** Time the handler (the core) gets to answer. */
  readonly handlerTimeoutMs: number;
  /** Time allowed to write the answer (a peer that does not read stalls the write). */
  readonly writeTimeoutMs: number;
  /** Concurrent streams of this protocol per connection (libp2p registrar limits). */
  readonly maxInboundStreams: number;
  readonly maxOutboundStreams: number;
  /** Requests per peer, as a token bucket. */
  readonly rate: RateLimit;
  /**
   * Requests one stream may carry, one at a time (1: a stream per request). Above 1 the
   * asking side keeps the stream open for its next request to that peer, which saves a
   * stream opening and a protocol negotiation round trip per request (libp2p 3 does not
   * negotiate optimistically): worth it for a protocol a node calls in bursts, like
   * /kith/share. Between requests the serving side waits `readTimeoutMs` at most.
   */
  readonly requestsPerStream: number;
  /**
   * Whether the protocol runs over relayed ("limited") connections. Circuit relay v2
   * relays cap such connections (by default 2 minutes and 128 KiB: libp2p specs,
   * relay/circuit-v2.md, "Reservation"), so only small request/response protocols
   * should say yes; Kith's do, since NAT'd nodes are reachable only that way.
   */
  readonly runOnLimitedConnection: boolean;
}

export const DEFAULT_LIMITS: ProtocolLimits = Object.freeze({
  // A record version is at most 64 KiB (README, record fields); a request carries one
  // credential plus a little envelope.
  maxRequestBytes: 96 * 1024,
  // The largest credential document Kith accepts is 1 MiB (README, "Credentials").
  maxResponseBytes: 1024 * 1024,
  // One message over loopback or a relay takes milliseconds; 10 s tolerates a slow
  // mobile link while cutting off a peer that trickles bytes (slowloris) quickly
  // compared to yamux's 120 s idle timeout (environment.md item 2).
  readTimeoutMs: 10_000,
  handlerTimeoutMs: 15_000,
  writeTimeoutMs: 10_000,
  // Request/response needs one stream per request; a handful in flight per connection is
  // plenty, far below libp2p's default of 32 inbound / 64 outbound.
  maxInboundStreams: 8,
  maxOutboundStreams: 16,
  rate: Object.freeze({ perSecond: 10, burst: 20 }),
  requestsPerStream: 1,
  runOnLimitedConnection: true,
});

/** The limits for a protocol: the defaults with `overrides` applied, each checked. */
export function resolveLimits(overrides: Partial<ProtocolLimits> = {}): ProtocolLimits {
  const limits: ProtocolLimits = { ...DEFAULT_LIMITS, ...overrides, rate: { ...DEFAULT_LIMITS.rate, ...overrides.rate } };
  const counts = [
    limits.maxRequestBytes,
    limits.maxResponseBytes,
    limits.readTimeoutMs,
    limits.handlerTimeoutMs,
    limits.writeTimeoutMs,
    limits.maxInboundStreams,
    limits.maxOutboundStreams,
    limits.rate.burst,
    limits.requestsPerStream,
  ];
  // 2^31 keeps every size well inside a varint the reader accepts and a safe timer value.
  if (!counts.every((n) => Number.isSafeInteger(n) && n > 0 && n < 2 ** 31) || !(limits.rate.perSecond > 0)) {
    throw new KithError('InvalidInput', 'Protocol limits must be positive integers (and a positive rate).');
  }
  return Object.freeze(limits);
}
