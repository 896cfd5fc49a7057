// A real PostgreSQL server through `pg` (node-postgres): what a vendor uses at scale, with
// several front nodes sharing one database. A small pool per process (the server's
// max_connections is shared by every node: README, "Vendor store").
import pg from 'pg';
import { storeError, type SqlDriver, type SqlRunner } from './driver.ts';

type Rows = readonly Record<string, unknown>[];

export interface PgDriverOptions {
  /** Connections this process may hold (default 5). */
  readonly max?: number;
}

export function openPgDriver(connectionString: string, options: PgDriverOptions = {}): SqlDriver {
  // A refused or lost connection must fail the query quickly (the delivery is then refused
  // and retried by the customer), not hang it.
  const pool = new pg.Pool({ connectionString, max: options.max ?? 5, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 10_000, query_timeout: 30_000 });
  // An idle client that loses its server emits 'error' on the pool; without a listener that would crash the node.
  pool.on('error', () => undefined);
  const run = (target: Pick<pg.Pool | pg.PoolClient, 'query'>): SqlRunner => ({
    async exec(sql) {
      try {
        await target.query(sql);
      } catch (error) {
        throw storeError(error);
      }
    },
    async query(sql, params = []) {
      try {
        return (await target.query(sql, [...params])).rows as Rows;
      } catch (error) {
        throw storeError(error);
      }
    },
  });
  return {
    kind: 'postgres',
    ...run(pool),
    async transaction(work) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw storeError(error);
      }
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await work(run(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw storeError(error);
      } finally {
        // A client whose ROLLBACK failed is not handed to the next caller.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
