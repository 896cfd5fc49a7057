// JSON shapes shared by the Data Integrity code (W3C VC Data Integrity 1.0, §2.1 Proofs).

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A Data Integrity proof as found in a secured document, after parsing. */
export interface DataIntegrityProof {
  readonly type: 'DataIntegrityProof';
  readonly cryptosuite: string;
  readonly verificationMethod: string;
  readonly proofPurpose: string;
  readonly proofValue: string;
  readonly id?: string;
  readonly created?: string;
  readonly previousProof?: string | readonly string[];
}

/** One proof that verified, and who made it. */
export interface VerifiedProof {
  /** Position in the document's proof set (0 for a lone proof). */
  readonly index: number;
  readonly id: string | undefined;
  readonly cryptosuite: string;
  /** The did:key of the signer (the verification method's controller). */
  readonly signer: string;
  readonly verificationMethod: string;
  readonly proofPurpose: string;
  readonly created: string | undefined;
  /** The ids of the proofs this one chains to (Data Integrity §2.1.2 Proof Chains). */
  readonly previousProof: readonly string[];
}
