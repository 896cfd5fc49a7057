// Sends the vendor store's queued webhook deliveries, signed by the Standard Webhooks rules
// (the `standardwebhooks` package: webhook-id, webhook-timestamp, webhook-signature, HMAC-
// SHA256 under the endpoint's whsec_ secret). Each endpoint is worked on its own — a few
// deliveries in flight per endpoint, each with its own 15 s timeout — so one slow or dead
// endpoint never delays another. Only 2xx is success; 410 Gone disables the endpoint.
// The queue's own cost is kept small next to the sends (bench/vendor-webhooks.ts): an
// endpoint's due rows are claimed a wave at a time (32 per slot), sent with its few slots
// busy, and the wave's outcomes filed in one statement; a full wave claims the next at
// once, so a backlog goes at the receiver's pace, not the poll's.
import { Webhook } from 'standardwebhooks';
import type { SqlDriver } from '../store/driver.ts';
import { claimDue, finishAll, listEndpoints, type EndpointRow, type JobRow, type Outcome } from '../store/webhook-queue.ts';
import { SPEC_SCHEDULE_MS, nextDelay, retryAfterMs } from './retry.ts';

export interface WebhookWorkerOptions {
  readonly timeoutMs?: number;
  readonly pollMs?: number;
  /** Deliveries in flight per endpoint. */
  readonly perEndpoint?: number;
  /** The waits between attempts (tests shorten them). */
  readonly schedule?: readonly number[];
}

const SLOW_DOWN = new Set([429, 502, 504]);
/** Rows claimed per free slot in one wave. */
const WAVE_PER_SLOT = 32;

export class WebhookWorker {
  readonly #db: SqlDriver;
  readonly #timeoutMs: number;
  readonly #pollMs: number;
  readonly #perEndpoint: number;
  readonly #schedule: readonly number[];
  /** The wave an endpoint is working through, at most one per endpoint. */
  readonly #pumps = new Map<string, Promise<void>>();
  #timer: NodeJS.Timeout | undefined;
  #stopped = true;
  #polling: Promise<void> | undefined;

  constructor(db: SqlDriver, options: WebhookWorkerOptions = {}) {
    this.#db = db;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#pollMs = options.pollMs ?? 1_000;
    this.#perEndpoint = options.perEndpoint ?? 4;
    this.#schedule = options.schedule ?? SPEC_SCHEDULE_MS;
  }

  start(): void {
    this.#stopped = false;
    const tick = () => {
      this.#polling = this.poll()
        .catch(() => undefined) // the store is down: the next tick tries again
        .finally(() => {
          if (!this.#stopped) this.#timer = setTimeout(tick, this.#pollMs);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    await this.#polling;
    await this.settled();
  }

  /** Starts working the due rows of each enabled endpoint that is not busy already; sends are not awaited. */
  async poll(now = new Date()): Promise<void> {
    for (const endpoint of await listEndpoints(this.#db)) {
      if (!endpoint.enabled || this.#pumps.has(endpoint.id)) continue;
      const pump = this.#pump(endpoint, now)
        .catch(() => undefined) // the store is down: the next poll starts again
        .finally(() => this.#pumps.delete(endpoint.id));
      this.#pumps.set(endpoint.id, pump);
    }
  }

  /** Waits for every wave started so far (tests, stop). */
  async settled(): Promise<void> {
    await Promise.all([...this.#pumps.values()]);
  }

  /** Wave after wave while they come back full: claim, send with the endpoint's slots, file the outcomes. */
  async #pump(endpoint: EndpointRow, now: Date): Promise<void> {
    const wave = this.#perEndpoint * WAVE_PER_SLOT;
    // The lease outlasts the wave's sends done one slot after another, each up to the timeout, so a live sender's row is never taken from it.
    const leaseMs = WAVE_PER_SLOT * this.#timeoutMs + 15_000;
    for (let at = now; ; at = new Date()) {
      const jobs = await claimDue(this.#db, endpoint.id, wave, leaseMs, at);
      if (jobs.length === 0) return;
      const done: { job: JobRow; outcome: Outcome }[] = [];
      let next = 0;
      let gone = false;
      const slot = async () => {
        while (next < jobs.length && !gone) {
          const job = jobs[next++]!;
          const outcome = await this.#attempt(endpoint, job).catch((error: unknown): Outcome => ({ kind: 'retry', at: new Date(Date.now() + (this.#schedule[0] ?? 5_000)), error: error instanceof Error ? error.message : 'the send failed' }));
          if (outcome.kind === 'failed' && outcome.disableEndpoint === true) gone = true;
          done.push({ job, outcome });
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.#perEndpoint, jobs.length) }, slot));
      // After a 410 the rest of the wave is not sent: those rows go back unattempted (the endpoint is disabled).
      await finishAll(this.#db, done, jobs.slice(next));
      if (jobs.length < wave || gone || this.#stopped) return;
    }
  }

  async #attempt(endpoint: EndpointRow, job: JobRow): Promise<Outcome> {
    const body = JSON.stringify({ type: job.event_type, timestamp: job.created_at, data: job.payload });
    const sentAt = new Date();
    const headers = {
      'content-type': 'application/json',
      'webhook-id': job.id,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': new Webhook(endpoint.secret).sign(job.id, sentAt, body),
    };
    const retry = (error: string, status?: number, atLeastMs = 0): Outcome => {
      const delay = nextDelay(job.attempts, this.#schedule);
      if (delay === undefined) return { kind: 'failed', error: `gave up after ${job.attempts} attempts: ${error}`, ...(status === undefined ? {} : { status }) };
      return { kind: 'retry', at: new Date(Date.now() + Math.max(delay, atLeastMs)), error, ...(status === undefined ? {} : { status }) };
    };
    let response: Response;
    try {
      response = await fetch(endpoint.url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(this.#timeoutMs) });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return retry(timedOut ? `no answer within ${this.#timeoutMs / 1000} s` : 'the endpoint could not be reached');
    }
    await response.body?.cancel().catch(() => undefined); // the answer's body is not needed
    const status = response.status;
    if (status >= 200 && status < 300) return { kind: 'succeeded', status };
    if (status === 410) return { kind: 'failed', status, error: 'the endpoint answered 410 Gone: disabled', disableEndpoint: true };
    const slowDown = SLOW_DOWN.has(status) ? (retryAfterMs(response.headers.get('retry-after')) ?? 0) : 0;
    return retry(`HTTP ${status}`, status, slowDown);
  }
}
