// A worker thread that checks batches of bundle record lines (see verify-pool.ts).
import { parentPort } from 'node:worker_threads';
import { checkRecordLine } from './record-check.ts';

parentPort?.on('message', (batch: { first: number; lines: string[] }) => {
  parentPort?.postMessage(batch.lines.map((text, i) => checkRecordLine(batch.first + i, text)));
});
