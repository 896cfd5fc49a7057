// The libp2p PeerId of the owner: the SAME Ed25519 key as the did:key (product.md §1).
// A libp2p Ed25519 PeerId is the identity multihash of the protobuf-encoded public key
// (libp2p specs, peer-ids.md), which prints as "12D3KooW…" in base58btc.
import { privateKeyFromRaw, publicKeyFromRaw } from '@libp2p/crypto/keys';
import { peerIdFromPrivateKey, peerIdFromPublicKey, peerIdFromString } from '@libp2p/peer-id';
import type { Ed25519PeerId, Ed25519PrivateKey } from '@libp2p/interface';
import { KithError } from '../base/errors.ts';
import { ed25519PublicKeyFromSeed } from './ed25519.ts';

/** The libp2p private key object for a seed (for the network layer). */
export function libp2pPrivateKeyFromSeed(seed: Uint8Array): Ed25519PrivateKey {
  const publicKey = ed25519PublicKeyFromSeed(seed);
  // libp2p's raw Ed25519 private key is seed || public key (64 bytes), as in libsodium.
  const raw = new Uint8Array(64);
  raw.set(seed);
  raw.set(publicKey, 32);
  const key = privateKeyFromRaw(raw);
  raw.fill(0);
  if (key.type !== 'Ed25519') throw new KithError('Internal', 'libp2p did not read the key as Ed25519.');
  return key;
}

/** The PeerId of a seed's key. */
export function peerIdFromSeed(seed: Uint8Array): Ed25519PeerId {
  return peerIdFromPrivateKey(libp2pPrivateKeyFromSeed(seed));
}

/** The PeerId of a raw 32-byte Ed25519 public key, e.g. one read from a did:key. */
export function peerIdFromEd25519PublicKey(publicKey: Uint8Array): Ed25519PeerId {
  if (publicKey.length !== 32) throw new KithError('InvalidInput', 'An Ed25519 public key must be 32 bytes.');
  const key = publicKeyFromRaw(publicKey);
  if (key.type !== 'Ed25519') throw new KithError('Internal', 'libp2p did not read the key as Ed25519.');
  return peerIdFromPublicKey(key);
}

/** The raw Ed25519 public key inside a PeerId string (12D3KooW…): InvalidInput or Unsupported otherwise. */
export function ed25519PublicKeyFromPeerId(text: string): Uint8Array {
  let peerId;
  try {
    peerId = peerIdFromString(text);
  } catch {
    throw new KithError('InvalidInput', 'This is not a valid PeerId.');
  }
  if (peerId.type !== 'Ed25519') throw new KithError('Unsupported', `The PeerId holds a ${peerId.type} key; only Ed25519 is supported.`);
  return peerId.publicKey.raw;
}
