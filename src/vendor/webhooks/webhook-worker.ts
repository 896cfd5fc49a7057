// Sends the vendor store's queued webhook deliveries, signed by the Standard Webhooks rules
// (the `standardwebhooks` package: webhook-id, webhook-timestamp, webhook-signature, HMAC-
// SHA256 under the endpoint's whsec_ secret). Each endpoint is worked on its own — a few
// deliveries in flight per endpoint, each with its own 15 s timeout — so one slow or dead
// endpoint never delays another. Only 2xx is success; 410 Gone disables the endpoint.
import { Webhook } from 'standardwebhooks';
import type { SqlDriver } from '../store/driver.ts';
import { claimDue, finish, listEndpoints, type EndpointRow, type JobRow, type Outcome } from '../store/webhook-queue.ts';
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

export class WebhookWorker {
  readonly #db: SqlDriver;
  readonly #timeoutMs: number;
  readonly #pollMs: number;
  readonly #perEndpoint: number;
  readonly #schedule: readonly number[];
  readonly #inFlight = new Map<string, Set<Promise<void>>>();
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
    await Promise.all([...this.#inFlight.values()].flatMap((set) => [...set]));
  }

  /** Claims what is due for each endpoint with room, and sends it without waiting. */
  async poll(now = new Date()): Promise<void> {
    for (const endpoint of await listEndpoints(this.#db)) {
      if (!endpoint.enabled) continue;
      const running = this.#inFlight.get(endpoint.id) ?? new Set();
      this.#inFlight.set(endpoint.id, running);
      const room = this.#perEndpoint - running.size;
      if (room <= 0) continue;
      // The lease outlasts the timeout, so a live sender's row is never taken from it.
      for (const job of await claimDue(this.#db, endpoint.id, room, this.#timeoutMs + 15_000, now)) {
        const sending: Promise<void> = this.#deliver(endpoint, job)
          .catch(() => undefined)
          .finally(() => running.delete(sending));
        running.add(sending);
      }
    }
  }

  /** Waits for every send started so far (tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.#inFlight.values()].flatMap((set) => [...set]));
  }

  async #deliver(endpoint: EndpointRow, job: JobRow): Promise<void> {
    const outcome = await this.#attempt(endpoint, job);
    await finish(this.#db, job, outcome);
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
