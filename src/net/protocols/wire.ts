// The wire envelope of every Kith request/response protocol: the request is one JSON
// value; the answer is `{ "result": value }` or `{ "error": { "code": C } }` where C is
// a stable code and nothing else — never internal text (architecture.md, "Protocols").
import { z } from 'zod';
import { ERROR_CODES, KithError, errorCode, type ErrorCode } from '../../base/errors.ts';

/** Codes a peer may send: the same stable set as everywhere else. */
export const WIRE_ERROR_CODES = ERROR_CODES;
export type WireErrorCode = ErrorCode;

const answerSchema = z.union([
  z.strictObject({ result: z.unknown() }),
  z.strictObject({ error: z.strictObject({ code: z.string().max(64) }) }),
]);

const encoder = new TextEncoder();
// fatal: a peer's invalid UTF-8 is an error, not silently replaced characters.
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeJson(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

/** Bytes from a peer → a JSON value, or InvalidInput (no parser text is kept). */
export function decodeJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(bytes)) as unknown;
  } catch {
    throw new KithError('InvalidInput', 'The message is not valid UTF-8 JSON.');
  }
}

/**
 * A request's bytes -> the protocol's typed message, or InvalidInput: the decode and
 * schema check every responder does before its handler sees anything.
 */
export function decodeRequest<S extends z.ZodType>(schema: S, bytes: Uint8Array): z.output<S> {
  const parsed = schema.safeParse(decodeJson(bytes));
  if (!parsed.success) throw new KithError('InvalidInput', 'The request does not match the protocol schema.');
  return parsed.data;
}

export function resultAnswer(value: unknown): Uint8Array {
  // `undefined` would vanish from the JSON; the wire always carries a result.
  return encodeJson({ result: value ?? null });
}

export function errorAnswer(code: WireErrorCode): Uint8Array {
  return encodeJson({ error: { code } });
}

/** The stable code to send for anything thrown while serving: KithError codes, else Internal. */
export function wireCodeFor(error: unknown): WireErrorCode {
  return errorCode(error);
}

/** An error answered by the peer. `code` is ours to match on; `peerCode` is what it sent. */
export class PeerError extends KithError {
  readonly peerCode: WireErrorCode;

  constructor(peerCode: WireErrorCode) {
    super(peerCode, peerCode === 'RateLimited' ? 'The peer is limiting how often it can be asked.' : `The peer answered ${peerCode}.`, {
      hint: peerCode === 'RateLimited' ? 'Try again in a few seconds.' : undefined,
    });
    this.name = 'PeerError';
    this.peerCode = peerCode;
  }
}

function isWireErrorCode(value: string): value is WireErrorCode {
  return (WIRE_ERROR_CODES as readonly string[]).includes(value);
}

/** An answer's bytes → its result, or throws PeerError (or Protocol for a malformed answer). */
export function readAnswer(bytes: Uint8Array): unknown {
  const parsed = answerSchema.safeParse(decodeJson(bytes));
  if (!parsed.success) throw new KithError('Protocol', 'The peer sent a malformed answer.');
  const answer = parsed.data;
  if ('error' in answer) {
    // An unknown code from a newer peer is still an error, just not one we can name.
    throw new PeerError(isWireErrorCode(answer.error.code) ? answer.error.code : 'Protocol');
  }
  return answer.result;
}
