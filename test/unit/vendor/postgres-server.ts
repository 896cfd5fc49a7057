// A real PostgreSQL server for tests: Debian's binaries (/usr/lib/postgresql/<v>/bin),
// a cluster in a temp folder, listening only on 127.0.0.1 on a free port, stopped (and
// removed) when the test ends. initdb and postgres refuse to run as root, so as root (CI,
// this machine) they run as the `postgres` system user through spawn's uid/gid.
// No binary is a failure, not a skip: CI installs the server (.ci/run).
import { spawn, type ChildProcess } from 'node:child_process';
import { chown, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresServer {
  readonly port: number;
  /** A connection URL for `database` (created on first use by createDatabase). */
  url(database?: string): string;
  createDatabase(name: string): Promise<string>;
  /** Stops the server (fast shutdown); the data stays for start(). */
  stop(): Promise<void>;
  start(): Promise<void>;
}

async function findBinaries(): Promise<string> {
  const root = '/usr/lib/postgresql';
  const versions = await readdir(root).catch(() => [] as string[]);
  for (const version of versions.sort((a, b) => Number(b) - Number(a))) {
    const bin = join(root, version, 'bin');
    if ((await readdir(bin).catch(() => [] as string[])).includes('postgres')) return bin;
  }
  throw new Error('No PostgreSQL server binary under /usr/lib/postgresql/*/bin: install the server (apt-get install -y postgresql, as .ci/run does). The vendor store tests need one.');
}

async function postgresUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const line = (await readFile('/etc/passwd', 'utf8')).split('\n').find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error('Running as root, and there is no `postgres` user to run the server as (the postgresql package creates it).');
  return { uid: Number(uid), gid: Number(gid) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function run(command: string, args: string[], user: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(user ?? {}), env: { PATH: process.env['PATH'] ?? '', LANG: 'C.UTF-8' } });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${output}`))));
  });
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}: ${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections within 30 s: ${log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function startPostgres(t: { after(fn: () => Promise<void>): void }): Promise<PostgresServer> {
  const bin = await findBinaries();
  const user = await postgresUser();
  const root = await mkdtemp(join(tmpdir(), 'kith-pg-'));
  if (user !== undefined) await chown(root, user.uid, user.gid);
  const data = join(root, 'data');
  await run(join(bin, 'initdb'), ['-D', data, '-U', 'kith', '-A', 'trust', '-E', 'UTF8', '--no-sync'], user);
  const port = await freePort();
  const url = (database = 'postgres') => `postgres://kith@127.0.0.1:${port}/${database}`;
  let child: ChildProcess | undefined;
  const start = async () => {
    let log = '';
    // Only 127.0.0.1, the socket in our own folder; fsync off because it is a test's throwaway cluster.
    const started = spawn(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', root, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=100'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(user ?? {}),
      env: { PATH: process.env['PATH'] ?? '', LANG: 'C.UTF-8' },
    });
    started.stdout?.on('data', (c: Buffer) => (log += c.toString()));
    started.stderr?.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
    child = started;
    await waitReady(url(), started, () => log);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGINT'); // fast shutdown: sessions are cut, like a server going away
    await exited;
  };
  t.after(async () => {
    await stop();
    await rm(root, { recursive: true, force: true });
  });
  await start();
  return {
    port,
    url,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop,
    start,
  };
}
