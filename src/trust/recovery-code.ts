// The code a recovering node shows: how to reach it (its session PeerId and addresses, as
// an invite code carries them) and the session's nonce. It is not signed: the PeerId is
// authenticated by the connection itself (Noise), and the share is sealed to that same
// key, so a code naming another node only sends the share to that node — which is why a
// friend checks with the person, out of band, before approving.
import { z } from 'zod';
import { fromUtf8, utf8 } from '../base/bytes.ts';
import { KithError } from '../base/errors.ts';
import { parseJson, parseWith } from '../base/schema.ts';
import { ed25519PublicKeyFromPeerId } from '../identity/peer-id.ts';
import { MAX_ADDRESSES } from './invite-code.ts';

const PREFIX = 'kithr1';
export const MAX_RECOVERY_CODE_LENGTH = 4096;

const payloadSchema = z.strictObject({
  v: z.literal(1),
  peer: z.string().max(100),
  nonce: z.string().regex(/^[A-Za-z0-9_-]{22}$/u),
  addrs: z.array(z.string().max(300)).max(MAX_ADDRESSES),
});
export type RecoveryCode = z.output<typeof payloadSchema>;

export function recoveryCode(payload: Omit<RecoveryCode, 'v'>): string {
  const body: RecoveryCode = { v: 1, peer: payload.peer, nonce: payload.nonce, addrs: payload.addrs.slice(0, MAX_ADDRESSES) };
  return PREFIX + Buffer.from(utf8(JSON.stringify(body))).toString('base64url');
}

/** Decodes a recovery code as pasted; InvalidInput in words for anything else. */
export function readRecoveryCode(text: string): RecoveryCode & { publicKey: Uint8Array } {
  const code = text.trim();
  if (code.length > MAX_RECOVERY_CODE_LENGTH || !code.startsWith(PREFIX) || !/^[A-Za-z0-9_-]+$/u.test(code.slice(PREFIX.length))) {
    throw new KithError('InvalidInput', 'That is not a Kith recovery code.', { hint: 'Paste the whole code the new device shows (it starts with kithr1).' });
  }
  let json: string;
  try {
    json = fromUtf8(Buffer.from(code.slice(PREFIX.length), 'base64url'));
  } catch {
    throw new KithError('InvalidInput', 'That recovery code is damaged.', { hint: 'Copy it again, whole.' });
  }
  const payload = parseWith(payloadSchema, parseJson(json, 'The recovery code'), 'The recovery code');
  let publicKey: Uint8Array;
  try {
    publicKey = ed25519PublicKeyFromPeerId(payload.peer);
  } catch {
    throw new KithError('InvalidInput', 'That recovery code names no valid node.', { hint: 'Copy it again, whole.' });
  }
  return { ...payload, publicKey };
}
