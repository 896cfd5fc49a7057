// The outbound side: one request frame, one bounded answer frame under the caller's
// deadline. `exchange` does it on a fresh stream (request, close our side, answer); a
// kept stream (kept-streams.ts) does it with `ask` and stays open for the next request.
import type { Stream } from '@libp2p/interface';
import { KithError } from '../../base/errors.ts';
import { capInboundBytes, frameReader, maxFrameBytes, writeFrame, type FrameReader } from './framing.ts';
import { abortStream, closeGracefully } from './stream-close.ts';
import { encodeJson, readAnswer } from './wire.ts';

export interface ExchangeLimits {
  readonly maxRequestBytes: number;
  readonly maxResponseBytes: number;
}

/** How long the answering peer gets to close its side once we have its answer. */
export const CLOSE_GRACE_MS = 2_000;

/** The request's bytes; InvalidInput (before anything is sent) when it is too large. */
export function encodeRequest(message: unknown, limits: ExchangeLimits): Uint8Array {
  const payload = encodeJson(message);
  if (payload.byteLength > limits.maxRequestBytes) {
    throw new KithError('InvalidInput', `The request is larger than ${limits.maxRequestBytes} bytes.`);
  }
  return payload;
}

/**
 * Writes one request and reads its answer; `thenClose` closes our side after the
 * request (a one-request stream). The stream is left as it is: the caller ends it.
 */
export async function ask(stream: Stream, reader: FrameReader, payload: Uint8Array, limits: ExchangeLimits, signal: AbortSignal, thenClose: boolean): Promise<unknown> {
  const uncap = capInboundBytes(stream, maxFrameBytes(limits.maxResponseBytes));
  try {
    await writeFrame(stream, payload, signal);
    if (thenClose) await stream.close({ signal });
    return readAnswer(await reader.read(signal));
  } finally {
    uncap();
  }
}

/** Sends `message` on a freshly opened protocol stream and returns the peer's result. */
export async function exchange(stream: Stream, message: unknown, limits: ExchangeLimits, signal: AbortSignal): Promise<unknown> {
  // Listen before writing: libp2p 3 streams emit data as events, and an answer that
  // arrives before anyone listens (a RateLimited answer is sent at once) is lost.
  const reader = frameReader(stream, limits.maxResponseBytes);
  let done = false;
  try {
    const answer = await ask(stream, reader, encodeRequest(message, limits), limits, signal, true);
    done = true;
    return answer;
  } finally {
    // The peer's close follows its answer at once; waiting for it in the background keeps
    // the caller's latency free of it, and the grace bounds it.
    if (done) void closeGracefully(stream, CLOSE_GRACE_MS);
    else abortStream(stream);
  }
}
