// Server-Sent Events over fetch. EventSource cannot send an Authorization header, and
// the bridge's /events needs the bearer token, so we read the stream ourselves and parse
// the text/event-stream format (WHATWG HTML, "Server-sent events": `event:` and `data:`
// lines, a blank line ends an event, lines starting with `:` are comments).
import type { RawEvent } from './types.ts';

const MAX_EVENT_CHARS = 64 * 1024;

export function parseEventBlock(block: string): RawEvent | undefined {
  let name = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':') || line === '') continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return undefined;
  try {
    return { name, payload: JSON.parse(data.join('\n')) as unknown };
  } catch {
    return undefined; // a malformed event is dropped; the next one still arrives
  }
}

/** Reads events until the stream ends or `signal` aborts; resolves when it ends. */
export async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (event: RawEvent) => void, signal: AbortSignal): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const stop = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', stop, { once: true });
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer = (buffer + decoder.decode(value, { stream: true })).replace(/\r\n/g, '\n');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = parseEventBlock(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (event !== undefined) onEvent(event);
      }
      // A server that never ends an event must not grow this buffer forever.
      if (buffer.length > MAX_EVENT_CHARS) buffer = '';
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }
}
