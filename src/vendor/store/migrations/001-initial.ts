// Migration 1: what a vendor node receives from its customers. The tables are documented
// for BI and CRM readers in the README ("Vendor store"). Every table is in the schema
// kith_vendor, so a CRM's own tables in the same database never collide with ours.
export const name = 'initial';

export const up = `
-- One row per customer (a contact that shared with us or made an agreement).
CREATE TABLE kith_vendor.customers (
  did         text PRIMARY KEY,
  peer_id     text NOT NULL UNIQUE,
  name        text,
  first_seen  timestamptz NOT NULL,
  last_seen   timestamptz NOT NULL
);

-- Agreements the vendor countersigned (a proof set: the customer's and our signature).
CREATE TABLE kith_vendor.agreements (
  id            text PRIMARY KEY,
  customer_did  text NOT NULL REFERENCES kith_vendor.customers(did),
  purpose       text NOT NULL,
  terms         jsonb NOT NULL,
  status        text NOT NULL CHECK (status IN ('active', 'ended')),
  created_at    timestamptz NOT NULL,
  ended_at      timestamptz,
  credential    jsonb NOT NULL
);
CREATE INDEX agreements_customer ON kith_vendor.agreements (customer_did);

-- A customer's grant to us: purpose, terms, expiry. Grant ids are unique per customer only.
CREATE TABLE kith_vendor.grants (
  customer_did   text NOT NULL REFERENCES kith_vendor.customers(did),
  id             text NOT NULL,
  agreement_id   text REFERENCES kith_vendor.agreements(id),
  purpose        text,
  terms          jsonb,
  expires_at     timestamptz,
  first_received timestamptz NOT NULL,
  revoked_at     timestamptz,
  PRIMARY KEY (customer_did, id)
);

-- Every record version received, with the credential it came in (its provenance: issuer,
-- grant, holder, proof). Deleted on revocation.
CREATE TABLE kith_vendor.record_versions (
  customer_did   text NOT NULL,
  credential_id  text NOT NULL,
  grant_id       text NOT NULL,
  record_id      text NOT NULL,
  version        integer NOT NULL,
  record_type    text NOT NULL,
  deleted        boolean NOT NULL,
  data           jsonb,
  credential     jsonb NOT NULL,
  issued_at      timestamptz NOT NULL,
  received_at    timestamptz NOT NULL,
  PRIMARY KEY (customer_did, credential_id),
  FOREIGN KEY (customer_did, grant_id) REFERENCES kith_vendor.grants(customer_did, id)
);
CREATE INDEX record_versions_record ON kith_vendor.record_versions (customer_did, grant_id, record_id, version);

-- The current version of each record under each grant (what the customer shares now).
-- After a revocation the row stays without data, credential or version history: a note
-- that it was shared and deleted.
CREATE TABLE kith_vendor.records (
  customer_did   text NOT NULL,
  grant_id       text NOT NULL,
  record_id      text NOT NULL,
  record_type    text NOT NULL,
  version        integer NOT NULL,
  deleted        boolean NOT NULL,
  data           jsonb,
  credential     jsonb,
  shared_at      timestamptz NOT NULL,
  received_at    timestamptz NOT NULL,
  revoked_at     timestamptz,
  PRIMARY KEY (customer_did, grant_id, record_id),
  FOREIGN KEY (customer_did, grant_id) REFERENCES kith_vendor.grants(customer_did, id)
);
CREATE INDEX records_type ON kith_vendor.records (record_type) WHERE revoked_at IS NULL;

-- The customer's consent receipt for a grant, countersigned by us (the latest one).
CREATE TABLE kith_vendor.consent_receipts (
  customer_did     text NOT NULL,
  grant_id         text NOT NULL,
  receipt_id       text NOT NULL,
  countersigned_at timestamptz NOT NULL,
  credential       jsonb NOT NULL,
  PRIMARY KEY (customer_did, grant_id),
  FOREIGN KEY (customer_did, grant_id) REFERENCES kith_vendor.grants(customer_did, id)
);

-- The deletion receipt we signed when a grant was revoked, as sent to the customer.
CREATE TABLE kith_vendor.deletion_receipts (
  customer_did  text NOT NULL,
  grant_id      text NOT NULL,
  receipt_id    text NOT NULL,
  records       jsonb NOT NULL,
  deleted_at    timestamptz NOT NULL,
  credential    jsonb NOT NULL,
  PRIMARY KEY (customer_did, grant_id),
  FOREIGN KEY (customer_did, grant_id) REFERENCES kith_vendor.grants(customer_did, id)
);

-- Deletions the terms oblige us to make: a "delete after N days" clause schedules one
-- when the grant's first record arrives; done_at is set when it is carried out.
CREATE TABLE kith_vendor.scheduled_deletions (
  customer_did  text NOT NULL,
  grant_id      text NOT NULL,
  due_at        timestamptz NOT NULL,
  reason        text NOT NULL,
  done_at       timestamptz,
  PRIMARY KEY (customer_did, grant_id),
  FOREIGN KEY (customer_did, grant_id) REFERENCES kith_vendor.grants(customer_did, id)
);
CREATE INDEX scheduled_deletions_due ON kith_vendor.scheduled_deletions (due_at) WHERE done_at IS NULL;
`;
