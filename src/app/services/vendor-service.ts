// vendor.*: the vendor console over the vendor store — customers, one customer's holdings,
// and the export for CRM imports. A person's node has no vendor store and says so.
import { writeFile } from 'node:fs/promises';
import type { AppApi } from '../../api/contract.ts';
import type { CustomerView, HoldingsView } from '../../api/methods/vendor.ts';
import { KithError } from '../../base/errors.ts';
import { toCsv, toJsonLines } from '../../vendor/export/crm-export.ts';
import type { CustomerRow } from '../../vendor/store/reads.ts';
import type { VendorStore } from '../../vendor/store/vendor-store.ts';
import { writeAtomically } from '../files.ts';
import type { VendorStoreHandle } from '../vendor-store-choice.ts';

type VendorApi = Pick<
  AppApi,
  'vendor.customers' | 'vendor.holdings' | 'vendor.export' | 'vendor.webhooks.add' | 'vendor.webhooks.list' | 'vendor.webhooks.remove' | 'vendor.webhooks.test' | 'vendor.webhooks.deliveries'
>;

function customerView(row: CustomerRow): CustomerView {
  return { did: row.did, ...(row.name === null ? {} : { name: row.name }), agreements: row.agreements, records: row.records, since: row.first_seen };
}

function optional<K extends string>(key: K, value: string | null): { [P in K]?: string } {
  return (value === null ? {} : { [key]: value }) as { [P in K]?: string };
}

export function vendorService(handle: VendorStoreHandle | undefined): VendorApi {
  const store = (): Promise<VendorStore> => {
    if (handle === undefined) throw new KithError('Unsupported', 'This is not a vendor node: it has no vendor store.', { hint: 'Run it as one with `kith start --vendor`.' });
    return handle.store();
  };
  return {
    async 'vendor.customers'({ search, limit, offset }) {
      // Searched and paged in SQL: a page of the console reads a page of rows.
      const rows = await (await store()).customers({ search, limit, offset });
      return rows.map(customerView);
    },
    async 'vendor.holdings'({ customer }) {
      const found = await (await store()).customer(customer);
      if (found === undefined) throw new KithError('NotFound', `${customer} is not a customer of this vendor node.`, { hint: 'See your customers with `kith vendor customers`.' });
      const { holdings } = found;
      const view: HoldingsView = {
        customer: customerView(found.customer),
        agreements: holdings.agreements.map((a) => ({ id: a.id, purpose: a.purpose, terms: a.terms, status: a.status, created: a.created_at, ...optional('ended', a.ended_at) })),
        grants: holdings.grants.map((g) => ({
          id: g.id,
          ...optional('agreement', g.agreement_id),
          ...optional('purpose', g.purpose),
          terms: g.terms,
          ...optional('expires', g.expires_at),
          firstReceived: g.first_received,
          ...optional('revoked', g.revoked_at),
        })),
        records: holdings.records.map((r) => ({
          grant: r.grant_id,
          id: r.record_id,
          type: r.record_type,
          version: r.version,
          deleted: r.deleted,
          data: r.data ?? null,
          sharedAt: r.shared_at,
          receivedAt: r.received_at,
          ...optional('revoked', r.revoked_at),
          versions: r.versions.map((v) => ({ version: v.version, credentialId: v.credential_id, sharedAt: v.issued_at, receivedAt: v.received_at })),
        })),
        scheduledDeletions: holdings.scheduledDeletions.map((d) => ({ grant: d.grant_id, due: d.due_at, reason: d.reason, ...optional('done', d.done_at) })),
      };
      return view;
    },
    async 'vendor.export'({ format, outPath, overwrite }) {
      const records = await (await store()).liveRecords();
      const { content, rows } = format === 'csv' ? toCsv(records) : toJsonLines(records);
      if (outPath === undefined) return { rows, content };
      // Written whole beside the target and then named, so a failed export leaves no half file.
      await writeAtomically(outPath, overwrite === true, (temp) => writeFile(temp, content, { flag: 'wx', mode: 0o600 }));
      return { rows, path: outPath };
    },
    async 'vendor.webhooks.add'({ url }) {
      return (await store()).addWebhook(url);
    },
    async 'vendor.webhooks.list'() {
      // The secret is never listed: it was shown once, when the endpoint was added.
      return (await (await store()).webhooks()).map((e) => ({ id: e.id, url: e.url, enabled: e.enabled, ...optional('disabledReason', e.disabled_reason), created: e.created_at }));
    },
    async 'vendor.webhooks.remove'({ id }) {
      await (await store()).removeWebhook(id);
      return {};
    },
    async 'vendor.webhooks.test'({ id }) {
      await (await store()).testWebhook(id);
      return {};
    },
    async 'vendor.webhooks.deliveries'({ limit }) {
      return (await (await store()).webhookDeliveries(limit)).map((d) => ({
        id: d.id,
        endpoint: d.endpoint_id,
        type: d.event_type,
        status: d.status,
        attempts: d.attempts,
        nextAttempt: d.next_attempt_at,
        ...(d.last_status === null ? {} : { lastStatus: d.last_status }),
        ...optional('lastError', d.last_error),
        created: d.created_at,
        ...optional('finished', d.finished_at),
      }));
    },
  };
}
