// `kith` — the command line. A client of the API contract that runs the core in process
// (issue #3 adds talking to a running daemon instead).
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { createClient } from '../api/client.ts';
import { KithError, toErrorInfo, type ErrorInfo } from '../base/errors.ts';
import { openKithApp } from '../app/create-node.ts';
import { defaultHome } from '../app/paths.ts';
import { commands, type Command } from './cli/commands.ts';
import { terminalSecrets } from './cli/passphrase.ts';
import { unlockingClient } from './cli/unlocking-client.ts';

const GLOBAL_OPTIONS = {
  json: { type: 'boolean' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

function helpText(): string {
  const width = Math.max(...Object.values(commands).map((c) => c.usage.length));
  return [
    'kith — your personal data, on your own node',
    '',
    'Usage: kith [--data-dir DIR] [--json] COMMAND',
    '',
    ...Object.values(commands).map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Data folder: --data-dir, else KITH_HOME, else ' + defaultHome() + '.',
    'Passphrase: asked at the terminal, or KITH_PASSPHRASE.',
  ].join('\n');
}

/** `data set …` is a two-word command; everything else is one word. */
function findCommand(positionals: readonly string[]): { name: string; command: Command; args: string[] } | undefined {
  const [first, second] = positionals;
  const two = `${first} ${second}`;
  if (second !== undefined && commands[two] !== undefined) return { name: two, command: commands[two], args: positionals.slice(2) };
  if (first !== undefined && commands[first] !== undefined) return { name: first, command: commands[first], args: positionals.slice(1) };
  return undefined;
}

class UsageError extends Error {}

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
    const app = await openKithApp({ home });
    close = () => app.close();
    let exitCode = 0;
    const secrets = terminalSecrets();
    await command.run({
      client: unlockingClient(createClient(app.transport), secrets),
      secrets,
      json: parsed.values.json === true,
      args,
      flags: parsed.values as Record<string, string | boolean | undefined>,
      out: (text) => console.log(text),
      fail: () => {
        exitCode = 1;
      },
    });
    for (const warning of await app.warnings()) console.error(`kith: warning: ${warning}`);
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

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
