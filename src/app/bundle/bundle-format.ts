// The portable bundle: one POSIX tar file (so any tool can look inside) holding
//
//   records.jsonl       every version of every record, one signed credential per line
//   audit.jsonl         the audit trail, one signed, hash-chained entry per line
//   blobs/<sha256>      each document's file, named by its SHA-256
//   manifest.json       LAST: a credential signed by the owner that lists every file
//                       above with its SHA-256 and size, and the counts
//
// The manifest comes last so that export streams: hashes are known only once each part
// is written. Import reads the whole tar first, checks the manifest, then every part.
import { z } from 'zod';

export const BUNDLE_FORMAT = 1;
export const MANIFEST_NAME = 'manifest.json';
export const RECORDS_NAME = 'records.jsonl';
export const AUDIT_NAME = 'audit.jsonl';
export const BLOB_PREFIX = 'blobs/';
export const MANIFEST_CREDENTIAL_TYPE = 'KithBundleManifest';

/** Limits for reading a bundle, which is untrusted input like any other file. */
export const BUNDLE_LIMITS = {
  manifestBytes: 16 * 1024 * 1024,
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
  auditEntries: z.number().int().nonnegative(),
  files: z.array(bundleFileSchema).max(BUNDLE_LIMITS.files),
});
export type ManifestSubject = z.output<typeof manifestSubjectSchema>;

/** True for the names a bundle may contain; anything else is refused by name. */
export function isBundlePath(path: string): boolean {
  return path === RECORDS_NAME || path === AUDIT_NAME || path === MANIFEST_NAME || /^blobs\/[0-9a-f]{64}$/.test(path);
}
