// Parsing untrusted values at a boundary: every value from a peer, the UI, argv, HTTP,
// config or disk goes through `parseWith` and comes out typed or as InvalidInput.
import type { z } from 'zod';
import { KithError } from './errors.ts';

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new KithError('InvalidInput', `${what}: ${describeIssues(result.error.issues)}`);
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.length === 0 ? '' : `${issue.path.map(String).join('.')}: `;
      return `${path}${issue.message}`;
    })
    .join('; ');
}

/** JSON.parse that reports InvalidInput (with the parser's reason) instead of SyntaxError. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'not valid JSON';
    throw new KithError('InvalidInput', `${what} is not valid JSON (${reason})`);
  }
}
