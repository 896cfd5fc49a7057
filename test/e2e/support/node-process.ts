// A Kith node as its own process, on its own temp data folder: `kith start --json`, which
// prints one line {url, pid, did, peerId, unlocked} once the bridge listens.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createClient, type Client } from '../../../src/api/client.ts';
import { ROOT } from './build.ts';
import { writeQuickIdentity } from '../../support/quick-identity.ts';

const CLI = join(ROOT, 'bin/kith.mjs');

export interface NodeProcess {
  readonly home: string;
  /** The UI's address, with the token in the fragment. */
  readonly url: string;
  /** Runs a `kith` command against this node's data folder (so, through its bridge). */
  kith(args: readonly string[], env?: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }>;
  /**
   * Calls the application API straight through the bridge, as the UI does: for setting a
   * test up in milliseconds, where each `kith` command is a new process (seconds on a busy machine).
   */
  readonly api: Client;
  stop(): Promise<void>;
}

/** A client of the node's loopback bridge, with the token from the UI's address. */
function bridgeClient(url: string): Client {
  const address = new URL(url);
  const token = new URLSearchParams(address.hash.slice(1)).get('token') ?? '';
  return createClient(async (method, input) => {
    const response = await fetch(new URL(`/api/${method}`, address.origin), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ input }),
    });
    return response.json();
  });
}

function waitForLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => reject(new Error(`kith start printed nothing within ${timeoutMs} ms. ${stderr}`)), timeoutMs);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kith start exited with ${code}: ${stderr}`));
    });
  });
}

export interface NodeOptions {
  /** Create the identity first (as `kith init` does, at a test's scrypt cost) and start unlocked with this passphrase (KITH_PASSPHRASE). */
  readonly passphrase?: string;
  /** Go online on loopback only: no mDNS, an ephemeral port, a high inbound threshold. */
  readonly network?: boolean;
  /** Run as a vendor node (`kith start --vendor`): countersigns agreements by its policy. */
  readonly vendor?: boolean;
}

function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const run = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    run.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    run.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    run.on('error', reject);
    run.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export async function startNode(options: NodeOptions = {}): Promise<NodeProcess> {
  const home = await mkdtemp(join(tmpdir(), 'kith-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, KITH_HOME: home };
  delete env['KITH_PASSPHRASE'];
  if (options.passphrase !== undefined) {
    env['KITH_PASSPHRASE'] = options.passphrase;
    await writeQuickIdentity(home, options.passphrase);
  }
  const network = options.network === true ? ['--no-mdns', '--listen', '/ip4/127.0.0.1/tcp/0', '--inbound-threshold', '1000'] : [];
  const vendor = options.vendor === true ? ['--vendor'] : [];
  const child = spawn(process.execPath, [CLI, '--data-dir', home, 'start', '--json', ...network, ...vendor], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // A vendor node opens its store (PGlite: seconds of WASM and the migrations) before it
  // goes online, which on a busy machine took 45 s (measured at a load of 12 on 2 cores).
  const line = await waitForLine(child, options.vendor === true ? 120_000 : 30_000).catch(async (error: unknown) => {
    // A node that did not start must not outlive the test (it would keep the run waiting).
    child.kill('SIGKILL');
    await rm(home, { recursive: true, force: true });
    throw error;
  });
  const { url } = JSON.parse(line) as { url: string };
  return {
    home,
    url,
    kith(args, extra = {}) {
      return runCli(['--data-dir', home, ...args], { ...env, ...extra });
    },
    api: bridgeClient(url),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(home, { recursive: true, force: true });
    },
  };
}
