// RFC 8785 JSON Canonicalization Scheme. The `canonicalize` package is the reference
// implementation by the RFC's author; we only guard its input, because it silently
// drops `undefined` and serialises NaN/Infinity as null, which would make two different
// values sign the same. The guard also bounds nesting depth (so a deep or circular
// value fails as InvalidInput, not as a stack overflow) and rejects lone surrogates
// (RFC 8785 §3.2.2.2 requires I-JSON strings, RFC 7493 §2.1).
import canonicalizeJson from 'canonicalize';
import { KithError } from '../base/errors.ts';
import { utf8 } from '../base/bytes.ts';

/** Default nesting bound: deeper than any record or credential we make. */
export const MAX_JSON_DEPTH = 100;

export interface JsonLimits {
  /** Objects/arrays nested deeper than this are refused (InvalidInput). */
  readonly maxDepth?: number;
  /** Canonical UTF-8 longer than this is refused (InvalidInput); checked by canonicalBytes. */
  readonly maxBytes?: number;
}

function assertString(value: string, path: string): void {
  if (!value.isWellFormed()) throw new KithError('InvalidInput', `${path} contains a lone surrogate, which JSON cannot sign`);
}

function assertJson(value: unknown, path: string, depth: number, maxDepth: number): void {
  switch (typeof value) {
    case 'string':
      assertString(value, path);
      return;
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new KithError('InvalidInput', `${path} is not a finite number`);
      return;
    case 'object':
      if (value === null) return;
      if (depth >= maxDepth) throw new KithError('InvalidInput', `the value is nested deeper than ${maxDepth} levels`);
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) assertJson(value[i], `${path}[${i}]`, depth + 1, maxDepth);
        return;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
        throw new KithError('InvalidInput', `${path} is not a plain JSON object`);
      }
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        assertString(key, path);
        assertJson((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1, maxDepth);
      }
      return;
    default:
      throw new KithError('InvalidInput', `${path} is not a JSON value (${typeof value})`);
  }
}

/** The canonical JSON text of `value` (RFC 8785). Throws InvalidInput for non-JSON values. */
export function canonicalize(value: unknown, limits?: JsonLimits): string {
  assertJson(value, '$', 0, limits?.maxDepth ?? MAX_JSON_DEPTH);
  const text = canonicalizeJson(value);
  if (text === undefined) throw new KithError('InvalidInput', 'value has no JSON form');
  return text;
}

/** UTF-8 bytes of the canonical form: what gets hashed and signed. */
export function canonicalBytes(value: unknown, limits?: JsonLimits): Uint8Array {
  const bytes = utf8(canonicalize(value, limits));
  if (limits?.maxBytes !== undefined && bytes.length > limits.maxBytes) {
    throw new KithError('InvalidInput', `the value is larger than ${limits.maxBytes} bytes in canonical form`);
  }
  return bytes;
}
