// Applies the migrations a database has not seen, each in its own transaction with its
// row in schema_migrations, so a failed one leaves the database as it was. Several
// processes may start at once against one server: a transaction-scoped advisory lock
// lets one migrate while the others wait, then find nothing left to do.
import { z } from 'zod';
import { KithError } from '../../base/errors.ts';
import { parseWith } from '../../base/schema.ts';
import type { SqlDriver } from './driver.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

/** Any fixed 64-bit number, the same in every process: "kith" in ASCII. */
const MIGRATION_LOCK = 0x6b697468;

const appliedSchema = z.array(z.object({ version: z.number().int() }));

export async function migrate(driver: SqlDriver, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const applied: number[] = [];
  // Under the lock too: two servers' first starts racing on CREATE … IF NOT EXISTS can still collide.
  await driver.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('CREATE SCHEMA IF NOT EXISTS kith_vendor');
    await tx.query('CREATE TABLE IF NOT EXISTS kith_vendor.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  });
  for (const migration of migrations) {
    const done = await driver.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const rows = parseWith(appliedSchema, await tx.query('SELECT version FROM kith_vendor.schema_migrations WHERE version = $1', [migration.version]), 'schema_migrations');
      if (rows.length > 0) return false;
      await tx.exec(migration.up);
      await tx.query('INSERT INTO kith_vendor.schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  const newest = parseWith(z.array(z.object({ version: z.number().int().nullable() })), await driver.query('SELECT max(version) AS version FROM kith_vendor.schema_migrations'), 'schema_migrations');
  const known = migrations.at(-1)?.version ?? 0;
  if ((newest[0]?.version ?? 0) > known) {
    throw new KithError('Unsupported', 'The vendor store was migrated by a newer Kith.', { hint: 'Upgrade Kith on this node before it uses that database.' });
  }
  return applied;
}
