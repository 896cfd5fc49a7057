// A transport-agnostic client of the contract: the CLI, the renderer and tests call
// `client.call('data.set', {...})` whatever carries the call (in process, IPC, HTTP).
import { KithError } from '../base/errors.ts';
import { parseWith } from '../base/schema.ts';
import { contract, type MethodInput, type MethodName, type MethodOutput } from './contract.ts';
import { resultSchema } from './result.ts';

/** Sends one call and returns the raw envelope (already JSON-decoded). */
export type Transport = (method: MethodName, input: unknown) => Promise<unknown>;

export interface Client {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
}

export function createClient(transport: Transport): Client {
  return {
    async call(method, input) {
      const envelope = parseWith(resultSchema, await transport(method, input), `answer to ${method}`);
      if (!envelope.ok) {
        const { code, message, hint } = envelope.error;
        throw new KithError(code, message, hint === undefined ? undefined : { hint });
      }
      // The answer is untrusted too (another process, another build): check its shape.
      return parseWith(contract[method].output, envelope.value, `answer to ${method}`) as never;
    },
  };
}
