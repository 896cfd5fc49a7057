// What every part of the core needs from the owner's key: sign bytes, name itself.
// The secret key stays inside the object that implements this (see identity.ts).

export interface Signer {
  /** did:key:z6Mk… — the owner's decentralized identifier. */
  readonly did: string;
  /** `${did}#${multibase key}` — the verification method named in proofs. */
  readonly verificationMethod: string;
  /** The raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  /** A 64-byte Ed25519 signature over `message`. */
  sign(message: Uint8Array): Uint8Array;
}
