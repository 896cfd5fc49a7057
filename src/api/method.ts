// How a contract method is declared: its kind, schemas, and whether it signs.
import { z } from 'zod';

export type Kind = 'query' | 'command';
export interface MethodSpec<I extends z.ZodType, O extends z.ZodType> {
  readonly kind: Kind;
  readonly summary: string;
  readonly input: I;
  readonly output: O;
  /** Needs the unlocked owner key (it signs something). */
  readonly signs?: boolean;
}

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

export const none = z.strictObject({});
