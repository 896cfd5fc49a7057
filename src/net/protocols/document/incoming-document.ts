// The holder's view of the owner's answer on /kith/document/1.0.0: one length-prefixed
// header frame, then the raw body. One 'message' listener does both, so no byte is ever
// copied through a second reader, and the body reaches its consumer (the blob store) as
// an async iterable with backpressure: above `pauseAboveBytes` waiting for the disk the
// stream is paused, which stops yamux's window updates, so the owner stops sending.
//
// The prefix is read byte by byte and refused as soon as it is longer than the varint of
// the largest header (see framing.ts for why: a peer may send 0xFF forever), and the body
// is refused at the first byte beyond the size the signed record promised.
import type { Stream } from '@libp2p/interface';
import { KithError } from '../../../base/errors.ts';
import { varintLength } from '../varint.ts';

/**
 * What may pile up in the stream's own buffer while it is paused: whatever the owner
 * still had of yamux's receive window, which grows to at most 16 MiB
 * (@chainsafe/libp2p-yamux MAX_STREAM_WINDOW). libp2p's default (4 MiB) would reset a
 * fast transfer the moment the disk falls behind.
 */
export const PAUSED_READ_BUFFER_BYTES = 16 * 1024 * 1024 + 64 * 1024;
/**
 * What is handed to the consumer at once (one writev to disk): at least MIN_YIELD_BYTES
 * unless the body has ended — a few large writes rather than one per network piece
 * (~64 KiB) — and at most MAX_YIELD_BYTES in at most MAX_YIELD_BUFFERS buffers (IOV_MAX
 * is 1024).
 */
const MIN_YIELD_BYTES = 1024 * 1024;
const MAX_YIELD_BYTES = 4 * 1024 * 1024;
const MAX_YIELD_BUFFERS = 512;

type Chunk = Uint8Array;

export class IncomingDocument {
  readonly #stream: Stream;
  readonly #maxHeaderBytes: number;
  readonly #maxBodyBytes: number;
  readonly #pauseAboveBytes: number;
  /** MIN_YIELD_BYTES, or less if the stream pauses sooner: a paused stream brings no more. */
  readonly #yieldAtBytes: number;
  #phase: 'prefix' | 'header' | 'body' = 'prefix';
  #prefixBytes = 0;
  #length = 0;
  #scale = 1;
  #header: Uint8Array | undefined;
  #headerFilled = 0;
  readonly #headerReady = Promise.withResolvers<Uint8Array>();
  #queue: Chunk[] = [];
  #queued = 0;
  #ended = false;
  #failure: Error | undefined;
  #wake: (() => void) | undefined;
  /** Inside stream.resume(): see #resumeIfDrained. */
  #resuming = false;
  /** Body bytes received so far. */
  received = 0;
  /** Called with the size of each piece of body received (for the progress watch). */
  onBytes: (bytes: number) => void = () => undefined;

  constructor(stream: Stream, limits: { maxHeaderBytes: number; maxBodyBytes: number; pauseAboveBytes: number }) {
    this.#stream = stream;
    this.#maxHeaderBytes = limits.maxHeaderBytes;
    this.#maxBodyBytes = limits.maxBodyBytes;
    this.#pauseAboveBytes = limits.pauseAboveBytes;
    this.#yieldAtBytes = Math.min(MIN_YIELD_BYTES, limits.pauseAboveBytes);
    // Nobody may wait for the header (a failed write): never an unhandled rejection.
    this.#headerReady.promise.catch(() => undefined);
    stream.maxReadBufferLength = Math.max(stream.maxReadBufferLength, PAUSED_READ_BUFFER_BYTES);
    stream.addEventListener('message', this.#onMessage);
    stream.addEventListener('end', this.#onEnd);
    stream.addEventListener('close', this.#onClose);
    if (stream.readableEnded) this.#onEnd();
  }

  /** The header frame's payload, once it has arrived. */
  header(signal: AbortSignal): Promise<Uint8Array> {
    return raced(this.#headerReady.promise, signal);
  }

  /**
   * The body, in order, until the owner closes; throws if the transfer fails. Each step
   * gives everything queued (up to MAX_YIELD_BYTES) as a list of buffers: one writev to
   * disk, no copying.
   */
  async *body(): AsyncGenerator<Uint8Array[]> {
    for (;;) {
      if (this.#failure === undefined && this.#queue.length > 0 && (this.#queued >= this.#yieldAtBytes || this.#ended)) {
        const chunk = this.#take();
        this.#resumeIfDrained();
        yield chunk;
        continue;
      }
      if (this.#failure !== undefined) throw this.#failure;
      if (this.#ended) return;
      this.#resumeIfDrained();
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  /** Stops the transfer with `error` (a stall, the caller's abort): the body throws it. */
  fail(error: Error): void {
    this.#failure ??= error;
    this.#headerReady.reject(this.#failure);
    this.#notify();
  }

  dispose(): void {
    this.#stream.removeEventListener('message', this.#onMessage);
    this.#stream.removeEventListener('end', this.#onEnd);
    this.#stream.removeEventListener('close', this.#onClose);
    this.#queue = [];
    this.#queued = 0;
  }

  readonly #onMessage = (event: { data: Uint8Array | Iterable<Uint8Array> }): void => {
    if (this.#failure !== undefined) return;
    const pieces = event.data instanceof Uint8Array ? [event.data] : event.data;
    for (const piece of pieces) {
      this.#accept(piece);
      if (this.#failure !== undefined) return;
    }
  };

  readonly #onEnd = (): void => {
    this.#ended = true;
    if (this.#phase !== 'body') this.fail(new KithError('Protocol', 'The peer closed the stream before answering.'));
    this.#notify();
  };

  readonly #onClose = (event: { error?: Error }): void => {
    if (event.error !== undefined) this.fail(event.error);
    else this.#onEnd();
  };

  #accept(piece: Uint8Array): void {
    let offset = 0;
    while (this.#phase !== 'body' && offset < piece.byteLength) {
      if (this.#phase === 'prefix') {
        if (this.#prefixBytes === varintLength(this.#maxHeaderBytes)) return this.fail(new KithError('Protocol', 'The answer length prefix is too long.'));
        const byte = piece[offset++] ?? 0;
        this.#prefixBytes++;
        this.#length += (byte & 0x7f) * this.#scale;
        this.#scale *= 0x80;
        if ((byte & 0x80) !== 0) continue;
        // unsigned-varint spec: the encoding must be minimal (no trailing zero group).
        if (byte === 0 && this.#prefixBytes > 1) return this.fail(new KithError('Protocol', 'The answer length prefix is not minimal.'));
        if (this.#length > this.#maxHeaderBytes) return this.fail(new KithError('Protocol', 'The answer is larger than a header may be.'));
        this.#header = new Uint8Array(this.#length);
        this.#phase = 'header';
      }
      const header = this.#header ?? new Uint8Array(0);
      const take = Math.min(header.byteLength - this.#headerFilled, piece.byteLength - offset);
      header.set(piece.subarray(offset, offset + take), this.#headerFilled);
      this.#headerFilled += take;
      offset += take;
      if (this.#headerFilled === header.byteLength) {
        this.#phase = 'body';
        this.#headerReady.resolve(header);
      }
    }
    if (offset < piece.byteLength) this.#push(offset === 0 ? piece : piece.subarray(offset));
  }

  #push(bytes: Uint8Array): void {
    this.received += bytes.byteLength;
    if (this.received > this.#maxBodyBytes) return this.fail(new KithError('Protocol', 'The peer sent more bytes than the document has.'));
    this.#queue.push(bytes);
    this.#queued += bytes.byteLength;
    this.onBytes(bytes.byteLength);
    if (!this.#resuming) this.#pauseIfFull();
    if (this.#queued >= this.#yieldAtBytes) this.#notify();
  }

  /** Everything queued, up to MAX_YIELD_BYTES (at least one buffer; IOV_MAX allows 1024). */
  #take(): Uint8Array[] {
    let count = 1;
    let bytes = this.#queue[0]?.byteLength ?? 0;
    while (count < this.#queue.length && count < MAX_YIELD_BUFFERS && bytes + (this.#queue[count]?.byteLength ?? 0) <= MAX_YIELD_BYTES) bytes += this.#queue[count++]?.byteLength ?? 0;
    this.#queued -= bytes;
    return this.#queue.splice(0, count);
  }

  #pauseIfFull(): void {
    if (this.#queued >= this.#pauseAboveBytes && this.#stream.readStatus === 'readable') this.#stream.pause();
  }

  /**
   * libp2p 3.3's resume() first hands over what arrived while paused, then re-opens
   * yamux's window: a pause from inside that hand-over would be undone at once (the
   * stream says paused, the owner keeps sending, and the paused buffer overflows). So
   * the pause waits until resume() has returned.
   */
  #resumeIfDrained(): void {
    if (this.#stream.readStatus !== 'paused' || this.#queued >= this.#pauseAboveBytes / 2) return;
    this.#resuming = true;
    try {
      this.#stream.resume();
    } finally {
      this.#resuming = false;
    }
    this.#pauseIfFull();
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}

function raced<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
