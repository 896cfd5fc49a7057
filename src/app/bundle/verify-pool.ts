// Checking 100k record signatures is CPU-bound and each check is independent, so a bulk
// import spreads it over worker threads (one per core, at most 4) and keeps the results
// in file order; the main thread only reads lines and checks the ordering between them.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { KithError } from '../../base/errors.ts';
import type { RecordCheck } from './record-check.ts';

const BATCH_LINES = 256;
/** Batches in flight per worker: enough to keep it busy while the main thread reads. */
const DEPTH = 4;

interface Batch {
  first: number;
  lines: string[];
}

/**
 * Checks the lines in order, `BATCH_LINES` at a time, and yields each batch's results in
 * the order of the file. Workers are stopped when the caller stops iterating.
 */
interface Lane {
  readonly worker: Worker;
  /** Resolvers for the batches sent to this worker: it answers them in order. */
  readonly waiting: { resolve: (results: RecordCheck[]) => void; reject: (error: unknown) => void }[];
}

function startLane(): Lane {
  const lane: Lane = { worker: new Worker(new URL('./verify-worker.ts', import.meta.url)), waiting: [] };
  lane.worker.on('message', (results: RecordCheck[]) => lane.waiting.shift()?.resolve(results));
  lane.worker.on('error', (error) => {
    for (const waiter of lane.waiting.splice(0)) waiter.reject(error);
  });
  return lane;
}

/**
 * Checks the lines `BATCH_LINES` at a time and yields each batch's results in the order
 * of the file. Workers are stopped when the caller stops iterating.
 */
export async function* checkInParallel(lines: AsyncIterable<{ line: number; text: string }>): AsyncGenerator<RecordCheck[]> {
  const lanes = Array.from({ length: Math.max(1, Math.min(4, availableParallelism())) }, startLane);
  const pending: Promise<RecordCheck[]>[] = [];
  let next = 0;
  const submit = (batch: Batch): void => {
    const lane = lanes[next++ % lanes.length] as Lane;
    pending.push(new Promise((resolve, reject) => lane.waiting.push({ resolve, reject })));
    lane.worker.postMessage(batch);
  };
  try {
    let batch: Batch = { first: 0, lines: [] };
    for await (const { line, text } of lines) {
      // Blank lines are dropped by the reader: start a new batch so numbering stays exact.
      if (batch.lines.length > 0 && line !== batch.first + batch.lines.length) {
        submit(batch);
        batch = { first: 0, lines: [] };
      }
      if (batch.lines.length === 0) batch.first = line;
      batch.lines.push(text);
      if (batch.lines.length === BATCH_LINES) {
        submit(batch);
        batch = { first: 0, lines: [] };
      }
      while (pending.length >= lanes.length * DEPTH) yield await (pending.shift() as Promise<RecordCheck[]>);
    }
    if (batch.lines.length > 0) submit(batch);
    while (pending.length > 0) yield await (pending.shift() as Promise<RecordCheck[]>);
  } catch (error) {
    if (error instanceof KithError) throw error;
    throw new KithError('Internal', 'Checking the bundle records failed.', { cause: error });
  } finally {
    for (const promise of pending) promise.catch(() => undefined);
    await Promise.all(lanes.map((lane) => lane.worker.terminate()));
  }
}
