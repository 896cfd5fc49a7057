// A holder catching up receives batches of up to 200 shared credentials, and checking one
// (JCS, schema, Ed25519) costs ~0.27 ms of CPU: a large batch is split over worker threads,
// one slice a lane, as a bundle import's records are (src/app/bundle/verify-pool.ts).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { WorkerPool } from '../base/worker-pool.ts';
import { checkSharedCredentials, type SharedCheck, type SharedParties } from './shared-credential.ts';

/**
 * Smaller batches are checked on the calling thread: a single live update must not wait on
 * a worker's round trip (or its start-up) — only a catch-up has enough work to share.
 */
export const PARALLEL_FROM = 16;

/** What a worker is given: a slice of the batch, in order, and who it must be from and for. */
export interface SharedSlice {
  readonly credentials: readonly unknown[];
  readonly expected: SharedParties;
}

/** Owned by whoever runs the share protocol, and closed with it. Workers start on first use. */
export class SharedCredentialChecker {
  readonly #pool: WorkerPool<SharedSlice, SharedCheck[]>;

  /** `lanes` (default: the cores) is for tests that want several slices on any machine. */
  constructor(options: { lanes?: number } = {}) {
    this.#pool = new WorkerPool({
      lanes: options.lanes ?? availableParallelism(),
      start: () => new Worker(new URL('./shared-credential-worker.ts', import.meta.url)),
    });
  }

  /** The same results as checkSharedCredentials, in the same order, wherever they were computed. */
  async check(credentials: readonly unknown[], expected: SharedParties): Promise<SharedCheck[]> {
    if (credentials.length < PARALLEL_FROM) return checkSharedCredentials(credentials, expected);
    const size = Math.ceil(credentials.length / this.#pool.lanes);
    const slices: SharedSlice[] = [];
    for (let start = 0; start < credentials.length; start += size) slices.push({ credentials: credentials.slice(start, start + size), expected });
    return (await Promise.all(slices.map((slice) => this.#pool.run(slice)))).flat();
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}
