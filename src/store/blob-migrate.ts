// Encrypting a plain document store in place, crash-safe and idempotent: each plain file is
// sealed into a temp file, fsynced, renamed to its final name (the folder fsynced), and only
// then removed. A kill at any point leaves every document readable, as the plain file, the
// sealed one, or both; the next run takes up where this one stopped.
import { isKithError } from '../base/errors.ts';
import { listPlain, removeEmptyFolders } from './blob-plain.ts';
import { sealedStore } from './blob-sealed.ts';

export interface MigrationReport {
  /** Plain files encrypted in this run. */
  readonly migrated: number;
  /** Plain files whose sealed copy a stopped run had already made: only removed. */
  readonly cleaned: number;
  /** Documents whose plain file does not match its hash: left as they are (reading them says Corrupt). */
  readonly corrupt: readonly string[];
}

export interface MigrationOptions {
  /** Called after each document is done (tests stop a run here to play a crash). */
  readonly onDocument?: (sha256: string) => void;
}

export async function migrateBlobsToEncrypted(root: string, key: Uint8Array, options: MigrationOptions = {}): Promise<MigrationReport> {
  const { migrateOne, sweep } = sealedStore(root, key);
  await sweep();
  let migrated = 0;
  let cleaned = 0;
  const corrupt: string[] = [];
  for (const { sha256 } of await listPlain(root)) {
    try {
      const done = await migrateOne(sha256);
      if (done === 'migrated') migrated++;
      else if (done === 'cleaned') cleaned++;
    } catch (error) {
      if (!isKithError(error) || error.code !== 'Corrupt') throw error;
      corrupt.push(sha256);
    }
    options.onDocument?.(sha256);
  }
  await removeEmptyFolders(root);
  return { migrated, cleaned, corrupt };
}
