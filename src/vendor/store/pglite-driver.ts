// The embedded default: PGlite on disk in the vendor's data folder, so `kith start
// --vendor` needs nothing installed. One process at a time (PGlite is single-user); a
// vendor that runs several processes uses a server (pg-driver.ts).
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { storeError, type SqlDriver, type SqlRunner } from './driver.ts';

type Rows = readonly Record<string, unknown>[];

export async function openPgliteDriver(dir: string): Promise<SqlDriver> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  let db: PGlite;
  try {
    db = await PGlite.create(dir);
  } catch (error) {
    throw storeError(error);
  }
  const run = (target: Pick<PGlite, 'query' | 'exec'>): SqlRunner => ({
    async exec(sql) {
      try {
        await target.exec(sql);
      } catch (error) {
        throw storeError(error);
      }
    },
    async query(sql, params = []) {
      try {
        return (await target.query<Record<string, unknown>>(sql, [...params])).rows as Rows;
      } catch (error) {
        throw storeError(error);
      }
    },
  });
  return {
    kind: 'pglite',
    ...run(db),
    async transaction(work) {
      try {
        return await db.transaction((tx) => work(run(tx)));
      } catch (error) {
        throw storeError(error);
      }
    },
    close: () => db.close(),
  };
}
