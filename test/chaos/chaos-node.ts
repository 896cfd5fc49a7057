// One node of the chaos network: a real `kith start` daemon in its own process, with its
// own data folder and a fixed loopback port, so that a node killed with SIGKILL comes back
// on the same address its contacts (and, for a relay, the circuit addresses of the nodes
// behind it) already know.
import { spawn, type ChildProcess } from 'node:child_process';
import { createClient, type Client } from '../../src/api/client.ts';
import { findDaemon } from '../../src/daemon/daemon-file.ts';
import { httpTransport } from '../../src/daemon/http-transport.ts';
import { CLI, PASSPHRASE } from '../cli/run-kith.ts';

export type Role = 'person' | 'vendor' | 'relay';

export interface NodeSpec {
  readonly name: string;
  readonly role: Role;
  readonly home: string;
  readonly did: string;
  readonly peerId: string;
  /** The TCP port it listens on directly, or undefined for a node reachable only through `relayAddress`. */
  readonly port?: number;
  /** For a node behind the relay: the relay's address (…/p2p/<relay>), where it takes a circuit reservation. */
  readonly relayAddress?: string;
}

const START_TIMEOUT_MS = 180_000;

// Should the run itself die (an uncaught error, Ctrl-C), its daemons must not outlive it.
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export class ChaosNode {
  readonly spec: NodeSpec;
  #child: ChildProcess | undefined;
  #client: Client | undefined;
  #starting: Promise<void> | undefined;
  kills = 0;
  restarts = 0;

  constructor(spec: NodeSpec) {
    this.spec = spec;
  }

  get name(): string {
    return this.spec.name;
  }

  /** Up and answering on its bridge. */
  get alive(): boolean {
    return this.#child !== undefined && this.#client !== undefined && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.alive ? this.#child?.pid : undefined;
  }

  get client(): Client {
    if (this.#client === undefined || !this.alive) throw new Error(`${this.name} is not running`);
    return this.#client;
  }

  /** The address others dial: direct, or the circuit through the relay. */
  get address(): string {
    const { port, relayAddress, peerId } = this.spec;
    return port === undefined ? `${relayAddress ?? ''}/p2p-circuit/p2p/${peerId}` : `/ip4/127.0.0.1/tcp/${port}/p2p/${peerId}`;
  }

  start(): Promise<void> {
    this.#starting ??= this.#launch().finally(() => (this.#starting = undefined));
    return this.#starting;
  }

  async #launch(): Promise<void> {
    const { role, port, relayAddress, home } = this.spec;
    const listen = port === undefined ? ['--listen', `${relayAddress ?? ''}/p2p-circuit`] : ['--listen', `/ip4/127.0.0.1/tcp/${port}`];
    const roleFlags = role === 'vendor' ? ['--vendor', '--store', 'pglite'] : role === 'relay' ? ['--relay'] : [];
    const child = spawn(process.execPath, [CLI, 'start', '--json', '--no-mdns', '--inbound-threshold', '1000', ...listen, ...roleFlags], {
      env: { PATH: process.env['PATH'] ?? '', KITH_HOME: home, KITH_PASSPHRASE: PASSPHRASE },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    children.add(child);
    child.once('exit', () => children.delete(child));
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${this.name}: kith start did not report within ${START_TIMEOUT_MS / 1000} s: ${stderr}`));
      }, START_TIMEOUT_MS);
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${this.name}: kith start exited (${code ?? signal}): ${stderr}`));
      });
    });
    // After the first line the stdout pipe must keep draining, or a chatty daemon blocks.
    child.stdout?.resume();
    const running = await findDaemon(home);
    if (running === undefined) throw new Error(`${this.name}: started but wrote no daemon file`);
    this.#client = createClient(httpTransport(running.url, running.token));
  }

  /** SIGKILL: like a crash or a pulled plug; the data folder stays. */
  async kill(): Promise<void> {
    await this.#starting?.catch(() => undefined);
    const child = this.#child;
    this.#client = undefined;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}
