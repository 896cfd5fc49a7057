// The contract over the loopback bridge: what the CLI uses while a daemon runs.
import type { Transport } from '../api/client.ts';
import { KithError } from '../base/errors.ts';

export function httpTransport(url: string, token: string): Transport {
  return async (method, input) => {
    let response: Response;
    try {
      response = await fetch(new URL(`api/${encodeURIComponent(method)}`, url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ input }),
      });
    } catch (error) {
      throw new KithError('Aborted', 'The running Kith node did not answer.', { hint: 'Check it with `kith stop` and start it again.', cause: error });
    }
    return (await response.json()) as unknown;
  };
}
