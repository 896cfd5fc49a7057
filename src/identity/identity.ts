// The owner's key: one Ed25519 seed that is at once the did:key (credentials) and the
// libp2p PeerId (network). The seed lives only in a private field; the object never
// prints it (toJSON and the inspect hook show public parts only).
import { hkdfSync } from 'node:crypto';
import type { Ed25519PeerId, Ed25519PrivateKey } from '@libp2p/interface';
import type { Signer } from './signer.ts';
import { didKeyFromPublicKey, verificationMethodFor } from './did-key.ts';
import { ed25519SigningFromSeed, generateSeed, type Ed25519Signing } from './ed25519.ts';
import { libp2pPrivateKeyFromSeed } from './peer-id.ts';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import { recoveryPhraseFromSeed, seedFromRecoveryPhrase } from './recovery.ts';
import { x25519Agree, x25519SecretFromSeed } from './x25519.ts';

export class OwnerKey implements Signer {
  readonly did: string;
  readonly verificationMethod: string;
  readonly publicKey: Uint8Array;
  /** The libp2p PeerId of the same key; `peerIdString` is its text form, 12D3KooW…. */
  readonly peerId: Ed25519PeerId;
  readonly peerIdString: string;
  readonly #seed: Uint8Array;
  readonly #signing: Ed25519Signing;

  private constructor(seed: Uint8Array) {
    this.#seed = Uint8Array.from(seed);
    this.#signing = ed25519SigningFromSeed(this.#seed);
    this.publicKey = this.#signing.publicKey;
    this.did = didKeyFromPublicKey(this.publicKey);
    this.verificationMethod = verificationMethodFor(this.did);
    this.peerId = peerIdFromPrivateKey(libp2pPrivateKeyFromSeed(this.#seed));
    this.peerIdString = this.peerId.toString();
    Object.freeze(this);
  }

  /** The owner key for a 32-byte seed (the seed is copied). */
  static fromSeed(seed: Uint8Array): OwnerKey {
    return new OwnerKey(seed);
  }

  /** A new random owner key. */
  static generate(): OwnerKey {
    return new OwnerKey(generateSeed());
  }

  /** The key restored from its 24-word recovery phrase (see recovery.ts). */
  static fromRecoveryPhrase(phrase: string): OwnerKey {
    return new OwnerKey(seedFromRecoveryPhrase(phrase));
  }

  sign(message: Uint8Array): Uint8Array {
    return this.#signing.sign(message);
  }

  /** A copy of the seed, for the keystore only. */
  exportSeed(): Uint8Array {
    return Uint8Array.from(this.#seed);
  }

  /**
   * The key that wraps this owner's locker key (store/locker-key.ts): derived from the seed
   * with HKDF-SHA256 (RFC 5869), so the same identity — restored from its phrase too —
   * opens its locker, and the seed itself never leaves this object.
   */
  lockerWrappingKey(): Uint8Array {
    return new Uint8Array(hkdfSync('sha256', this.#seed, new Uint8Array(0), 'kith/locker-wrapping-key/v1', 32));
  }

  /**
   * X25519 with this key's Montgomery form (x25519.ts) and `peerPublic`: how a recovery
   * share sealed to this identity's did:key is opened, without the seed leaving the object.
   */
  agree(peerPublic: Uint8Array): Uint8Array {
    const secret = x25519SecretFromSeed(this.#seed);
    try {
      return x25519Agree(secret, peerPublic);
    } finally {
      secret.fill(0);
    }
  }

  /** The 24 words that restore this key: show only when the owner asks. */
  recoveryPhrase(): string {
    return recoveryPhraseFromSeed(this.#seed);
  }

  /** The libp2p private key object for the network layer. */
  libp2pPrivateKey(): Ed25519PrivateKey {
    return libp2pPrivateKeyFromSeed(this.#seed);
  }

  toJSON(): { did: string; peerId: string } {
    return { did: this.did, peerId: this.peerIdString };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `OwnerKey(${this.did})`;
  }

  toString(): string {
    return `OwnerKey(${this.did})`;
  }
}
