// `kith start` and `kith stop`: the long-running node of a data folder. While it runs it
// holds the locker, and every other `kith` command talks to it over the loopback bridge.
import { fileURLToPath } from 'node:url';
import { createClient } from '../../api/client.ts';
import { KithError } from '../../base/errors.ts';
import { openKithApp } from '../../app/create-node.ts';
import { startBridge } from '../bridge.ts';
import { findDaemon, removeDaemonFile, writeDaemonFile } from '../daemon-file.ts';
import type { SecretSource } from './passphrase.ts';

/** Where `npm run build` puts the renderer; served to browsers when present. */
export const RENDERER_DIR = fileURLToPath(new URL('../../../dist/renderer', import.meta.url));

export interface DaemonCommandContext {
  readonly home: string;
  readonly json: boolean;
  readonly port: number | undefined;
  readonly secrets: SecretSource;
  readonly out: (text: string) => void;
}

function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal));
  });
}

export async function startDaemon(ctx: DaemonCommandContext): Promise<void> {
  const running = await findDaemon(ctx.home);
  if (running !== undefined) {
    throw new KithError('AlreadyExists', `Kith is already running for this data folder (process ${running.pid}).`, { hint: 'Stop it with `kith stop`.' });
  }
  const app = await openKithApp({ home: ctx.home });
  try {
    const client = createClient(app.transport);
    await client.call('identity.whoami', {}); // NotInitialized, with what to do, before asking anything
    await client.call('identity.unlock', { passphrase: await ctx.secrets.ask('Passphrase') });
    await app.openLocker();
    const bridge = await startBridge({ app, ...(ctx.port === undefined ? {} : { port: ctx.port }), staticDir: RENDERER_DIR });
    try {
      await writeDaemonFile(ctx.home, { pid: process.pid, url: bridge.url, token: bridge.token });
      // The token travels in the fragment, which browsers never send to a server or log.
      const url = `${bridge.url}#token=${bridge.token}`;
      const identity = await client.call('identity.whoami', {});
      ctx.out(ctx.json ? JSON.stringify({ url, pid: process.pid, did: identity.did, peerId: identity.peerId }) : `Kith is running for ${identity.did}.\n${url}\nStop it with Ctrl+C or \`kith stop\`.`);
      await stopSignal();
    } finally {
      await removeDaemonFile(ctx.home, process.pid);
      await bridge.close();
    }
  } finally {
    await app.close();
  }
}

export async function stopDaemon(ctx: DaemonCommandContext): Promise<void> {
  const running = await findDaemon(ctx.home);
  if (running === undefined) throw new KithError('NotFound', 'Kith is not running for this data folder.');
  process.kill(running.pid, 'SIGTERM');
  const deadline = Date.now() + 15_000;
  while ((await findDaemon(ctx.home)) !== undefined) {
    if (Date.now() > deadline) throw new KithError('Timeout', `Process ${running.pid} did not stop within 15 seconds.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  ctx.out(ctx.json ? JSON.stringify({ stopped: running.pid }) : 'Stopped.');
}
