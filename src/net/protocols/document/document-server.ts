// The owner's side of /kith/document/1.0.0, in the order architecture.md ("Protocols")
// fixes: per-peer rate limit and concurrency cap -> bounded request read under a timeout
// -> decode -> schema -> authorization (the core decides: contact, live grant covering the
// record, current version with that hash) -> header -> the file, each write bounded by the
// progress watch. Refusals carry a stable code only. Whatever happens, the stream is closed
// or aborted before this returns.
import type { Stream } from '@libp2p/interface';
import { setTimeout as delay } from 'node:timers/promises';
import { KithError } from '../../../base/errors.ts';
import { capInboundBytes, drained, frameReader, maxFrameBytes, writeFrame } from '../framing.ts';
import { abortStream, closeGracefully } from '../stream-close.ts';
import type { PeerRateLimiter } from '../token-bucket.ts';
import { decodeRequest, errorAnswer, resultAnswer, wireCodeFor, type WireErrorCode } from '../wire.ts';
import { documentRequestSchema, type DocumentLimits, type DocumentRequest } from './document-wire.ts';
import { watchProgress } from './progress-watch.ts';

/** What the owner's core provides: the decision, and the bytes. */
export interface DocumentSource {
  /**
   * The file `remotePeer` may fetch with `request` now ({ sha256, size } of the record's
   * current version), or a KithError whose code is the answer (NotTrusted, NotFound, …).
   */
  authorize(request: DocumentRequest, remotePeer: string): Promise<{ sha256: string; size: number }>;
  /** The file's bytes, in chunks of about `chunkBytes`; may fail (e.g. Corrupt on disk). */
  open(sha256: string, chunkBytes: number): AsyncIterable<Uint8Array>;
}

/** One transfer in progress; `request` is set once it is read. */
export interface Transfer {
  readonly peer: string;
  request: DocumentRequest | undefined;
  readonly controller: AbortController;
}

/** Transfers in progress, per peer: the concurrency cap, and what a revocation re-checks. */
export class Transfers {
  readonly #active = new Set<Transfer>();

  /** A slot for `peer`, or undefined when it already has `perPeer` transfers going, or all have `max`. */
  claim(peer: string, perPeer: number, max: number): Transfer | undefined {
    let count = 0;
    for (const transfer of this.#active) if (transfer.peer === peer) count++;
    if (count >= perPeer || this.#active.size >= max) return undefined;
    const transfer: Transfer = { peer, request: undefined, controller: new AbortController() };
    this.#active.add(transfer);
    return transfer;
  }

  release(transfer: Transfer): void {
    this.#active.delete(transfer);
  }

  list(): Transfer[] {
    return [...this.#active];
  }
}

export interface DocumentServer {
  readonly source: DocumentSource;
  readonly limits: DocumentLimits;
  readonly limiter: PeerRateLimiter;
  readonly transfers: Transfers;
  /** Called after a whole file reached the holder's stream. */
  readonly onServed?: (peer: string, request: DocumentRequest, size: number) => void;
}

/** How long the holder gets to close its side once it has everything. */
const CLOSE_GRACE_MS = 5_000;
/** Time to write the header: a few bytes into a fresh stream's window. */
const HEADER_WRITE_MS = 5_000;

export async function serveDocument(server: DocumentServer, stream: Stream, remotePeer: string): Promise<void> {
  const { limits } = server;
  // The holder sends one small frame and nothing else.
  const uncap = capInboundBytes(stream, maxFrameBytes(limits.maxRequestBytes));
  // Listen from the first moment: libp2p 3 streams emit data as events.
  const reader = frameReader(stream, limits.maxRequestBytes);
  let completed = false;
  const transfer = server.limiter.take(remotePeer) ? server.transfers.claim(remotePeer, limits.maxConcurrentPerPeer, limits.maxConcurrent) : undefined;
  try {
    if (transfer === undefined) {
      completed = await answer(stream, errorAnswer('RateLimited'));
      return;
    }
    let request: DocumentRequest;
    try {
      request = parseRequest(await reader.read(AbortSignal.timeout(limits.requestTimeoutMs)));
    } catch (error) {
      await answer(stream, errorAnswer(readFailureCode(error)));
      return;
    }
    transfer.request = request;
    let file: { sha256: string; size: number };
    try {
      file = await withDeadline(server.source.authorize(request, remotePeer), limits.authorizeTimeoutMs);
      transfer.controller.signal.throwIfAborted();
    } catch (error) {
      if (!(error instanceof KithError) || error.code === 'Internal') stream.log.error('document request from %s failed: %e', remotePeer, error);
      completed = await answer(stream, errorAnswer(wireCodeFor(error)));
      return;
    }
    if (!(await answer(stream, resultAnswer({ size: file.size })))) return;
    await sendBody(stream, server.source.open(file.sha256, limits.chunkBytes), file.size, limits, transfer.controller.signal);
    completed = true;
    server.onServed?.(remotePeer, request, file.size);
  } catch (error) {
    // Cut off (stalled holder, revoked grant, reset) or a stored file whose size is not the
    // record's: the holder sees the stream reset and discards what it got.
    stream.log('document transfer to %s stopped: %e', remotePeer, error);
  } finally {
    uncap();
    if (transfer !== undefined) server.transfers.release(transfer);
    if (completed) await closeGracefully(stream, CLOSE_GRACE_MS);
    else abortStream(stream);
  }
}

/** `work`, unless `ms` pass first (a check that ignores time gets no more of it). */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KithError('Timeout', 'Deciding on the request took too long.')), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function parseRequest(bytes: Uint8Array): DocumentRequest {
  return decodeRequest(documentRequestSchema, bytes);
}

function readFailureCode(error: unknown): WireErrorCode {
  if (error instanceof KithError) return error.code;
  if (error instanceof Error && error.name === 'TimeoutError') return 'Timeout';
  return 'Protocol';
}

/** Writes one frame under its deadline; false when the holder could not take it. */
async function answer(stream: Stream, bytes: Uint8Array): Promise<boolean> {
  if (stream.writeStatus !== 'writable') return false;
  try {
    await writeFrame(stream, bytes, AbortSignal.timeout(HEADER_WRITE_MS));
    return true;
  } catch {
    return false;
  }
}

/**
 * Exactly `size` bytes from `chunks`, then our side closed. Each wait for the holder to
 * take more (yamux's window) is bounded by the progress watch, not by a total deadline.
 */
async function sendBody(stream: Stream, chunks: AsyncIterable<Uint8Array>, size: number, limits: DocumentLimits, cancel: AbortSignal): Promise<void> {
  const stalled = new AbortController();
  const watch = watchProgress(limits, (error) => stalled.abort(error));
  const signal = AbortSignal.any([stalled.signal, cancel]);
  let sent = 0;
  try {
    for await (const chunk of chunks) {
      signal.throwIfAborted();
      sent += chunk.byteLength;
      if (sent > size) throw new KithError('Corrupt', 'The stored file is larger than its record says.');
      // Past the window the bytes wait in the stream's queue, which yamux empties the moment
      // the holder opens the window again; we wait only once the queue is full.
      stream.send(chunk);
      watch.progress(chunk.byteLength);
      // Not waiting on a window, the queue is being flushed (a microtask after a drain):
      // look again shortly rather than wait for a drain that may never be needed.
      while (stream.writeBufferLength > limits.sendBufferBytes) await (stream.writableNeedsDrain ? drained(stream, signal) : delay(1));
    }
    if (sent !== size) throw new KithError('Corrupt', 'The stored file is smaller than its record says.');
    // Resolves once every queued byte is handed to the muxer (the window may have to open).
    await stream.close({ signal });
  } finally {
    watch.stop();
  }
}
