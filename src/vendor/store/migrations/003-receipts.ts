// Migration 3: e-receipts the vendor sent its customers, and whether the deletion receipt
// of a scheduled deletion reached the customer. A scheduled deletion is carried out in the
// store (data gone, receipt signed, done_at set) and its receipt then queued for the
// customer in the node's outbox; receipt_queued_at closes the gap between the two commits
// (a crash in between is found and queued again at the next start).
export const name = 'receipts';

export const up = `
-- One row per e-receipt: the signed credential as sent, and what the customer's node said.
CREATE TABLE kith_vendor.sent_receipts (
  id            text PRIMARY KEY,
  customer_did  text NOT NULL,
  order_id      text NOT NULL,
  total         text NOT NULL,
  currency      text NOT NULL,
  credential    jsonb NOT NULL,
  status        text NOT NULL CHECK (status IN ('queued', 'stored', 'duplicate', 'declined', 'refused')),
  refused_code  text,
  created_at    timestamptz NOT NULL,
  answered_at   timestamptz
);
CREATE INDEX sent_receipts_customer ON kith_vendor.sent_receipts (customer_did, created_at);

-- done_by: 'schedule' when the due date carried it out, 'revocation' when the customer
-- revoked first (that receipt went back in the revocation's answer).
ALTER TABLE kith_vendor.scheduled_deletions
  ADD COLUMN done_by text CHECK (done_by IN ('schedule', 'revocation')),
  ADD COLUMN receipt_queued_at timestamptz,
  ADD COLUMN receipt_delivered_at timestamptz;
`;
