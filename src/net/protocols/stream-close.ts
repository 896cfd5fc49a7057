// Every stream a Kith protocol touches ends here, closed or aborted, never left open: a
// handler that does not close its side leaks the stream until libp2p refuses new ones
// (TooManyOutboundProtocolStreamsError, environment.md item 2).
import type { Stream } from '@libp2p/interface';
import { KithError } from '../../base/errors.ts';

/**
 * Closes our write side, then gives the peer `graceMs` to close theirs (a well-behaved
 * peer already has: it sends its one message and closes). Anything still open after
 * that is aborted, so the stream is always gone when this resolves.
 */
export async function closeGracefully(stream: Stream, graceMs: number): Promise<void> {
  const signal = AbortSignal.timeout(graceMs);
  try {
    await stream.close({ signal });
    if (stream.status !== 'closed') await untilClosed(stream, signal);
  } catch {
    // Timed out or reset while closing: aborting below is the answer either way.
  } finally {
    abortStream(stream);
  }
}

/** Aborts the stream unless it is already finished. */
export function abortStream(stream: Stream, reason = 'Kith closed the stream.'): void {
  if (stream.status === 'open' || stream.status === 'closing') stream.abort(new KithError('Aborted', reason));
}

function untilClosed(stream: Stream, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.removeEventListener('close', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    stream.addEventListener('close', done);
    signal.addEventListener('abort', done);
  });
}
