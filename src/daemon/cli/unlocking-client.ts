// The CLI unlocks the owner key only for methods that sign — which the contract says —
// asking for the passphrase (or reading KITH_PASSPHRASE) just before the first of them.
import type { Client } from '../../api/client.ts';
import { contract, type MethodName } from '../../api/contract.ts';
import type { SecretSource } from './passphrase.ts';

function signs(method: MethodName): boolean {
  const spec = contract[method];
  return 'signs' in spec && spec.signs === true;
}

export function unlockingClient(client: Client, secrets: SecretSource): Client {
  return {
    async call(method, input) {
      if (signs(method) && !(await client.call('identity.status', {})).unlocked) {
        // identity.unlock reports NotInitialized (with what to do) before asking anything.
        await client.call('identity.whoami', {});
        await client.call('identity.unlock', { passphrase: await secrets.ask('Passphrase') });
      }
      return client.call(method, input);
    },
  };
}
