// The asking side of a protocol whose streams carry several requests
// (limits.requestsPerStream > 1), like HTTP/1.1 keep-alive: one request at a time per
// stream. A request takes an idle kept stream to that peer, or opens one; after the
// answer the stream is kept for the next request until it has carried requestsPerStream
// of them, and closed after IDLE_MS without one — well inside the serving side's wait
// between requests (its read timeout), so it never closes a stream we are about to use.
// A stream that failed, or that the peer closed, is never reused.
import type { Stream } from '@libp2p/interface';
import { frameReader, type FrameReader } from './framing.ts';
import { ask, CLOSE_GRACE_MS, encodeRequest, type ExchangeLimits } from './requester.ts';
import { abortStream, closeGracefully } from './stream-close.ts';

/** How long a kept stream waits for the next request before we close it. */
export const IDLE_MS = 4_000;
/** Idle streams kept per peer and protocol; more (after a burst) are closed. */
const MAX_IDLE_PER_KEY = 4;

export interface KeptExchangeLimits extends ExchangeLimits {
  readonly requestsPerStream: number;
}

interface KeptStream {
  readonly stream: Stream;
  readonly reader: FrameReader;
  uses: number;
  idleTimer: NodeJS.Timeout | undefined;
}

export class KeptStreams {
  /** Idle streams by `peer protocol`. */
  readonly #idle = new Map<string, KeptStream[]>();
  #closed = false;

  /**
   * Sends `message` to `peer` on a kept stream (or one from `open`) and returns the
   * peer's result. Any failure aborts that stream; the caller decides whether to retry.
   */
  async exchange(peer: string, protocol: string, open: () => Promise<Stream>, message: unknown, limits: KeptExchangeLimits, signal: AbortSignal): Promise<unknown> {
    const key = `${peer} ${protocol}`;
    const payload = encodeRequest(message, limits);
    const kept = this.#take(key) ?? this.#keep(await open(), limits.maxResponseBytes);
    let answer: unknown;
    try {
      answer = await ask(kept.stream, kept.reader, payload, limits, signal, false);
    } catch (error) {
      abortStream(kept.stream);
      throw error;
    }
    kept.uses++;
    if (kept.uses < limits.requestsPerStream && !this.#closed) this.#putBack(key, kept);
    else void closeGracefully(kept.stream, CLOSE_GRACE_MS);
    return answer;
  }

  /** Closes every idle stream; later exchanges still work but keep nothing. */
  close(): void {
    this.#closed = true;
    for (const list of this.#idle.values()) for (const kept of list) this.#end(kept);
    this.#idle.clear();
  }

  #keep(stream: Stream, maxResponseBytes: number): KeptStream {
    // Listen from the first moment (libp2p 3 streams emit data as events).
    return { stream, reader: frameReader(stream, maxResponseBytes), uses: 0, idleTimer: undefined };
  }

  /** An idle stream for `key` that can still carry a request, or undefined. */
  #take(key: string): KeptStream | undefined {
    const list = this.#idle.get(key);
    for (let kept = list?.pop(); kept !== undefined; kept = list?.pop()) {
      clearTimeout(kept.idleTimer);
      kept.idleTimer = undefined;
      // Bytes the peer sent unasked, or a side closed meanwhile: not ours to reuse.
      if (reusable(kept)) return kept;
      this.#end(kept);
    }
    if (list?.length === 0) this.#idle.delete(key);
    return undefined;
  }

  #putBack(key: string, kept: KeptStream): void {
    const list = this.#idle.get(key) ?? [];
    if (list.length >= MAX_IDLE_PER_KEY) return this.#end(kept);
    list.push(kept);
    this.#idle.set(key, list);
    kept.idleTimer = setTimeout(() => {
      const index = list.indexOf(kept);
      if (index >= 0) list.splice(index, 1);
      if (list.length === 0 && this.#idle.get(key) === list) this.#idle.delete(key);
      this.#end(kept);
    }, IDLE_MS);
    kept.idleTimer.unref();
  }

  #end(kept: KeptStream): void {
    clearTimeout(kept.idleTimer);
    kept.idleTimer = undefined;
    void closeGracefully(kept.stream, CLOSE_GRACE_MS);
  }
}

/** Open both ways, and nothing unasked waiting in it. */
function reusable({ stream, reader }: KeptStream): boolean {
  return stream.status === 'open' && stream.writeStatus === 'writable' && stream.remoteWriteStatus === 'writable' && stream.readStatus === 'readable' && reader.buffered() === 0;
}
