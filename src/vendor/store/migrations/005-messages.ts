// Migration 5: conversations with customers (issue 12), kept by the vendor as signed: one
// row per message of either side, keyed by the customer and the message id (a retried
// delivery is the same row), with its thread and sequence number for the inbox and its
// delivery state. The text is in `message` (the signed object); the inbox searches it.
export const name = 'messages';

export const up = `
CREATE TABLE kith_vendor.messages (
  customer_did  text NOT NULL,
  id            text NOT NULL,
  mine          boolean NOT NULL,
  thread_id     text NOT NULL,
  seq           bigint NOT NULL,
  agreement_id  text,
  sent_at       timestamptz NOT NULL,
  message       jsonb NOT NULL,
  status        text NOT NULL CHECK (status IN ('sent', 'delivered', 'read')),
  stored_at     timestamptz NOT NULL,
  PRIMARY KEY (customer_did, id)
);
CREATE INDEX messages_inbox ON kith_vendor.messages (sent_at DESC);
CREATE INDEX messages_thread ON kith_vendor.messages (customer_did, thread_id, sent_at);
`;
