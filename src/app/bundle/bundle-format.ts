// The portable bundle: one POSIX tar file (so any tool can look inside) holding
//
//   records.jsonl       every version of every record, one signed credential per line
//   audit.jsonl         the audit trail, one signed, hash-chained entry per line
//   blobs/<sha256>      each live document's file, named by its SHA-256
//   manifest.json       LAST: a credential signed by the owner giving the SHA-256 and
//                       size of records.jsonl and audit.jsonl, and the counts
//
// Blobs need no manifest line: each is named by its hash (checked as it is read) and
// named again, with its size, by the signed document record that owns it — so the
// manifest stays small however many documents there are. The manifest comes last so
// that export streams: a part's hash is known only once it is written.
import { z } from 'zod';

export const BUNDLE_FORMAT = 1;
export const MANIFEST_NAME = 'manifest.json';
export const RECORDS_NAME = 'records.jsonl';
export const AUDIT_NAME = 'audit.jsonl';
export const BLOB_PREFIX = 'blobs/';
export const MANIFEST_CREDENTIAL_TYPE = 'KithBundleManifest';

/** Limits for reading a bundle, which is untrusted input like any other file. */
export const BUNDLE_LIMITS = {
  manifestBytes: 64 * 1024,
  /** One line of records.jsonl / audit.jsonl. */
  lineBytes: 1024 * 1024,
  partBytes: 16 * 1024 * 1024 * 1024,
  files: 1_000_000,
} as const;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest');

export const bundleFileSchema = z.strictObject({
  path: z.string().max(200),
  sha256,
  size: z.number().int().nonnegative(),
});
export type BundleFile = z.output<typeof bundleFileSchema>;

export const manifestSubjectSchema = z.strictObject({
  id: z.string(),
  format: z.literal(BUNDLE_FORMAT),
  created: z.string(),
  records: z.number().int().nonnegative(),
  versions: z.number().int().nonnegative(),
  documents: z.number().int().nonnegative(),
  auditEntries: z.number().int().nonnegative(),
  files: z.array(bundleFileSchema).length(2),
});
export type ManifestSubject = z.output<typeof manifestSubjectSchema>;

/** True for the names a bundle may contain; anything else is refused by name. */
export function isBundlePath(path: string): boolean {
  return path === RECORDS_NAME || path === AUDIT_NAME || path === MANIFEST_NAME || /^blobs\/[0-9a-f]{64}$/.test(path);
}
