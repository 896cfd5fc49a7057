// Turns a Result envelope from a file endpoint or the preload into a value or a thrown
// KithError, checking both the envelope and the value against the contract — the same
// checks createClient makes for ordinary calls.
import { contract, type MethodName, type MethodOutput } from '../../src/api/contract.ts';
import { resultSchema } from '../../src/api/result.ts';
import { KithError } from '../../src/base/errors.ts';
import { parseWith } from '../../src/base/schema.ts';

export function unwrap<M extends MethodName>(method: M, envelope: unknown): MethodOutput<M> {
  const result = parseWith(resultSchema, envelope, `answer to ${method}`);
  if (!result.ok) {
    const { code, message, hint } = result.error;
    throw new KithError(code, message, hint === undefined ? undefined : { hint });
  }
  return parseWith(contract[method].output, result.value, `answer to ${method}`) as MethodOutput<M>;
}

export function notAnswering(cause: unknown): KithError {
  return new KithError('Aborted', 'Kith is not answering.', {
    hint: 'Check that your Kith node is still running (start it again with `kith start`), then reload this page.',
    cause,
  });
}
