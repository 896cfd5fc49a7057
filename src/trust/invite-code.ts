// An invite: a compact code (and a `kith:` link) that carries the inviter's identity and
// addresses, a one-time secret and an expiry, signed by the inviter. Whoever holds the
// code can dial the inviter and prove they hold the secret; the handshake then makes the
// relationship mutual (net/protocols/invite). Like any invite link, the code is a bearer
// secret: share it the way you would share a door code.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { fromUtf8, utf8 } from '../base/bytes.ts';
import { KithError } from '../base/errors.ts';
import { parseJson, parseWith } from '../base/schema.ts';
import { canonicalBytes } from '../credentials/jcs.ts';
import { publicKeyFromDidKey } from '../identity/did-key.ts';
import { verifyEd25519 } from '../identity/ed25519.ts';
import { ed25519PublicKeyFromPeerId } from '../identity/peer-id.ts';
import type { Signer } from '../identity/signer.ts';

const PREFIX = 'kith1';
export const LINK_PREFIX = 'kith:invite/';
/** Codes are pasted and scanned (QR): keep them bounded. */
export const MAX_CODE_LENGTH = 4096;
export const MAX_ADDRESSES = 12;

export const contactKind = z.enum(['person', 'vendor']);
export type ContactKind = z.output<typeof contactKind>;

const payloadSchema = z.strictObject({
  v: z.literal(1),
  id: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  secret: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  did: z.string().max(200),
  peerId: z.string().max(200),
  kind: contactKind,
  name: z.string().max(100).optional(),
  addrs: z.array(z.string().max(300)).max(MAX_ADDRESSES),
  expires: z.iso.datetime(),
});
export type InvitePayload = z.output<typeof payloadSchema>;

const signedSchema = payloadSchema.extend({ sig: z.string().regex(/^[A-Za-z0-9_-]{86}$/) });

export interface NewInvite {
  readonly payload: InvitePayload;
  readonly code: string;
  readonly link: string;
}

export function createInvite(
  signer: Signer & { peerIdString: string },
  options: { kind: ContactKind; addrs: readonly string[]; expires: Date; name?: string },
): NewInvite {
  const payload: InvitePayload = {
    v: 1,
    id: randomBytes(16).toString('base64url'),
    secret: randomBytes(32).toString('base64url'),
    did: signer.did,
    peerId: signer.peerIdString,
    kind: options.kind,
    ...(options.name === undefined ? {} : { name: options.name }),
    addrs: options.addrs.slice(0, MAX_ADDRESSES),
    expires: options.expires.toISOString(),
  };
  const sig = Buffer.from(signer.sign(canonicalBytes(payload))).toString('base64url');
  const code = PREFIX + Buffer.from(utf8(JSON.stringify({ ...payload, sig }))).toString('base64url');
  return { payload, code, link: LINK_PREFIX + code };
}

function forged(why: string): KithError {
  return new KithError('InvalidSignature', `This invite is not genuine: ${why}.`, { hint: 'Ask for a new invite.' });
}

/**
 * Decodes and checks an invite code or link: well formed, signed by the identity it
 * names, and not expired. Whether it was already used is for the inviter to say.
 */
export function readInvite(text: string, now = new Date()): InvitePayload {
  const trimmed = text.trim();
  const code = trimmed.startsWith(LINK_PREFIX) ? trimmed.slice(LINK_PREFIX.length) : trimmed;
  if (code.length > MAX_CODE_LENGTH || !code.startsWith(PREFIX) || !/^[A-Za-z0-9_-]+$/.test(code.slice(PREFIX.length))) {
    throw new KithError('InvalidInput', 'That is not a Kith invite code.', { hint: 'Paste the whole code (it starts with kith1) or the kith:invite/ link.' });
  }
  let json: string;
  try {
    json = fromUtf8(Buffer.from(code.slice(PREFIX.length), 'base64url'));
  } catch {
    throw new KithError('InvalidInput', 'That invite code is damaged.', { hint: 'Copy it again, whole.' });
  }
  const signed = parseWith(signedSchema, parseJson(json, 'The invite'), 'The invite');
  const { sig, ...payload } = signed;
  let publicKey: Uint8Array;
  try {
    publicKey = publicKeyFromDidKey(payload.did);
  } catch {
    throw forged('it names an identity that is not a did:key');
  }
  let peerKey: Uint8Array;
  try {
    peerKey = ed25519PublicKeyFromPeerId(payload.peerId);
  } catch {
    throw forged('it names a PeerId of another kind');
  }
  if (Buffer.compare(Buffer.from(publicKey), Buffer.from(peerKey)) !== 0) throw forged('its PeerId and DID are different keys');
  if (!verifyEd25519(publicKey, canonicalBytes(payload), Buffer.from(sig, 'base64url'))) throw forged('its signature does not match');
  if (new Date(payload.expires).getTime() <= now.getTime()) {
    throw new KithError('InvalidInput', `This invite expired on ${payload.expires}.`, { hint: 'Ask for a new invite.' });
  }
  return payload;
}
