// The CLI unlocks the owner key for every method that needs it — all but the contract's
// `keyless` ones, since the locker is encrypted under it — asking for the passphrase (or
// reading KITH_PASSPHRASE) just before the first of them.
import type { Client } from '../../api/client.ts';
import { contract, type MethodName } from '../../api/contract.ts';
import type { SecretSource } from './passphrase.ts';

function needsKey(method: MethodName): boolean {
  const spec = contract[method];
  return !('keyless' in spec && spec.keyless === true);
}

export function unlockingClient(client: Client, secrets: SecretSource): Client {
  return {
    async call(method, input) {
      if (needsKey(method) && !(await client.call('identity.status', {})).unlocked) {
        // identity.unlock reports NotInitialized (with what to do) before asking anything.
        await client.call('identity.whoami', {});
        await client.call('identity.unlock', { passphrase: await secrets.ask('Passphrase') });
      }
      return client.call(method, input);
    },
  };
}
