// A transfer's stall detector, for both ends of /kith/document/1.0.0: every window of
// `idleTimeoutMs` must see at least `minBytesPerWindow` of progress, else `onStall` runs
// once. This is the per-chunk idle timeout that a file of any size can meet (a total
// deadline could not be met by a big file on a slow link), and it also catches a peer
// that keeps the transfer alive with a trickle of bytes.
import { KithError } from '../../../base/errors.ts';

export interface ProgressWatch {
  /** Counts `bytes` of progress (sent, received or written). */
  progress(bytes: number): void;
  stop(): void;
}

export function watchProgress(limits: { idleTimeoutMs: number; minBytesPerWindow: number }, onStall: (error: KithError) => void): ProgressWatch {
  let window = 0;
  const timer = setInterval(() => {
    if (window >= limits.minBytesPerWindow) {
      window = 0;
      return;
    }
    clearInterval(timer);
    onStall(new KithError('Timeout', `The transfer made less than ${limits.minBytesPerWindow} bytes of progress in ${limits.idleTimeoutMs} ms.`));
  }, limits.idleTimeoutMs);
  return {
    progress(bytes) {
      window += bytes;
    },
    stop() {
      clearInterval(timer);
    },
  };
}
