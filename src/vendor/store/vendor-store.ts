// The vendor store: what a vendor node receives from its customers, in PostgreSQL (PGlite
// embedded by default, a server at scale). It is the vendor node's Holdings — the share
// protocol keeps deliveries here instead of in the LevelDB locker — and what the vendor
// console reads. Migrations run before the first query, and again after a failed start
// (the server may come up after the node does).
import { join } from 'node:path';
import { KithError } from '../../base/errors.ts';
import type { Agreement } from '../../trust/agreements.ts';
import type { Holdings } from '../../trust/holdings.ts';
import { WebhookWorker, type WebhookWorkerOptions } from '../webhooks/webhook-worker.ts';
import type { SqlDriver } from './driver.ts';
import { enqueueEvents } from './webhook-events.ts';
import { addEndpoint, listDeliveries, listEndpoints, removeEndpoint, type DeliveryRow, type EndpointRow } from './webhook-queue.ts';
import { forgetGrant, keepAgreement, keepBatch } from './ingest.ts';
import { deleteCustomerMessages, keepMessages, listMessages, type MessageRow, type StoredMessageRow } from './messages.ts';
import { migrate } from './migrate.ts';
import { executeNextDue, listCompliance, markReceiptDelivered, markReceiptQueued, receiptsToQueue, type ComplianceRow, type DeletionDone } from './retention.ts';
import { answerSentReceipt, dropSentReceipt, keepSentReceipt, listSentReceipts, type SentReceipt, type SentRow, type SentStatus } from './sent-receipts.ts';
import type { JsonObject } from '../../credentials/types.ts';
import { customerHoldings, listCustomers, listReceipts, listShared, liveRecords, retentionTerms, type CustomerFilter, type CustomerHoldings, type CustomerRow, type ExportRow, type RetentionTermsRow } from './reads.ts';

export type StoreSpec = { readonly kind: 'pglite'; readonly dir: string } | { readonly kind: 'postgres'; readonly url: string };

/** The folder PGlite keeps the store in, inside the vendor's data folder. */
export function pgliteDir(home: string): string {
  return join(home, 'vendor-store');
}

/** `--store` / KITH_VENDOR_STORE: unset or "pglite" for the embedded store, else a postgres:// URL. */
export function parseStoreSpec(value: string | undefined, home: string): StoreSpec {
  if (value === undefined || value === '' || value === 'pglite') return { kind: 'pglite', dir: pgliteDir(home) };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new KithError('InvalidInput', `The vendor store "${value}" is neither "pglite" nor a postgres:// URL.`, { hint: 'Use --store postgres://USER@HOST:PORT/DB (the password in PGPASSWORD or ~/.pgpass).' });
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new KithError('InvalidInput', `The vendor store must be a postgres:// URL, not ${url.protocol}//.`, { hint: 'Use --store postgres://USER@HOST:PORT/DB.' });
  }
  if (url.pathname.length <= 1) throw new KithError('InvalidInput', 'The vendor store URL names no database.', { hint: 'Add it at the end: postgres://USER@HOST:PORT/DB.' });
  return { kind: 'postgres', url: value };
}

/** The spec with any password taken out: what may be written to the data folder or shown. */
export function describeSpec(spec: StoreSpec): string {
  if (spec.kind === 'pglite') return 'pglite';
  const url = new URL(spec.url);
  url.password = '';
  return url.toString();
}

export class VendorStore {
  readonly spec: StoreSpec;
  readonly #driver: SqlDriver;
  #ready: Promise<void> | undefined;

  private constructor(spec: StoreSpec, driver: SqlDriver) {
    this.spec = spec;
    this.#driver = driver;
  }

  static async open(spec: StoreSpec): Promise<VendorStore> {
    // Each driver (and its library) is loaded only by the node that uses it: a person's
    // node and a one-off `kith` command load neither.
    const driver = spec.kind === 'pglite' ? await (await import('./pglite-driver.ts')).openPgliteDriver(spec.dir) : (await import('./pg-driver.ts')).openPgDriver(spec.url);
    return new VendorStore(spec, driver);
  }

  /** The driver, for the benchmark's bare-SQL baseline and the tests. */
  get driver(): SqlDriver {
    return this.#driver;
  }

  /** Migrated and reachable; a failure is not cached, so the next call tries again. */
  ready(): Promise<void> {
    if (this.#ready === undefined) {
      const migrating = migrate(this.#driver).then(() => undefined);
      migrating.catch(() => {
        if (this.#ready === migrating) this.#ready = undefined;
      });
      this.#ready = migrating;
    }
    return this.#ready;
  }

  /** This store as a vendor node's Holdings; `self` is the vendor's DID (the holder in its receipts). */
  holdings(self: string): Holdings {
    return {
      keep: async (batch) => {
        await this.ready();
        return this.#driver.transaction((tx) => keepBatch(tx, batch));
      },
      forget: async (from, grant, sign) => {
        await this.ready();
        return this.#driver.transaction((tx) => forgetGrant(tx, from, grant, sign));
      },
      list: async () => {
        await this.ready();
        return listShared(this.#driver);
      },
      receipts: async () => {
        await this.ready();
        return listReceipts(this.#driver, self);
      },
      agreement: async (agreement: Agreement) => {
        await this.ready();
        await this.#driver.transaction((tx) => keepAgreement(tx, agreement));
      },
    };
  }

  /** Customers newest first; the search and the page are done in SQL. */
  async customers(filter: Omit<CustomerFilter, 'did'> = {}): Promise<CustomerRow[]> {
    await this.ready();
    return listCustomers(this.#driver, filter);
  }

  /** One customer, or undefined if the store has never heard of them. */
  async customer(did: string): Promise<{ customer: CustomerRow; holdings: CustomerHoldings } | undefined> {
    await this.ready();
    const [customer] = await listCustomers(this.#driver, { did });
    if (customer === undefined) return undefined;
    return { customer, holdings: await customerHoldings(this.#driver, did) };
  }

  async liveRecords(now = new Date()): Promise<ExportRow[]> {
    await this.ready();
    return liveRecords(this.#driver, now);
  }

  async addWebhook(url: string): Promise<{ id: string; secret: string }> {
    await this.ready();
    return addEndpoint(this.#driver, url);
  }

  async webhooks(): Promise<EndpointRow[]> {
    await this.ready();
    return listEndpoints(this.#driver);
  }

  async removeWebhook(id: string): Promise<void> {
    await this.ready();
    await removeEndpoint(this.#driver, id);
  }

  /** Queues a webhook.test event for one endpoint. */
  async testWebhook(id: string): Promise<void> {
    await this.ready();
    if ((await listEndpoints(this.#driver, id)).length === 0) throw new KithError('NotFound', `There is no webhook endpoint ${id}.`, { hint: 'See them with `kith vendor webhook list`.' });
    await this.#driver.transaction((tx) => enqueueEvents(tx, [{ type: 'webhook.test', data: { endpoint: id } }], new Date().toISOString(), id));
  }

  async webhookDeliveries(limit = 100): Promise<DeliveryRow[]> {
    await this.ready();
    return listDeliveries(this.#driver, limit);
  }

  /** The sender of this store's queued webhook deliveries (a daemon runs one). */
  webhookWorker(options: WebhookWorkerOptions = {}): WebhookWorker {
    return new WebhookWorker(this.#driver, options);
  }

  /**
   * Carries out every scheduled deletion due at `now`, each in its own transaction (one
   * failure leaves the rest done), and returns them; `sign` makes each deletion receipt.
   */
  async executeDueDeletions(now: Date, sign: (customer: string, grant: string, deleted: readonly string[]) => JsonObject): Promise<DeletionDone[]> {
    await this.ready();
    const done: DeletionDone[] = [];
    for (;;) {
      const next = await this.#driver.transaction((tx) => executeNextDue(tx, now, sign));
      if (next === undefined) return done;
      done.push(next);
    }
  }

  /** Scheduled deletions carried out whose receipt is not in the outbox yet. */
  async deletionReceiptsToQueue(): Promise<DeletionDone[]> {
    await this.ready();
    return receiptsToQueue(this.#driver);
  }

  async deletionReceiptQueued(customer: string, grant: string, now = new Date()): Promise<void> {
    await this.ready();
    await markReceiptQueued(this.#driver, customer, grant, now);
  }

  async deletionReceiptDelivered(customer: string, grant: string, now = new Date()): Promise<void> {
    await this.ready();
    await markReceiptDelivered(this.#driver, customer, grant, now);
  }

  /** Deletions owed and answered (kith vendor compliance). */
  async compliance(): Promise<ComplianceRow[]> {
    await this.ready();
    return listCompliance(this.#driver);
  }

  /** The terms of the grants with a scheduled deletion (their "delete after N days"). */
  async retentionTerms(): Promise<RetentionTermsRow[]> {
    await this.ready();
    return retentionTerms(this.#driver);
  }

  async keepSentReceipt(sent: SentReceipt): Promise<void> {
    await this.ready();
    await keepSentReceipt(this.#driver, sent);
  }

  async answerSentReceipt(id: string, answer: { status: Exclude<SentStatus, 'queued'>; code?: string }, now = new Date()): Promise<void> {
    await this.ready();
    await answerSentReceipt(this.#driver, id, answer, now);
  }

  async dropSentReceipt(id: string): Promise<void> {
    await this.ready();
    await dropSentReceipt(this.#driver, id);
  }

  async sentReceipts(customer?: string): Promise<SentRow[]> {
    await this.ready();
    return listSentReceipts(this.#driver, customer);
  }

  /** Conversation messages with customers (either side), upserted; `received` (ids) are announced by a `message.received` webhook. */
  async keepMessages(messages: readonly MessageRow[], received: ReadonlySet<string> = new Set(), now = new Date()): Promise<void> {
    await this.ready();
    await keepMessages(this.#driver, messages, received, now);
  }

  async messages(query: { customer?: string; search?: string; limit?: number } = {}): Promise<StoredMessageRow[]> {
    await this.ready();
    return listMessages(this.#driver, query);
  }

  async deleteMessages(customer: string): Promise<number> {
    await this.ready();
    return deleteCustomerMessages(this.#driver, customer);
  }

  close(): Promise<void> {
    return this.#driver.close();
  }
}
