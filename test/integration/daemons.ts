// Real Kith daemons for multi-node tests: each its own process, data folder and ports on
// 127.0.0.1, driven through the real `kith` CLI.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createClient, type Client } from '../../src/api/client.ts';
import { findDaemon } from '../../src/daemon/daemon-file.ts';
import { httpTransport } from '../../src/daemon/http-transport.ts';
import { CLI, PASSPHRASE, initHome, runKith, tempHome, type KithRun } from '../cli/run-kith.ts';

export interface Daemon {
  readonly home: string;
  readonly did: string;
  readonly peerId: string;
  readonly addresses: string[];
  kith(args: readonly string[], env?: Record<string, string>): Promise<KithRun>;
  /** Like a crash or a closed laptop: the process is gone, the data stays. */
  kill(): Promise<void>;
  restart(): Promise<void>;
}

export interface DaemonOptions {
  /**
   * Listen on a direct TCP address on 127.0.0.1 (default true). false: only what `extra`
   * says, e.g. `--listen <relay>/p2p-circuit` for a node reachable only through a relay.
   */
  readonly directListen?: boolean;
  /** Start in an empty data folder, with no identity (a new device: `kith recovery start`). */
  readonly empty?: boolean;
}

async function launch(home: string, extra: readonly string[], options: DaemonOptions): Promise<{ child: ChildProcess; addresses: string[] }> {
  const direct = options.directListen === false ? [] : ['--listen', '/ip4/127.0.0.1/tcp/0'];
  const child = spawn(
    process.execPath,
    [CLI, 'start', '--json', '--no-mdns', ...direct, '--inbound-threshold', '1000', ...extra],
    { env: { PATH: process.env['PATH'] ?? '', KITH_HOME: home, KITH_PASSPHRASE: PASSPHRASE }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kith start did not report within 60 s: ${out} ${stderr}`));
    }, 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(out.split('\n')[0] ?? '');
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kith start exited with ${code}: ${stderr}`));
    });
  });
  return { child, addresses: (JSON.parse(line) as { addresses: string[] }).addresses };
}

export async function startDaemon(
  t: { after(fn: () => Promise<void> | void): void },
  extra: readonly string[] = [],
  options: DaemonOptions = {},
): Promise<Daemon> {
  const { home, did, peerId } = options.empty === true ? { home: await tempHome(t), did: '', peerId: '' } : await initHome(t);
  let running = await launch(home, extra, options);
  const stop = async () => {
    // A process ended by a signal has signalCode set and exitCode null.
    if (running.child.exitCode !== null || running.child.signalCode !== null) return;
    const exited = new Promise((resolve) => running.child.once('exit', resolve));
    running.child.kill('SIGKILL');
    await exited;
  };
  t.after(stop);
  return {
    home,
    did,
    peerId,
    get addresses() {
      return running.addresses;
    },
    kith: (args, env) => runKith(home, args, env),
    kill: stop,
    async restart() {
      await stop();
      running = await launch(home, extra, options);
    },
  };
}

/**
 * The daemon's API over its loopback bridge: the same calls `kith … --json` makes, without
 * starting a process per call — for checks a test repeats after every step.
 */
export async function bridgeClient(daemon: Daemon): Promise<Client> {
  const running = await findDaemon(daemon.home);
  if (running === undefined) throw new Error(`no daemon is running for ${daemon.home}`);
  return createClient(httpTransport(running.url, running.token));
}

type Cleanup = () => Promise<void> | void;

/**
 * A `t` for daemons and peers set up in a file's `before` hook: their cleanups run once,
 * in reverse order, after the file's last test. (node:test's `after` called inside
 * `before` runs them as soon as the hook ends.) Pass node:test's top-level `after`.
 */
export function fileScope(after: (fn: () => Promise<void>) => void): { after(fn: Cleanup): void } {
  const cleanups: Cleanup[] = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  return { after: (fn) => void cleanups.push(fn) };
}

/** Polls `probe` until `ok` (peers act asynchronously); fails with the last value after `ms`. */
export async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** `invitee` accepts an invite from `inviter`; returns the petname the inviter now has for it. */
export async function connect(inviter: Daemon, invitee: Daemon): Promise<string> {
  const code = (await inviter.kith(['invite', '--json'])).json<{ code: string }>().code;
  const accepted = await invitee.kith(['accept', code, '--json']);
  assert.equal(accepted.code, 0, accepted.stderr);
  const contacts = (await inviter.kith(['contacts', '--json'])).json<{ peerId: string; petname: string }[]>();
  const made = contacts.find((c) => c.peerId === invitee.peerId);
  assert.ok(made !== undefined, 'the inviter stored the new contact');
  return made.petname;
}
