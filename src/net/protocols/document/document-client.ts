// The holder's side of /kith/document/1.0.0: send the request, read the header under a
// deadline, then hand the body to `sink` (the blob store, which hashes and counts it and
// refuses anything but the promised file) under the progress watch. The stream is closed
// or aborted before this returns; on any failure nothing of the body is kept by the sink.
import type { Stream } from '@libp2p/interface';
import { KithError } from '../../../base/errors.ts';
import { toNetError } from '../../net-errors.ts';
import { writeFrame } from '../framing.ts';
import { abortStream, closeGracefully } from '../stream-close.ts';
import { encodeJson, readAnswer } from '../wire.ts';
import { documentHeaderSchema, type DocumentLimits, type DocumentRequest } from './document-wire.ts';
import { IncomingDocument } from './incoming-document.ts';
import { watchProgress, type ProgressWatch } from './progress-watch.ts';

/** What the holder asks for, and the size its signed record promised. */
export interface DocumentTarget {
  readonly request: DocumentRequest;
  readonly size: number;
}

/**
 * Consumes the body (lists of buffers, in order); must fail and keep nothing unless it is
 * exactly the promised file. The blob store's `put` with `expect` is one.
 */
export type DocumentSink<T> = (body: AsyncIterable<Uint8Array[]>) => Promise<T>;

export interface ReceiveOptions {
  readonly limits: DocumentLimits;
  /** The caller's cancel (a revocation, shutdown): the transfer stops as Aborted. */
  readonly signal?: AbortSignal;
  /** Called as body bytes arrive, with the total so far. */
  readonly onProgress?: (received: number) => void;
}

const CLOSE_GRACE_MS = 2_000;

export async function receiveDocument<T>(stream: Stream, target: DocumentTarget, sink: DocumentSink<T>, options: ReceiveOptions): Promise<T> {
  const { limits } = options;
  const incoming = new IncomingDocument(stream, { maxHeaderBytes: limits.maxHeaderBytes, maxBodyBytes: target.size, pauseAboveBytes: limits.pauseAboveBytes });
  const stalled = new AbortController();
  const cancel = options.signal === undefined ? stalled.signal : AbortSignal.any([stalled.signal, options.signal]);
  const headerDeadline = AbortSignal.timeout(limits.headerTimeoutMs);
  const onCancel = (): void => incoming.fail(cancel.reason as Error);
  cancel.addEventListener('abort', onCancel, { once: true });
  let watch: ProgressWatch | undefined;
  let inBody = false;
  let done = false;
  try {
    const beforeBody = AbortSignal.any([cancel, headerDeadline]);
    await writeFrame(stream, encodeJson(target.request), beforeBody);
    await stream.close({ signal: beforeBody });
    const header = documentHeaderSchema.safeParse(readAnswer(await incoming.header(beforeBody)));
    if (!header.success || header.data.size !== target.size) throw new KithError('Protocol', 'The peer announced a different file than the record promised.');
    inBody = true;
    watch = watchProgress(limits, (error) => stalled.abort(error));
    incoming.onBytes = (bytes) => {
      watch?.progress(bytes);
      options.onProgress?.(incoming.received);
    };
    const result = await sink(incoming.body());
    done = true;
    return result;
  } catch (error) {
    throw failure(error, { cancel: options.signal, stalled: stalled.signal, headerTimedOut: !inBody && headerDeadline.aborted });
  } finally {
    watch?.stop();
    cancel.removeEventListener('abort', onCancel);
    incoming.dispose();
    if (done) await closeGracefully(stream, CLOSE_GRACE_MS);
    else abortStream(stream);
  }
}

/** Which of our signals fired decides the code; else the error's own (a KithError, or libp2p's). */
function failure(error: unknown, state: { cancel: AbortSignal | undefined; stalled: AbortSignal; headerTimedOut: boolean }): KithError {
  if (state.cancel?.aborted === true) return new KithError('Aborted', 'The transfer was cancelled.', { cause: error });
  if (state.stalled.aborted) return state.stalled.reason instanceof KithError ? state.stalled.reason : new KithError('Timeout', 'The transfer stalled.');
  if (error instanceof KithError) return error;
  if (state.headerTimedOut) return new KithError('Timeout', 'The peer did not answer in time.', { cause: error });
  return toNetError(error, NEVER, undefined);
}

const NEVER = new AbortController().signal;
