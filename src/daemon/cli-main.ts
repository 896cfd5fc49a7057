// The command line's body (its entry is cli.ts). A client of the API contract: it talks to the running daemon
// of the data folder when there is one (`kith start`), and otherwise runs the core in
// process for the length of one command.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { createClient, type Client } from '../api/client.ts';
import { KithError, toErrorInfo, type ErrorInfo } from '../base/errors.ts';
import { defaultHome } from '../app/paths.ts';
import type { NetworkOptions } from '../app/network.ts';
import type { Command } from './cli/commands.ts';
import { commands } from './cli/all-commands.ts';
import { startDaemon, stopDaemon, type DaemonCommandContext } from './cli/daemon-commands.ts';
import { terminalSecrets } from './cli/passphrase.ts';
import { unlockingClient } from './cli/unlocking-client.ts';
import { findDaemon } from './daemon-file.ts';
import { httpEvents, type EventSubscription } from './http-events.ts';
import { httpTransport } from './http-transport.ts';

const GLOBAL_OPTIONS = {
  json: { type: 'boolean' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

interface DaemonCommand {
  readonly usage: string;
  readonly summary: string;
  readonly options?: Readonly<Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>>;
  readonly arity: readonly [number, number];
  run(ctx: DaemonCommandContext): Promise<void>;
}

/** Commands that manage the node itself rather than call the contract. */
const daemonCommands: Readonly<Record<string, DaemonCommand>> = {
  start: {
    usage: 'kith start [--vendor [--store pglite|postgres://USER@HOST:PORT/DB]] [--listen ADDR]... [--bootstrap ADDR]... [--relay] [--no-mdns] [--ui] [--port N]',
    summary: 'Run your node online (--ui opens the UI in the browser); other commands then talk to it',
    options: {
      port: { type: 'string' },
      ui: { type: 'boolean' },
      vendor: { type: 'boolean' },
      store: { type: 'string' },
      listen: { type: 'string', multiple: true },
      bootstrap: { type: 'string', multiple: true },
      relay: { type: 'boolean' },
      'no-mdns': { type: 'boolean' },
      // Tests that run many nodes on one host need more than libp2p's 5 connections/s per IP.
      'inbound-threshold': { type: 'string' },
    },
    arity: [0, 0],
    run: startDaemon,
  },
  stop: { usage: 'kith stop', summary: 'Stop the running node', arity: [0, 0], run: stopDaemon },
};

function helpText(): string {
  const all = [...Object.values(daemonCommands), ...Object.values(commands)];
  const width = Math.max(...all.map((c) => c.usage.length));
  return [
    'kith — your personal data, on your own node',
    '',
    'Usage: kith [--data-dir DIR] [--json] COMMAND',
    '',
    ...all.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Data folder: --data-dir, else KITH_HOME, else ' + defaultHome() + '.',
    'Passphrase: asked at the terminal, or KITH_PASSPHRASE.',
  ].join('\n');
}

type Found = { name: string; command: Command | DaemonCommand; args: string[] };

/** `data set …` is a two-word command, `vendor webhook add …` a three-word one; the rest one word. */
function findCommand(positionals: readonly string[]): Found | undefined {
  const [first, second] = positionals;
  const table: Record<string, Command | DaemonCommand> = { ...commands, ...daemonCommands };
  const three = positionals.slice(0, 3).join(' ');
  if (positionals.length >= 3 && table[three] !== undefined) return { name: three, command: table[three], args: positionals.slice(3) };
  const two = `${first} ${second}`;
  if (second !== undefined && table[two] !== undefined) return { name: two, command: table[two], args: positionals.slice(2) };
  if (first !== undefined && table[first] !== undefined) return { name: first, command: table[first], args: positionals.slice(1) };
  return undefined;
}

class UsageError extends Error {}

function portFlag(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new UsageError('--port takes a port number (0-65535).');
  return Number(value);
}

function networkFlags(flags: Record<string, string | boolean | string[] | undefined>): NetworkOptions {
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  const threshold = flags['inbound-threshold'];
  if (threshold !== undefined && (typeof threshold !== 'string' || !/^\d{1,6}$/.test(threshold))) throw new UsageError('--inbound-threshold takes a whole number.');
  return {
    listen: list(flags['listen']),
    bootstrap: list(flags['bootstrap']),
    vendor: flags['vendor'] === true,
    relayServer: flags['relay'] === true || flags['vendor'] === true,
    mdns: flags['no-mdns'] !== true,
    ...(typeof threshold === 'string' ? { inboundConnectionThreshold: Number(threshold) } : {}),
  };
}

/** The daemon's client when one runs for `home`, else an in-process core (closed after). */
async function connect(home: string): Promise<{ client: Client; events: EventSubscription; warnings(): Promise<string[]>; close(): Promise<void> }> {
  const daemon = await findDaemon(home);
  if (daemon !== undefined) {
    return { client: createClient(httpTransport(daemon.url, daemon.token)), events: httpEvents(daemon.url, daemon.token), warnings: async () => [], close: async () => undefined };
  }
  // Loaded only here: with a daemon running, a command needs just the client, and the core
  // (libp2p, LevelDB, the vendor store, every service) is most of a command's start time.
  const { openKithApp } = await import('../app/create-node.ts');
  const app = await openKithApp({ home });
  return { client: createClient(app.transport), events: async (listener) => app.onEvent(listener), warnings: () => app.warnings(), close: () => app.close() };
}

export async function main(argv: readonly string[]): Promise<number> {
  const wantsJson = argv.includes('--json');
  let close: (() => Promise<void>) | undefined;
  try {
    const first = parseArgs({ args: [...argv], options: GLOBAL_OPTIONS, allowPositionals: true, strict: false });
    const found = findCommand(first.positionals);
    if (found === undefined) {
      if (first.positionals.length === 0 || first.values.help === true) {
        console.log(helpText());
        return first.positionals.length === 0 && first.values.help !== true ? 2 : 0;
      }
      throw new UsageError(`Unknown command "${first.positionals.join(' ')}". Run \`kith --help\` for the list.`);
    }
    const { command } = found;
    let parsed;
    try {
      parsed = parseArgs({ args: [...argv], options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
    } catch (error) {
      // parseArgs explains over several lines; the first says what is wrong.
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.replace(/[.\s]+$/, '');
      throw new UsageError(`${reason}. Usage: ${command.usage}`);
    }
    if (parsed.values.help === true) {
      console.log(`Usage: ${command.usage}\n${command.summary}`);
      return 0;
    }
    const args = findCommand(parsed.positionals)?.args ?? [];
    const [min, max] = command.arity;
    if (args.length < min || args.length > max) throw new UsageError(`Wrong number of arguments. Usage: ${command.usage}`);

    const dataDir = parsed.values['data-dir'];
    const home = typeof dataDir === 'string' ? dataDir : (process.env['KITH_HOME'] ?? defaultHome());
    const json = parsed.values.json === true;
    const secrets = terminalSecrets();
    const out = (text: string) => console.log(text);
    const flags = parsed.values as Record<string, string | boolean | string[] | undefined>;

    if (daemonCommands[found.name] !== undefined) {
      const store = flags['store'];
      if (typeof store === 'string' && flags['vendor'] !== true) throw new UsageError('--store chooses a vendor node\'s store: add --vendor.');
      await daemonCommands[found.name]?.run({ home, json, port: portFlag(flags['port']), openUi: flags['ui'] === true, network: networkFlags(flags), ...(typeof store === 'string' ? { store } : {}), secrets, out });
      return 0;
    }
    const connection = await connect(home);
    close = () => connection.close();
    let exitCode = 0;
    await (command as Command).run({
      client: unlockingClient(connection.client, secrets),
      secrets,
      json,
      args,
      flags,
      out,
      fail: () => {
        exitCode = 1;
      },
      events: connection.events,
      ...(process.stdout.isTTY ? { terminal: process.stdout } : {}),
    });
    for (const warning of await connection.warnings()) console.error(`kith: warning: ${warning}`);
    return exitCode;
  } catch (error) {
    if (error instanceof UsageError) {
      reportError({ code: 'InvalidInput', message: error.message }, wantsJson);
      return 2;
    }
    if (!(error instanceof KithError) && process.env['KITH_DEBUG'] === '1') console.error(error);
    reportError(toErrorInfo(error), wantsJson);
    return 1;
  } finally {
    await close?.();
  }
}

function reportError(info: ErrorInfo, json: boolean): void {
  if (json) console.error(JSON.stringify({ error: info }));
  else console.error(`kith: ${info.message}${info.hint === undefined ? '' : ` ${info.hint}`}`);
}

