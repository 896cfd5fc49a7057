// The outbound side: one request frame, close our write side (the request is complete),
// one bounded answer frame under the caller's deadline. The stream is closed or aborted
// whatever happens.
import type { Stream } from '@libp2p/interface';
import { KithError } from '../../base/errors.ts';
import { capInboundBytes, frameReader, maxFrameBytes, writeFrame } from './framing.ts';
import { abortStream, closeGracefully } from './stream-close.ts';
import { encodeJson, readAnswer } from './wire.ts';

export interface ExchangeLimits {
  readonly maxRequestBytes: number;
  readonly maxResponseBytes: number;
}

/** How long the answering peer gets to close its side once we have its answer. */
const CLOSE_GRACE_MS = 2_000;

/** Sends `message` on a freshly opened protocol stream and returns the peer's result. */
export async function exchange(stream: Stream, message: unknown, limits: ExchangeLimits, signal: AbortSignal): Promise<unknown> {
  const uncap = capInboundBytes(stream, maxFrameBytes(limits.maxResponseBytes));
  // Listen before writing: libp2p 3 streams emit data as events, and an answer that
  // arrives before anyone listens (a RateLimited answer is sent at once) is lost.
  const reader = frameReader(stream, limits.maxResponseBytes);
  let done = false;
  try {
    const payload = encodeJson(message);
    if (payload.byteLength > limits.maxRequestBytes) {
      throw new KithError('InvalidInput', `The request is larger than ${limits.maxRequestBytes} bytes.`);
    }
    await writeFrame(stream, payload, signal);
    await stream.close({ signal });
    const answer = readAnswer(await reader.read(signal));
    done = true;
    return answer;
  } finally {
    uncap();
    // The peer's close follows its answer at once; waiting for it in the background keeps
    // the caller's latency free of it, and the grace bounds it.
    if (done) void closeGracefully(stream, CLOSE_GRACE_MS);
    else abortStream(stream);
  }
}
