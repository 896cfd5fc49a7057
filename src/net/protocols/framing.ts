// One length-prefixed frame in, one out, with hard bounds on everything a peer controls.
//
// Measured with libp2p 3.3 (shared/docs/environment.md item 2, re-checked by
// test/unit/net/lpstream-probe.test.ts): `lpStream` from @libp2p/utils decodes the length
// prefix only after the varint completes, so a peer sending 0xFF 0xFF … forever is never
// cut off by `maxDataLength` — it just buffers. So the prefix is read here byte by byte
// over `byteStream` and refused as soon as it is longer than the varint of the
// protocol's maximum message size. The payload read is bounded by that maximum; every
// read and write races an AbortSignal (the caller's timeout); and `capInboundBytes`
// aborts a stream that receives more bytes in total than one frame may take.
import type { Stream } from '@libp2p/interface';
import { byteStream, type ByteStream } from '@libp2p/utils';
import { KithError } from '../../base/errors.ts';
import { encodeFrame, varintLength } from './varint.ts';

/** The most bytes one frame of a `maxMessageBytes` protocol can take on the wire. */
export function maxFrameBytes(maxMessageBytes: number): number {
  return varintLength(maxMessageBytes) + maxMessageBytes;
}

/**
 * Aborts `stream` once the peer has sent more than `maxTotalBytes` on it, whether or not
 * anyone is reading (a reader that has its frame stops reading; the peer may not stop
 * writing). Returns the function that removes the watch.
 */
export function capInboundBytes(stream: Stream, maxTotalBytes: number): () => void {
  let total = 0;
  const onMessage = (event: { data: { byteLength: number } }): void => {
    total += event.data.byteLength;
    if (total > maxTotalBytes) {
      stream.removeEventListener('message', onMessage);
      stream.abort(new KithError('InvalidInput', 'The peer sent more than one message may hold.'));
    }
  };
  stream.addEventListener('message', onMessage);
  return () => stream.removeEventListener('message', onMessage);
}

/** A reader of single frames over a stream, buffering at most one frame's bytes. */
export interface FrameReader {
  read(signal: AbortSignal): Promise<Uint8Array>;
  /**
   * The next frame, or undefined when the peer closed its side before starting one (the
   * clean end of a stream that carries several requests).
   */
  next(signal: AbortSignal): Promise<Uint8Array | undefined>;
  /** Bytes received and not yet read. */
  buffered(): number;
}

export function frameReader(stream: Stream, maxMessageBytes: number): FrameReader {
  const bytes = byteStream(stream, { maxBufferSize: maxFrameBytes(maxMessageBytes) });
  // What arrived minus what was read: byteStream does not say what it holds.
  const count = { received: 0, read: 0 };
  stream.addEventListener('message', (event) => (count.received += event.data.byteLength));
  return {
    read: async (signal) => (await readFrame(bytes, maxMessageBytes, signal, count)) ?? eof(),
    next: (signal) => readFrame(bytes, maxMessageBytes, signal, count),
    buffered: () => count.received - count.read,
  };
}

function eof(): never {
  throw new KithError('Protocol', 'The peer closed the stream before answering.');
}

function isEof(error: unknown): boolean {
  return error instanceof Error && error.name === 'UnexpectedEOFError';
}

/**
 * A stream that ends inside a frame, or a peer that sends more than one frame's bytes
 * ahead, is the peer's fault: a stable code, not libp2p's UnexpectedEOFError or
 * StreamBufferError (both found by fuzzing, test/unit/fuzz/regressions.test.ts). Other
 * errors (the caller's deadline, an aborted stream) pass as they are: the caller names them.
 */
function peerFault(error: unknown): unknown {
  if (isEof(error)) return new KithError('Protocol', 'The peer closed the stream in the middle of a message.');
  if (error instanceof Error && error.name === 'StreamBufferError') return new KithError('InvalidInput', 'The peer sent more than one message may hold.');
  return error;
}

/** undefined: the stream ended before the frame's first byte. */
async function readFrame(bytes: ByteStream<Stream>, maxMessageBytes: number, signal: AbortSignal, count: { read: number }): Promise<Uint8Array | undefined> {
  const maxPrefixBytes = varintLength(maxMessageBytes);
  let length = 0;
  let scale = 1;
  for (let i = 0; ; i++) {
    if (i === maxPrefixBytes) throw new KithError('InvalidInput', 'The message length prefix is too long.');
    let byte: number;
    try {
      byte = (await bytes.read({ bytes: 1, signal })).get(0);
    } catch (error) {
      if (i === 0 && isEof(error)) return undefined;
      throw peerFault(error);
    }
    count.read++;
    length += (byte & 0x7f) * scale;
    scale *= 0x80;
    if ((byte & 0x80) === 0) {
      // unsigned-varint spec: the encoding must be minimal (no trailing zero group).
      if (byte === 0 && i > 0) throw new KithError('InvalidInput', 'The message length prefix is not minimal.');
      break;
    }
  }
  if (length > maxMessageBytes) throw new KithError('InvalidInput', `The message is larger than ${maxMessageBytes} bytes.`);
  if (length === 0) return new Uint8Array(0);
  let payload: Uint8Array;
  try {
    payload = (await bytes.read({ bytes: length, signal })).subarray();
  } catch (error) {
    throw peerFault(error);
  }
  count.read += length;
  return payload;
}

/** Writes `payload` as one frame; waits (bounded by `signal`) if the stream needs draining. */
export async function writeFrame(stream: Stream, payload: Uint8Array, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  if (!stream.send(encodeFrame(payload))) await drained(stream, signal);
}

/**
 * Resolves once the stream has taken more bytes out of its queue (at once if it is not
 * waiting to). Not `stream.onDrain()`: in libp2p 3.3 (@libp2p/utils AbstractMessageStream)
 * its promise is made once and never renewed, so after the first drain it resolves at once
 * and stops applying backpressure to a stream that carries more than one message.
 */
export function drained(stream: Stream, signal: AbortSignal): Promise<void> {
  if (!stream.writableNeedsDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const finish = (error?: unknown): void => {
      stream.removeEventListener('drain', onDrain);
      stream.removeEventListener('close', onClose);
      signal.removeEventListener('abort', onAbort);
      if (error === undefined) resolve();
      else reject(error instanceof Error ? error : new KithError('Aborted', 'The transfer was stopped.'));
    };
    const onDrain = (): void => finish();
    const onClose = (event: { error?: Error }): void => finish(event.error ?? new KithError('Protocol', 'The stream closed while writing.'));
    const onAbort = (): void => finish(signal.reason);
    if (signal.aborted) return onAbort();
    stream.addEventListener('drain', onDrain);
    stream.addEventListener('close', onClose);
    signal.addEventListener('abort', onAbort);
  });
}
