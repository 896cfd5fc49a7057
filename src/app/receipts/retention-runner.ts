// Carries out the deletions customers' terms scheduled ("delete after N days"), on a
// running vendor node: at start (whatever fell due while it was down) and then every
// minute. Each deletion happens in the vendor store (retention.ts); its signed deletion
// receipt — the same credential a revocation gets back — is then queued in the outbox for
// the customer, with the audit entry, in one locker commit. The clock that decides what is
// due is injectable so tests need not wait days (the outbox keeps the real one: it sends now).
import type { Signer } from '../../identity/signer.ts';
import type { Locker } from '../../store/locker.ts';
import { queueChange } from '../../trust/outbox.ts';
import { deletionReceipt } from '../../trust/revocation.ts';
import type { VendorStore } from '../../vendor/store/vendor-store.ts';

const SWEEP_MS = 60_000;

export interface RetentionDeps {
  readonly store: () => Promise<VendorStore>;
  readonly locker: () => Promise<Locker>;
  readonly signer: () => Signer;
  readonly now?: () => Date;
  readonly intervalMs?: number;
  /** Something was queued for a customer (the deliverer sends it now). */
  readonly onQueued?: () => void;
}

export class RetentionRunner {
  readonly #deps: RetentionDeps;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;
  #stopped = false;

  constructor(deps: RetentionDeps) {
    this.#deps = deps;
  }

  start(): void {
    const tick = () => {
      void this.sweep()
        .catch(() => 0) // the store may be down: the next sweep tries again
        .finally(() => {
          if (!this.#stopped) this.#timer = setTimeout(tick, this.#deps.intervalMs ?? SWEEP_MS);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    await this.#running?.catch(() => undefined);
  }

  /** One sweep (never two at once): returns how many deletion receipts it queued. */
  sweep(): Promise<number> {
    this.#running ??= this.#sweep().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #sweep(): Promise<number> {
    const store = await this.#deps.store();
    const signer = this.#deps.signer();
    const now = (this.#deps.now ?? (() => new Date()))();
    await store.executeDueDeletions(now, (customer, grant, records) => deletionReceipt(signer, { owner: customer, grant, records, time: now.toISOString() }));
    // Also those a crash left between the store's commit and the outbox's.
    const done = await store.deletionReceiptsToQueue();
    const locker = await this.#deps.locker();
    for (const deletion of done) {
      await locker.commit(signer, {
        items: [queueChange(deletion.peerId, `deletion:${deletion.grant}`, 'deletion-receipt', { type: 'deletion', receipt: deletion.receipt })],
        audit: [{ kind: 'retention.deleted', details: { customer: deletion.customer, grant: deletion.grant, records: deletion.records, receipt: String(deletion.receipt['id'] ?? '') } }],
      });
      await store.deletionReceiptQueued(deletion.customer, deletion.grant, now);
    }
    if (done.length > 0) this.#deps.onQueued?.();
    return done.length;
  }
}
