// Migration 2: the CRM bridge's webhook endpoints and their durable delivery queue (the
// transactional outbox: events are queued in the same transaction as the data they tell
// of, and worked off with FOR UPDATE SKIP LOCKED so several vendor processes share it).
export const name = 'webhooks';

export const up = `
CREATE TABLE kith_vendor.webhook_endpoints (
  id              text PRIMARY KEY,
  url             text NOT NULL,
  secret          text NOT NULL,
  enabled         boolean NOT NULL DEFAULT true,
  disabled_reason text,
  created_at      timestamptz NOT NULL
);

-- One row per event and endpoint. id is the webhook-id header: the same on every retry.
CREATE TABLE kith_vendor.webhook_deliveries (
  id              text PRIMARY KEY,
  seq             bigint GENERATED ALWAYS AS IDENTITY,
  endpoint_id     text NOT NULL REFERENCES kith_vendor.webhook_endpoints(id) ON DELETE CASCADE,
  event_type      text NOT NULL,
  payload         jsonb NOT NULL,
  customer_did    text,
  grant_id        text,
  status          text NOT NULL CHECK (status IN ('pending', 'delivering', 'succeeded', 'failed', 'dropped')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  locked_until    timestamptz,
  last_status     integer,
  last_error      text,
  created_at      timestamptz NOT NULL,
  finished_at     timestamptz
);
CREATE INDEX webhook_deliveries_due ON kith_vendor.webhook_deliveries (endpoint_id, next_attempt_at) WHERE status IN ('pending', 'delivering');
CREATE INDEX webhook_deliveries_grant ON kith_vendor.webhook_deliveries (customer_did, grant_id) WHERE status IN ('pending', 'delivering');
`;
