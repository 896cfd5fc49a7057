// The small, stable set of error codes that cross every boundary (CLI exit text, IPC,
// the browser bridge, peers). Match on `code`, never on message text.

export const ERROR_CODES = [
  'InvalidInput', // the caller sent something malformed, oversized or of the wrong shape
  'NotFound', // the thing named does not exist
  'AlreadyExists', // e.g. `kith init` over an existing identity
  'NotInitialized', // no identity yet: run `kith init` or `kith restore`
  'WrongPassphrase', // the keystore could not be decrypted with the passphrase given
  'KeyLocked', // the command signs, and the owner key has not been unlocked
  'Locked', // another process holds the locker
  'InvalidSignature', // a signature or proof does not verify
  'Corrupt', // stored or imported data fails its integrity checks (hash chain, bundle)
  'NotTrusted', // the signer or peer is not the one expected
  'Unsupported', // a valid input we do not handle (e.g. a did:key of another key type)
  'Protocol', // a peer broke the protocol
  'RateLimited', // too many requests from one peer: try again later
  'Unreachable', // a peer could not be reached at any address we know
  'Timeout',
  'Aborted',
  'Internal', // a bug: never carries internal detail across a boundary
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  readonly code: ErrorCode;
  readonly message: string;
  /** What the person can do about it, in plain words. */
  readonly hint?: string;
}

export class KithError extends Error implements ErrorInfo {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KithError';
    this.code = code;
    this.hint = options?.hint;
  }

  toInfo(): ErrorInfo {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }
}

export function isKithError(value: unknown): value is KithError {
  return value instanceof KithError;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** The stable code for anything thrown: a KithError's own, else Internal (never a message). */
export function errorCode(error: unknown): ErrorCode {
  return error instanceof KithError ? error.code : 'Internal';
}

/** Turns anything thrown into an ErrorInfo that is safe to show or send. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof KithError) return error.toInfo();
  return { code: 'Internal', message: 'Something went wrong inside Kith.', hint: 'This is a bug; please report it.' };
}

export function invalidInput(message: string, hint?: string): KithError {
  return new KithError('InvalidInput', message, hint === undefined ? undefined : { hint });
}

export function notFound(message: string, hint?: string): KithError {
  return new KithError('NotFound', message, hint === undefined ? undefined : { hint });
}
