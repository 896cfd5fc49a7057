// One way to talk SQL to the vendor store, whichever PostgreSQL runs it: PGlite (Postgres
// compiled to WASM, embedded, on disk in the data folder) or a real server through `pg`.
// Everything above this file writes plain PostgreSQL with $1-style parameters, so both
// run the same schema, migrations and queries.
import { KithError } from '../../base/errors.ts';

export interface SqlRunner {
  /** Rows come back as unknown: every reader parses them with a schema. */
  query(sql: string, params?: readonly unknown[]): Promise<readonly Record<string, unknown>[]>;
  /** Several statements, no parameters (a migration): the simple query protocol. */
  exec(sql: string): Promise<void>;
}

export interface SqlDriver extends SqlRunner {
  readonly kind: 'pglite' | 'postgres';
  /** BEGIN … COMMIT around `work`, ROLLBACK if it throws; one connection throughout. */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Connection-level failures (refused, reset, the server shutting down): the store is down, not the data wrong. */
const DOWN_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// SQLSTATE classes 08 (connection exception) and 57P (operator intervention: admin shutdown, cannot connect now).
const DOWN_SQLSTATE = /^(08|57P0[1-3])/;

function isDown(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (DOWN_ERRNO.has(code) || DOWN_SQLSTATE.test(code))) return true;
  // pg reports a connection lost mid-query this way, with no code.
  return /Connection terminated|connection (is )?closed|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(error.message);
}

/**
 * What the layers above see of a failed query: Unreachable when the database is down (a
 * customer's outbox retries such a delivery later), Internal otherwise (a bug; the detail
 * stays in `cause`, never crosses to a peer).
 */
export function storeError(error: unknown): KithError {
  if (error instanceof KithError) return error;
  if (isDown(error)) {
    return new KithError('Unreachable', 'The vendor store (PostgreSQL) cannot be reached.', { hint: 'Check that the database server is running; deliveries are refused meanwhile and the customers retry.', cause: error });
  }
  return new KithError('Internal', 'The vendor store failed a query.', { cause: error });
}
