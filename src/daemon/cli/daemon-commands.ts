// `kith start` and `kith stop`: the long-running node of a data folder. While it runs it
// holds the locker, and every other `kith` command talks to it over the loopback bridge.
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '../../api/client.ts';
import { KithError } from '../../base/errors.ts';
import type { NetworkOptions } from '../../app/network.ts';
import { findDaemon, removeDaemonFile, writeDaemonFile } from '../daemon-file.ts';
import type { SecretSource } from './passphrase.ts';

const PROJECT_DIR = fileURLToPath(new URL('../../..', import.meta.url));
/** Where `npm run build` puts the renderer; served to browsers when present. */
export const RENDERER_DIR = join(PROJECT_DIR, 'dist', 'renderer');

export interface DaemonCommandContext {
  readonly home: string;
  readonly json: boolean;
  readonly port: number | undefined;
  /** Open the UI in the default browser once the node is up. */
  readonly openUi: boolean;
  /** How the node goes online (listen and bootstrap addresses, vendor mode…). */
  readonly network: NetworkOptions;
  /** `--store` of a vendor node (else KITH_VENDOR_STORE, else what it used before, else PGlite). */
  readonly store?: string;
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
  await mkdir(ctx.home, { recursive: true, mode: 0o700 }); // a fresh machine has no data folder yet
  // The core, the bridge and the build are loaded by `start` alone, so that `kith stop` and
  // every command sent to a running daemon start without them (cli-main.ts loads the same way).
  const [{ openKithApp }, { startBridge }, { ensureRendererBuilt }] = await Promise.all([import('../../app/create-node.ts'), import('../bridge.ts'), import('../renderer-build.ts')]);
  // `--ui` opens the UI: build it first where it is missing or older than its sources (as
  // `npm start` does), its output on stderr so that a `--json` line stays alone on stdout.
  if (ctx.openUi) {
    const built = await ensureRendererBuilt(PROJECT_DIR, (line) => console.error(line), 'stderr');
    if (built === 'failed') throw new KithError('Internal', 'Building the UI failed (see above).', { hint: 'Fix the build (npm run build), or start without --ui.' });
  }
  const app = await openKithApp({ home: ctx.home, vendor: { vendor: ctx.network.vendor === true, ...(ctx.store === undefined ? {} : { store: ctx.store }) } });
  try {
    const client = createClient(app.transport);
    // With no identity yet, or no passphrase to hand, the node still starts: the UI then
    // onboards or unlocks (browser mode on a fresh machine starts exactly like this).
    const { initialized } = await client.call('identity.status', {});
    if (initialized) {
      const passphrase = await ctx.secrets.ask('Passphrase').catch(() => undefined);
      if (passphrase !== undefined) {
        await client.call('identity.unlock', { passphrase });
        await app.openLocker(); // the locker is encrypted: it opens with the unlocked key
      }
    }
    // Online now if unlocked, else as soon as the UI unlocks or creates the identity.
    await app.startNetwork(ctx.network, (error) => {
      console.error(`kith: the node could not go online: ${error instanceof KithError ? error.message : 'an internal error'}`);
      if (!(error instanceof KithError) || process.env['KITH_DEBUG'] === '1') console.error(error);
    });
    const bridge = await startBridge({ app, ...(ctx.port === undefined ? {} : { port: ctx.port }), staticDir: RENDERER_DIR, dataDir: ctx.home });
    try {
      await writeDaemonFile(ctx.home, { pid: process.pid, url: bridge.url, token: bridge.token });
      // The token travels in the fragment, which browsers never send to a server or log.
      const url = `${bridge.url}#token=${bridge.token}`;
      const { identity, unlocked } = await client.call('identity.status', {});
      const status = await client.call('node.status', {});
      const who = identity === undefined ? 'a new identity (create it in the UI)' : `${identity.did}${unlocked ? '' : ' (locked: unlock it in the UI)'}`;
      const online = status.running ? `Online as ${status.peerId ?? ''}${status.vendor ? ' (vendor node)' : ''}, listening on:\n  ${status.addresses.join('\n  ')}\n` : '';
      ctx.out(
        ctx.json
          ? JSON.stringify({ url, pid: process.pid, did: identity?.did ?? null, peerId: identity?.peerId ?? null, unlocked, addresses: status.addresses })
          : `Kith is running for ${who}.\n${online}Open the UI at:\n${url}\nStop it with Ctrl+C or \`kith stop\`.`,
      );
      if (ctx.openUi) openInBrowser(url);
      await stopSignal();
    } finally {
      await removeDaemonFile(ctx.home, process.pid);
      await bridge.close();
    }
  } finally {
    await app.close();
  }
}

/** Best effort: a machine without a desktop simply has the URL printed above. */
function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(command as string, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
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
