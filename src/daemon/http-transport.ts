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
    // Whatever answers on the daemon's port (a proxy's error page, a stale port now used by
    // something else) is a Protocol error, not a SyntaxError (found by fuzzing:
    // test/unit/fuzz/regressions.test.ts). The Result's shape is checked by the client.
    try {
      return (await response.json()) as unknown;
    } catch (error) {
      throw new KithError('Protocol', `The running Kith node answered with something other than JSON (HTTP ${response.status}).`, {
        hint: 'Check it with `kith stop` and start it again.',
        cause: error,
      });
    }
  };
}
