// The one dispatcher behind every transport (in-process CLI, Electron IPC, the browser
// bridge): look the method up, parse the untrusted input by the contract's schema, call,
// and answer with a Result — internal error text never leaves.
import { contract, isMethodName, type AppApi } from '../api/contract.ts';
import type { Result } from '../api/result.ts';
import { KithError, toErrorInfo } from '../base/errors.ts';
import { parseWith } from '../base/schema.ts';

export type Dispatch = (method: unknown, input: unknown) => Promise<Result<unknown>>;

export interface DispatchOptions {
  /** Called with every error that is not a KithError (a bug), for the local log only. */
  onInternalError?: (method: string, error: unknown) => void;
}

export function createDispatcher(api: AppApi, options: DispatchOptions = {}): Dispatch {
  return async (method, input) => {
    try {
      if (!isMethodName(method)) throw new KithError('InvalidInput', `There is no method called ${describe(method)}.`);
      const parsed = parseWith(contract[method].input, input ?? {}, 'Invalid input');
      const handler = api[method] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed) };
    } catch (error) {
      if (!(error instanceof KithError)) options.onInternalError?.(String(method), error);
      return { ok: false, error: toErrorInfo(error) };
    }
  };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 64)) : `(${typeof value})`;
}
