// One entry of the audit trail: its format, how it is signed, and how it is hashed.
//
// Format (stored as JSON under `a:<seq:12>`, see keys.ts):
//   {
//     seq:     0, 1, 2, … with no gaps; equal to the number in its key
//     prev:    hex SHA-256 of the previous entry; for seq 0 (genesis) 64 zeros
//     time:    ISO 8601 UTC time the entry was written (Date#toISOString)
//     kind:    what happened, e.g. "record.put" (1..100 characters)
//     details: a JSON object describing it (the caller's; never secrets)
//     signer:  the owner's DID
//     sig:     base64url (no padding) of the 64-byte Ed25519 signature by the owner's key
//              over the RFC 8785 (JCS) canonical bytes of the entry WITHOUT `sig`
//   }
// The entry's hash (what the next entry's `prev` holds, and what the head pointer and the
// checkpoint record) is the hex SHA-256 of the JCS canonical bytes of the WHOLE entry,
// `sig` included, so a changed signature breaks the chain as surely as changed content.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalBytes } from '../credentials/jcs.ts';
import type { Signer } from '../identity/signer.ts';
import { verifyEd25519 } from '../identity/ed25519.ts';
import { KithError } from '../base/errors.ts';
import type { AuditKind } from '../api/activity/audit-sentences.ts';
import { hex64, seqNumber } from './db.ts';

export const GENESIS_PREV = '0'.repeat(64);
export const MAX_KIND_LENGTH = 100;

export interface AuditEntry {
  readonly seq: number;
  readonly prev: string;
  readonly time: string;
  readonly kind: string;
  readonly details: Record<string, unknown>;
  readonly signer: string;
  readonly sig: string;
}

/**
 * What a caller asks to be recorded; the store adds seq, prev, time, signer and sig. Only a
 * kind with a sentence in the Activity table may be written (entries read back, from disk
 * or a bundle, may carry any kind: a newer Kith's).
 */
export interface AuditInput {
  readonly kind: AuditKind;
  readonly details: Record<string, unknown>;
}

export const auditEntrySchema = z.strictObject({
  seq: seqNumber,
  prev: hex64,
  time: z.iso.datetime(),
  kind: z.string().min(1).max(MAX_KIND_LENGTH),
  details: z.record(z.string(), z.json()),
  signer: z.string().min(1),
  sig: z.string().regex(/^[A-Za-z0-9_-]{86}$/),
});

/** The owner a chain is checked against. */
export interface ChainOwner {
  readonly did: string;
  readonly publicKey: Uint8Array;
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function entryHash(entry: AuditEntry): string {
  return sha256Hex(canonicalBytes(entry));
}

function unsignedBytes(entry: Omit<AuditEntry, 'sig'> & { sig?: string }): Uint8Array {
  const { sig: _sig, ...unsigned } = entry;
  return canonicalBytes(unsigned);
}

export function validateAuditInput(input: AuditInput): void {
  if (typeof input.kind !== 'string' || input.kind.length === 0 || input.kind.length > MAX_KIND_LENGTH) {
    throw new KithError('InvalidInput', `An audit kind must be 1 to ${MAX_KIND_LENGTH} characters.`);
  }
  if (typeof input.details !== 'object' || input.details === null || Array.isArray(input.details)) {
    throw new KithError('InvalidInput', 'Audit details must be a JSON object.');
  }
}

/** Builds and signs the entry that follows `prev` (a chain point, or undefined for genesis). */
export function createEntry(
  signer: Signer,
  prev: { seq: number; hash: string } | undefined,
  input: AuditInput,
  time: string,
): AuditEntry {
  const unsigned = {
    seq: prev === undefined ? 0 : prev.seq + 1,
    prev: prev === undefined ? GENESIS_PREV : prev.hash,
    time,
    kind: input.kind,
    details: input.details,
    signer: signer.did,
  };
  const signature = signer.sign(unsignedBytes(unsigned));
  return { ...unsigned, sig: Buffer.from(signature).toString('base64url') };
}

/** Why the entry's own signature does not hold, or undefined if it does. */
export function signatureProblem(entry: AuditEntry, owner: ChainOwner): string | undefined {
  if (entry.signer !== owner.did) return `Audit entry ${entry.seq} names a signer other than the locker's owner.`;
  const sig = Buffer.from(entry.sig, 'base64url');
  if (sig.length !== 64 || !verifyEd25519(owner.publicKey, unsignedBytes(entry), new Uint8Array(sig))) {
    return `Audit entry ${entry.seq} has a signature that does not verify.`;
  }
  return undefined;
}

