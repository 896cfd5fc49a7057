// libp2p's errors, turned into Kith's stable codes where they leave src/net. Matched by
// `name` (libp2p's documented way: its error classes set it) since they come from
// several packages.
import { KithError } from '../base/errors.ts';

const BY_NAME: Record<string, { code: KithError['code']; message: string }> = {
  DialDeniedError: { code: 'NotTrusted', message: 'This peer is blocked.' },
  ConnectionInterceptedError: { code: 'NotTrusted', message: 'The connection was refused by the block list.' },
  UnsupportedProtocolError: { code: 'Unsupported', message: 'The peer does not speak this protocol.' },
  TooManyOutboundProtocolStreamsError: { code: 'Aborted', message: 'Too many requests to this peer are in flight.' },
  TooManyInboundProtocolStreamsError: { code: 'Aborted', message: 'The peer is busy with our other requests.' },
  StreamResetError: { code: 'Protocol', message: 'The peer cut the request off.' },
  StreamAbortedError: { code: 'Protocol', message: 'The request was cut off.' },
  UnexpectedEOFError: { code: 'Protocol', message: 'The peer closed the stream before answering.' },
  StreamBufferError: { code: 'Protocol', message: 'The peer sent more than an answer may hold.' },
};

/**
 * Any failure of a request → a KithError. `deadline` is the request's own timeout
 * signal, `caller` the caller's: which one fired decides Timeout or Aborted.
 */
export function toNetError(error: unknown, deadline: AbortSignal, caller: AbortSignal | undefined): KithError {
  if (caller?.aborted === true) return new KithError('Aborted', 'The request was cancelled.', { cause: error });
  if (error instanceof KithError) return error;
  if (deadline.aborted) {
    return new KithError('Timeout', 'The peer did not answer in time.', { hint: 'It may be offline; try again later.', cause: error });
  }
  const name = error instanceof Error ? error.name : '';
  const known = BY_NAME[name];
  if (known !== undefined) return new KithError(known.code, known.message, { cause: error });
  // Dial errors (no address, refused, unreachable) and anything else: the peer could not be reached.
  return new KithError('Unreachable', 'Could not reach the peer.', { hint: 'It may be offline or unreachable from here.', cause: error });
}
