// Migration 4: a leaner write path (measured by bench/vendor-ingest.ts). The current-row
// table stopped carrying a second copy of each signed credential (~1 KiB a record): it
// names its version row by credential_id and readers join record_versions for the
// credential. Two indexes no query used go: records_type (nothing reads records by type
// across customers; a BI tool that wants it can add its own) and record_versions_record
// (every read of versions is per customer, which the primary key's first column serves).
// Each cost a write per record.
export const name = 'lean-records';

export const up = `
ALTER TABLE kith_vendor.records ADD COLUMN credential_id text;
-- A revoked row keeps no credential: it stays NULL there, as credential was.
UPDATE kith_vendor.records r SET credential_id = v.credential_id
FROM kith_vendor.record_versions v
WHERE v.customer_did = r.customer_did AND v.grant_id = r.grant_id AND v.record_id = r.record_id AND v.version = r.version
  AND r.revoked_at IS NULL;
ALTER TABLE kith_vendor.records DROP COLUMN credential;
DROP INDEX kith_vendor.records_type;
DROP INDEX kith_vendor.record_versions_record;
`;
