// Browser mode: the headless node's loopback bridge. Every request carries the bearer
// token; paths are relative so the UI works wherever the node serves it.
import { notAnswering } from './envelope.ts';
import { httpEvents } from './http-events.ts';
import { httpFiles } from './http-files.ts';
import type { Connection } from './types.ts';

export function httpConnection(token: string): Connection {
  return {
    mode: 'browser',
    async transport(method, input) {
      let response: Response;
      try {
        response = await fetch(`api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ input }),
          cache: 'no-store',
        });
        // Errors (401, 413, …) come back as the same {ok:false,error} envelope.
        return (await response.json()) as unknown;
      } catch (error) {
        throw notAnswering(error);
      }
    },
    subscribe: httpEvents(token),
    files: httpFiles(token),
  };
}
