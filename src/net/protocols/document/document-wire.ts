// /kith/document/1.0.0 — a holder fetches the file of a document record shared with it.
//
//   holder -> owner   one frame: { grant, record, sha256 }   (JSON, at most 512 bytes), then
//                     the holder closes its write side
//   owner  -> holder  one frame: { result: { size } } or { error: { code } } (wire.ts), then,
//                     after a result, exactly `size` raw bytes of the file, then close
//
// The body is not framed again: yamux already frames and flow-controls it (its receive
// window is the backpressure), and the holder needs no boundaries — it counts bytes against
// the size it was promised in the signed record and checks the SHA-256 at the end. A body
// cut short, too long or with other bytes is refused whole.
import { z } from 'zod';
import { KithError } from '../../../base/errors.ts';
import { protocolId } from '../protocol-id.ts';
import type { RateLimit } from '../limits.ts';

export const DOCUMENT_PROTOCOL = protocolId('document');

/** The holder's request: which grant lets it ask, which record, which version's file. */
export const documentRequestSchema = z.strictObject({
  grant: z.string().regex(/^g[a-f0-9]{16}$/),
  record: z.string().regex(/^[a-z0-9]{8,64}$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type DocumentRequest = z.output<typeof documentRequestSchema>;

/** A document may be as large as a bundle part (bundle-format.ts: 16 GiB). */
export const MAX_DOCUMENT_BYTES = 16 * 1024 ** 3;

export const documentHeaderSchema = z.strictObject({ size: z.number().int().nonnegative().max(MAX_DOCUMENT_BYTES) });
export type DocumentHeader = z.output<typeof documentHeaderSchema>;

export interface DocumentLimits {
  /** The request frame's body; three short ids in JSON need ~150 bytes. */
  readonly maxRequestBytes: number;
  /** The answer frame before the body ({"result":{"size":N}} or an error code). */
  readonly maxHeaderBytes: number;
  /** Owner: time the holder gets to send its request once the stream is open. */
  readonly requestTimeoutMs: number;
  /** Owner: time the core gets to decide (authorize); a stuck check answers Timeout. */
  readonly authorizeTimeoutMs: number;
  /** Holder: time the owner gets to answer the request (it checks its locker first). */
  readonly headerTimeoutMs: number;
  /**
   * Either side: the transfer must make progress in every window of this length, or it is
   * cut off. Per window, not for the whole file — a large file on a slow link may take
   * hours — but a peer that stops, or trickles less than `minBytesPerWindow`, is dropped.
   */
  readonly idleTimeoutMs: number;
  readonly minBytesPerWindow: number;
  /** Owner: fetches started per peer, as a token bucket. */
  readonly rate: RateLimit;
  /** Owner: transfers to one peer at the same time (more are answered RateLimited). */
  readonly maxConcurrentPerPeer: number;
  /** Owner: transfers to all peers at the same time (bounds the memory they take). */
  readonly maxConcurrent: number;
  /** libp2p stream limits per connection for this protocol. */
  readonly maxInboundStreams: number;
  readonly maxOutboundStreams: number;
  /** Owner: bytes read from disk at a time and handed to the stream. */
  readonly chunkBytes: number;
  /**
   * Owner: bytes kept queued in the stream beyond what yamux's window lets out, so that
   * each window update is answered at once from the queue rather than after a disk read.
   */
  readonly sendBufferBytes: number;
  /** Holder: received bytes waiting for the disk above which the stream is paused. */
  readonly pauseAboveBytes: number;
}

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = Object.freeze({
  maxRequestBytes: 512,
  maxHeaderBytes: 256,
  requestTimeoutMs: 5_000,
  authorizeTimeoutMs: 10_000,
  headerTimeoutMs: 15_000,
  // Far below yamux's 120 s stream idle timeout; long enough for a congested mobile link.
  idleTimeoutMs: 20_000,
  // 16 KiB per 20 s is 0.8 KiB/s: slower than any real link, faster than a slowloris.
  minBytesPerWindow: 16 * 1024,
  rate: Object.freeze({ perSecond: 1, burst: 10 }),
  maxConcurrentPerPeer: 2,
  // Each takes at most sendBufferBytes + two chunks (~6 MiB) of the owner's memory.
  maxConcurrent: 8,
  maxInboundStreams: 4,
  maxOutboundStreams: 4,
  // Measured with bench/net-document.ts: with 1 MiB reads and 4 MiB queued ahead of
  // yamux's window the protocol alone (no hashing, no disk) moves 0.9–1.0 of a bare
  // stream's rate; 128–512 KiB reads measured slower.
  chunkBytes: 1024 * 1024,
  sendBufferBytes: 4 * 1024 * 1024,
  pauseAboveBytes: 4 * 1024 * 1024,
});

export function resolveDocumentLimits(overrides: Partial<DocumentLimits> = {}): DocumentLimits {
  const limits: DocumentLimits = { ...DEFAULT_DOCUMENT_LIMITS, ...overrides, rate: { ...DEFAULT_DOCUMENT_LIMITS.rate, ...overrides.rate } };
  const counts = [
    limits.maxRequestBytes,
    limits.maxHeaderBytes,
    limits.requestTimeoutMs,
    limits.authorizeTimeoutMs,
    limits.headerTimeoutMs,
    limits.idleTimeoutMs,
    limits.minBytesPerWindow,
    limits.maxConcurrentPerPeer,
    limits.maxConcurrent,
    limits.maxInboundStreams,
    limits.maxOutboundStreams,
    limits.chunkBytes,
    limits.sendBufferBytes,
    limits.pauseAboveBytes,
    limits.rate.burst,
  ];
  if (!counts.every((n) => Number.isSafeInteger(n) && n > 0 && n < 2 ** 31) || !(limits.rate.perSecond > 0)) {
    throw new KithError('InvalidInput', 'Document protocol limits must be positive integers (and a positive rate).');
  }
  return Object.freeze(limits);
}
