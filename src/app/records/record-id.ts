import { randomBytes } from 'node:crypto';

// Crockford's base32 alphabet, lower case: no i, l, o, u, so ids read aloud unambiguously.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A new random record id: 16 characters, 80 bits. */
export function newRecordId(): string {
  let id = '';
  for (const byte of randomBytes(16)) id += ALPHABET[byte & 31];
  return id;
}
