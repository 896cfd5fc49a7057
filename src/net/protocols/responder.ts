// The inbound side of a Kith request/response protocol, in the order architecture.md
// ("Protocols") fixes: bounded read under a timeout -> rate limit -> decode -> schema
// check -> the protocol's handler (which does its own signature and signer checks with
// the remote PeerId it is given) -> one answer -> close, or, for a protocol that keeps
// streams (limits.requestsPerStream), the next request on the same stream. Whatever
// happens, the stream is closed or aborted before this returns, and the peer sees only a
// stable code.
import type { Stream } from '@libp2p/interface';
import type { z } from 'zod';
import { KithError } from '../../base/errors.ts';
import { capInboundBytes, frameReader, maxFrameBytes, writeFrame, type FrameReader } from './framing.ts';
import type { ProtocolLimits } from './limits.ts';
import { abortStream, closeGracefully } from './stream-close.ts';
import type { PeerRateLimiter } from './token-bucket.ts';
import { decodeRequest, errorAnswer, resultAnswer, wireCodeFor, type WireErrorCode } from './wire.ts';

export interface RequestContext {
  /** The remote PeerId (12D3KooW…), authenticated by Noise: the same key as its did:key. */
  readonly remotePeer: string;
  readonly protocol: string;
  /** Aborts when the handler's time is up; pass it on to anything slow. */
  readonly signal: AbortSignal;
}

/** A protocol's handler: gets the schema-checked request, returns the JSON-able result. */
export type RequestHandler<T> = (request: T, context: RequestContext) => unknown;

export interface Responder<S extends z.ZodType> {
  readonly protocol: string;
  readonly schema: S;
  readonly handler: RequestHandler<z.output<S>>;
  readonly limits: ProtocolLimits;
  readonly limiter: PeerRateLimiter;
  /** The owner's block list, consulted again per stream (the gater only sees new connections). */
  readonly isBlocked: (peer: string) => boolean;
}

/** How long a peer gets to close its side after our answer before the stream is aborted. */
const CLOSE_GRACE_MS = 2_000;

/** After one request: wait for the next on this stream, or end it cleanly, or cut it off. */
type Next = 'next' | 'close' | 'abort';

export async function respond<S extends z.ZodType>(responder: Responder<S>, stream: Stream, remotePeer: string): Promise<void> {
  const { limits } = responder;
  // Listen from the first moment: libp2p 3 streams emit data as events, lost if unheard.
  const reader = frameReader(stream, limits.maxRequestBytes);
  // Per request: its frame plus, on a kept stream, at most the asker's next one.
  const maxBytesPerRequest = (limits.requestsPerStream > 1 ? 2 : 1) * maxFrameBytes(limits.maxRequestBytes);
  let next: Next = responder.isBlocked(remotePeer) ? 'abort' : 'next';
  for (let served = 0; next === 'next'; served++) {
    const uncap = capInboundBytes(stream, maxBytesPerRequest);
    try {
      next = await serveOne(responder, stream, reader, remotePeer, served);
    } catch (error) {
      stream.log.error('serving %s to %s failed: %e', responder.protocol, remotePeer, error);
      next = 'abort';
    } finally {
      uncap();
    }
    if (next === 'next' && served + 1 === limits.requestsPerStream) next = 'close';
  }
  if (next === 'close') await closeGracefully(stream, CLOSE_GRACE_MS);
  else abortStream(stream);
}

/** Reads, checks, handles and answers one request; `served` requests came before it. */
async function serveOne<S extends z.ZodType>(responder: Responder<S>, stream: Stream, reader: FrameReader, remotePeer: string, served: number): Promise<Next> {
  const { limits } = responder;
  let bytes: Uint8Array | undefined;
  try {
    bytes = await reader.next(AbortSignal.timeout(limits.readTimeoutMs));
  } catch (error) {
    // A broken or hostile sender (too long, too slow, cut short): tell it why in one code
    // if the stream still takes writes, then cut it off without waiting for it. Between
    // requests on a kept stream, silence is an idle asker: no answer, which it could take
    // for the answer to a request it is just sending.
    if (served === 0) {
      await answer(stream, errorAnswer(readFailureCode(error)), limits);
      stream.log.error('request on %s from %s refused: %e', responder.protocol, remotePeer, error);
    }
    return 'abort';
  }
  // The asker closed its side: after a request, the normal end of a kept stream.
  if (bytes === undefined) return served > 0 ? 'close' : 'abort';
  if (!responder.limiter.take(remotePeer)) return (await answer(stream, errorAnswer('RateLimited'), limits)) ? 'close' : 'abort';
  if (!(await answer(stream, await handle(responder, bytes, remotePeer, stream), limits))) return 'abort';
  // Blocked while the stream was open: it carries nothing more.
  return responder.isBlocked(remotePeer) ? 'abort' : 'next';
}

function readFailureCode(error: unknown): WireErrorCode {
  if (error instanceof KithError) return error.code;
  if (error instanceof Error && error.name === 'TimeoutError') return 'Timeout';
  return 'Protocol';
}

/** Decode -> schema check -> the handler under its own deadline -> the answer's bytes. */
async function handle<S extends z.ZodType>(responder: Responder<S>, bytes: Uint8Array, remotePeer: string, stream: Stream): Promise<Uint8Array> {
  const signal = AbortSignal.timeout(responder.limits.handlerTimeoutMs);
  try {
    const request = decodeRequest(responder.schema, bytes);
    const context = { remotePeer, protocol: responder.protocol, signal };
    const result = await withDeadline(Promise.resolve().then(() => responder.handler(request, context)), signal);
    const answerBytes = resultAnswer(result);
    if (answerBytes.byteLength > responder.limits.maxResponseBytes) {
      throw new KithError('Internal', `The answer is larger than ${responder.limits.maxResponseBytes} bytes.`);
    }
    return answerBytes;
  } catch (error) {
    if (!(error instanceof KithError) || error.code === 'Internal') {
      stream.log.error('handler for %s failed: %e', responder.protocol, error);
    }
    return errorAnswer(wireCodeFor(error));
  }
}

/** `work`, unless `signal` aborts first: a handler that ignores its signal gets no more time. */
function withDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new KithError('Timeout', 'The handler took too long.'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Writes one answer under the write deadline; false when the peer could not take it. */
async function answer(stream: Stream, bytes: Uint8Array, limits: ProtocolLimits): Promise<boolean> {
  if (stream.writeStatus !== 'writable') return false;
  try {
    await writeFrame(stream, bytes, AbortSignal.timeout(limits.writeTimeoutMs));
    return true;
  } catch {
    return false;
  }
}
