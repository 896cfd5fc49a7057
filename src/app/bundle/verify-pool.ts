// Checking 100k record signatures is CPU-bound and each check is independent, so a bulk
// import spreads it over worker threads (one per core, at most 4) and keeps the results
// in file order; the main thread only reads lines and checks the ordering between them.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { KithError } from '../../base/errors.ts';
import { WorkerPool } from '../../base/worker-pool.ts';
import { checkRecordLine, type RecordCheck } from './record-check.ts';

const BATCH_LINES = 256;
/** Batches in flight per worker: enough to keep it busy while the main thread reads. */
const DEPTH = 4;

interface Batch {
  first: number;
  lines: string[];
}

/**
 * Checks the lines `BATCH_LINES` at a time and yields each batch's results in the order
 * of the file. Workers are stopped when the caller stops iterating.
 */
export async function* checkInParallel(lines: AsyncIterable<{ line: number; text: string }>): AsyncGenerator<RecordCheck[]> {
  const iterator = lines[Symbol.asyncIterator]();
  const head: { line: number; text: string }[] = [];
  for (let next = await iterator.next(); ; next = await iterator.next()) {
    if (next.done === true) {
      // A small bundle (one batch or less) is checked here: starting the workers (loading the
      // credential code into each) costs more than checking a few hundred lines.
      if (head.length > 0) yield head.map(({ line, text }) => checkRecordLine(line, text));
      return;
    }
    head.push(next.value);
    if (head.length === BATCH_LINES) break;
  }
  yield* checkOnWorkers(head, { [Symbol.asyncIterator]: () => iterator });
}

async function* checkOnWorkers(head: readonly { line: number; text: string }[], rest: AsyncIterable<{ line: number; text: string }>): AsyncGenerator<RecordCheck[]> {
  const lines = (async function* () {
    yield* head;
    yield* rest;
  })();
  // An import is rare and runs to its end: its own pool, closed with it.
  const pool = new WorkerPool<Batch, RecordCheck[]>({
    lanes: availableParallelism(),
    start: () => new Worker(new URL('./verify-worker.ts', import.meta.url)),
  });
  const pending: Promise<RecordCheck[]>[] = [];
  try {
    let batch: Batch = { first: 0, lines: [] };
    for await (const { line, text } of lines) {
      // Blank lines are dropped by the reader: start a new batch so numbering stays exact.
      if (batch.lines.length > 0 && line !== batch.first + batch.lines.length) {
        pending.push(pool.run(batch));
        batch = { first: 0, lines: [] };
      }
      if (batch.lines.length === 0) batch.first = line;
      batch.lines.push(text);
      if (batch.lines.length === BATCH_LINES) {
        pending.push(pool.run(batch));
        batch = { first: 0, lines: [] };
      }
      while (pending.length >= pool.lanes * DEPTH) yield await (pending.shift() as Promise<RecordCheck[]>);
    }
    if (batch.lines.length > 0) pending.push(pool.run(batch));
    while (pending.length > 0) yield await (pending.shift() as Promise<RecordCheck[]>);
  } catch (error) {
    if (error instanceof KithError) throw error;
    throw new KithError('Internal', 'Checking the bundle records failed.', { cause: error });
  } finally {
    for (const promise of pending) promise.catch(() => undefined);
    await pool.close();
  }
}
