// Picks the transport: Electron's preload when it is there, else the loopback bridge with
// the token from the link `kith start` printed. Everything above this file is the same UI.
import { httpConnection } from './http-connection.ts';
import { ipcConnection } from './ipc-connection.ts';
import { preloadApi } from './preload-api.ts';
import { takeToken } from './token.ts';
import type { Connection } from './types.ts';

export function connect(): Connection | undefined {
  const kith = preloadApi();
  if (kith !== undefined) return ipcConnection(kith);
  const token = takeToken();
  return token === undefined ? undefined : httpConnection(token);
}
