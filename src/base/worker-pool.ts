// A pool of worker threads for CPU-bound work that splits into independent tasks (checking
// signatures): a few lanes, each one worker answering its tasks in the order it got them.
// Portable on purpose: the caller starts the worker (`() => new Worker(new URL('./x.ts',
// import.meta.url))`, written in the caller's file so the desktop build can find and
// bundle it, electron/vite/node-workers.ts) and says how many cores there are.
import { KithError } from './errors.ts';

/** What the pool needs of a worker; Node's `worker_threads` Worker has it. */
export interface PoolWorker {
  postMessage(value: unknown): void;
  on(event: 'message', listener: (value: unknown) => void): unknown;
  on(event: 'messageerror', listener: (error: Error) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<unknown>;
  /** A busy worker keeps the process alive (its caller is waiting); an idle one must not. */
  ref?(): void;
  unref?(): void;
}

export interface WorkerPoolOptions {
  /** Starts one worker; called lazily, and again to replace a worker that died or idled out. */
  readonly start: () => PoolWorker;
  /** Lanes wanted, usually the number of cores; kept within 1..MAX_LANES. */
  readonly lanes: number;
  /** An idle worker is stopped after this long: it holds memory, and a new one is ready in ~0.2 s. */
  readonly idleMs?: number;
}

/** More lanes than this add memory and start-up time, and little speed on a person's machine. */
export const MAX_LANES = 4;
const IDLE_MS = 30_000;

interface Waiter {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Lane {
  worker: PoolWorker | undefined;
  /** The tasks sent to this lane's worker, oldest first: it answers them in that order. */
  readonly waiting: Waiter[];
  idle: ReturnType<typeof setTimeout> | undefined;
}

export class WorkerPool<Task, Result> {
  readonly lanes: number;
  readonly #start: () => PoolWorker;
  readonly #idleMs: number;
  readonly #lanes: Lane[];
  #next = 0;
  #closed = false;

  constructor(options: WorkerPoolOptions) {
    this.lanes = Math.max(1, Math.min(MAX_LANES, Math.floor(options.lanes) || 1));
    this.#start = options.start;
    this.#idleMs = options.idleMs ?? IDLE_MS;
    this.#lanes = Array.from({ length: this.lanes }, () => ({ worker: undefined, waiting: [], idle: undefined }));
  }

  /**
   * Sends `task` to the least busy lane and resolves with its worker's answer. Rejects with
   * Internal if that worker dies first (the next task gets a new worker), or if the task
   * cannot be sent (it must be structured-clonable).
   */
  run(task: Task): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      if (this.#closed) throw new KithError('Internal', 'The worker pool is closed.');
      const lane = this.#leastBusy();
      try {
        this.#ready(lane).postMessage(task);
      } catch (error) {
        this.#settled(lane);
        throw new KithError('Internal', 'A task could not be given to a worker thread.', { cause: error });
      }
      lane.waiting.push({ resolve: resolve as (value: unknown) => void, reject });
    });
  }

  /** Stops every worker; tasks still waiting are rejected, and so is any later `run`. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#lanes.map((lane) => this.#stop(lane, 'The worker pool was closed.')));
  }

  /** Fewest tasks waiting; ties go round, so a burst of tasks spreads over every lane. */
  #leastBusy(): Lane {
    let best: Lane | undefined;
    for (let i = 0; i < this.#lanes.length; i++) {
      const lane = this.#lanes[(this.#next + i) % this.#lanes.length] as Lane;
      if (best === undefined || lane.waiting.length < best.waiting.length) best = lane;
    }
    this.#next = (this.#lanes.indexOf(best as Lane) + 1) % this.#lanes.length;
    return best as Lane;
  }

  /** The lane's worker, started if it has none, held alive while it has work. */
  #ready(lane: Lane): PoolWorker {
    clearTimeout(lane.idle);
    lane.idle = undefined;
    if (lane.worker === undefined) {
      const worker = this.#start();
      lane.worker = worker;
      worker.on('message', (value: unknown) => {
        // A stopped worker may still deliver an answer it had sent: its tasks were failed already.
        if (lane.worker !== worker) return;
        lane.waiting.shift()?.resolve(value);
        this.#settled(lane);
      });
      // A message that cannot be read would leave the answers out of step: start over.
      worker.on('messageerror', (error: unknown) => {
        if (lane.worker === worker) void this.#stop(lane, 'A worker thread sent an answer that could not be read.', error);
      });
      worker.on('error', (error: unknown) => this.#died(lane, worker, error));
      worker.on('exit', () => this.#died(lane, worker, undefined));
    }
    lane.worker.ref?.();
    return lane.worker;
  }

  /** After an answer: an idle worker lets the process exit, and is stopped if it stays idle. */
  #settled(lane: Lane): void {
    if (lane.waiting.length > 0 || lane.worker === undefined) return;
    lane.worker.unref?.();
    clearTimeout(lane.idle);
    lane.idle = setTimeout(() => void this.#stop(lane, 'The worker thread was idle.'), this.#idleMs);
    // Node's timers can be unref'd; a browser's are numbers and never hold anything up.
    (lane.idle as { unref?: () => void }).unref?.();
  }

  /** The worker crashed or exited: its tasks fail, and the lane starts a new one when next used. */
  #died(lane: Lane, worker: PoolWorker, cause: unknown): void {
    if (lane.worker === worker) this.#detach(lane, 'A worker thread stopped before it answered.', cause);
  }

  async #stop(lane: Lane, reason: string, cause?: unknown): Promise<void> {
    await this.#detach(lane, reason, cause)?.terminate();
  }

  /** Takes the lane's worker out of it, failing the tasks that wait on it; returns that worker. */
  #detach(lane: Lane, reason: string, cause: unknown): PoolWorker | undefined {
    const worker = lane.worker;
    clearTimeout(lane.idle);
    lane.idle = undefined;
    lane.worker = undefined;
    for (const waiter of lane.waiting.splice(0)) waiter.reject(new KithError('Internal', reason, { cause }));
    return worker;
  }
}
