// A worker thread that checks slices of a holder's incoming batch of shared credentials
// (see shared-credential-checker.ts); it answers each slice in the order it came.
import { parentPort } from 'node:worker_threads';
import { checkSharedCredentials } from './shared-credential.ts';
import type { SharedSlice } from './shared-credential-checker.ts';

parentPort?.on('message', (slice: SharedSlice) => {
  parentPort?.postMessage(checkSharedCredentials(slice.credentials, slice.expected));
});
