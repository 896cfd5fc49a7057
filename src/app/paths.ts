// Where a node keeps its files. One folder per owner; several nodes on one machine each
// get their own KITH_HOME.
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface KithPaths {
  readonly home: string;
  /** The encrypted owner key (mode 0600). */
  readonly keystore: string;
  /** LevelDB: records, versions, audit trail. */
  readonly locker: string;
  /** Content-addressed document files. */
  readonly blobs: string;
}

/** The per-OS default data folder, following each platform's convention. */
export function defaultHome(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'Kith');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Kith');
  return join(env['XDG_DATA_HOME'] ?? join(homedir(), '.local', 'share'), 'kith');
}

export function resolvePaths(home: string): KithPaths {
  return {
    home,
    keystore: join(home, 'keystore.json'),
    locker: join(home, 'locker'),
    blobs: join(home, 'locker', 'blobs'),
  };
}
