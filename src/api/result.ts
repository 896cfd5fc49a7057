// The envelope every transport carries: a value or a stable error, never a thrown
// exception across a process or network boundary.
import { z } from 'zod';
import { ERROR_CODES, type ErrorInfo } from '../base/errors.ts';

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export const errorInfoSchema = z.strictObject({
  code: z.enum(ERROR_CODES),
  message: z.string().max(2000),
  hint: z.string().max(2000).optional(),
});

export const resultSchema = z.union([
  z.strictObject({ ok: z.literal(true), value: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: errorInfoSchema }),
]);
