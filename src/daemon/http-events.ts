// The node's live events over the loopback bridge's /events (Server-Sent Events, WHATWG
// HTML "Server-sent events"), for a CLI command talking to a running daemon: today the
// import progress bar. Each event is checked against the contract's `events`; anything
// else on the stream is ignored.
import { events, isEventName, type AppEvent } from '../api/contract.ts';

export type EventSubscription = (listener: (event: AppEvent) => void) => Promise<() => void>;

const MAX_BUFFER = 64 * 1024;

function parseBlock(block: string): AppEvent | undefined {
  let name = '';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (!isEventName(name) || data.length === 0) return undefined;
  try {
    const payload = events[name].safeParse(JSON.parse(data.join('\n')));
    return payload.success ? ({ name, payload: payload.data } as AppEvent) : undefined;
  } catch {
    return undefined;
  }
}

/** Resolves once the stream is open (so no event of a call made after it is missed); the function it gives closes it. */
export function httpEvents(url: string, token: string): EventSubscription {
  return async (listener) => {
    const abort = new AbortController();
    const response = await fetch(new URL('events', url), { headers: { authorization: `Bearer ${token}` }, signal: abort.signal }).catch(() => undefined);
    if (response?.body == null || !response.ok) return () => undefined; // no progress, the command still works
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer = (buffer + value).replace(/\r\n/g, '\n');
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = parseBlock(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (event !== undefined) listener(event);
        }
        if (buffer.length > MAX_BUFFER) buffer = '';
      }
    })().catch(() => undefined);
    return () => abort.abort();
  };
}
