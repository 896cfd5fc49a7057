// How a contract method is declared: its kind, schemas, whether it signs, and whether it
// works with the key locked.
import { z } from 'zod';

export type Kind = 'query' | 'command';
export interface MethodSpec<I extends z.ZodType, O extends z.ZodType> {
  readonly kind: Kind;
  readonly summary: string;
  readonly input: I;
  readonly output: O;
  /** Needs the unlocked owner key (it signs something). */
  readonly signs?: boolean;
  /**
   * Works while the owner key is locked. Every other method reads or writes the locker,
   * which is encrypted under a key that only the unlocked owner key opens.
   */
  readonly keyless?: boolean;
}

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

export const none = z.strictObject({});
