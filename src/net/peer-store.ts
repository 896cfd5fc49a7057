// The persistent peer store: libp2p keeps known peers, their addresses and protocols (and
// the DHT its records) in a LevelDB datastore, so a restarted node redials its contacts
// without bootstrapping from scratch.
import { mkdir } from 'node:fs/promises';
import { LevelDatastore } from 'datastore-level';
import { Level } from 'level';
import { KithError } from '../base/errors.ts';

export async function openPeerStore(dir: string): Promise<LevelDatastore> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Opened here rather than by LevelDatastore.open(), which replaces LevelDB's error with
  // a bare "failed to open" and so hides a LOCK held by another process. Encodings and
  // options are datastore-level's own (utf8 keys, byte values, no compression).
  const level = new Level<string, Uint8Array>(dir, { keyEncoding: 'utf8', valueEncoding: 'view' });
  try {
    await level.open({ createIfMissing: true, compression: false });
  } catch (error) {
    throw errorCodes(error).includes('LEVEL_LOCKED')
      ? new KithError('Locked', 'Another Kith process is using the peer store.', { hint: 'Stop the other Kith node first.', cause: error })
      : new KithError('Internal', 'Could not open the peer store.', { cause: error });
  }
  return new LevelDatastore(level);
}

/** LevelDB's error codes down the cause chain (classic-level nests them). */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}
