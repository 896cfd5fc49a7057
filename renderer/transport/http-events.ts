// The bridge's live events (/events) for browser mode, kept connected: when the stream
// drops (the node restarted, the laptop slept) we reconnect with a growing delay and then
// announce `resync`, because events sent while we were away are lost.
import { readEvents } from './sse.ts';
import type { Connection } from './types.ts';

type Listener = Parameters<Connection['subscribe']>[0];

const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;

export function httpEvents(token: string): Connection['subscribe'] {
  const listeners = new Set<Listener>();
  let controller: AbortController | undefined;

  async function run(signal: AbortSignal): Promise<void> {
    let delay = MIN_DELAY_MS;
    let connectedBefore = false;
    while (!signal.aborted) {
      try {
        const response = await fetch('events', { headers: { authorization: `Bearer ${token}` }, signal, cache: 'no-store' });
        if (response.ok && response.body !== null) {
          if (connectedBefore) for (const listener of listeners) listener({ name: 'resync', payload: undefined });
          connectedBefore = true;
          delay = MIN_DELAY_MS;
          await readEvents(response.body, (event) => listeners.forEach((listener) => listener(event)), signal);
        }
      } catch {
        // Not answering: try again below.
      }
      if (signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
  }

  return (listener) => {
    listeners.add(listener);
    if (controller === undefined) {
      controller = new AbortController();
      void run(controller.signal);
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) {
        controller?.abort();
        controller = undefined;
      }
    };
  };
}
