// Secrets for the CLI: from the environment (scripts, tests) or typed at a terminal with
// echo off. Never from argv, where other users of the machine could read them.
import { KithError } from '../../base/errors.ts';

export interface SecretSource {
  /** Asks for one secret; `confirm` asks twice and insists they match. */
  ask(prompt: string, options?: { confirm?: boolean; envVar?: string }): Promise<string>;
}

export function terminalSecrets(env: NodeJS.ProcessEnv = process.env): SecretSource {
  return {
    async ask(prompt, options = {}) {
      const envVar = options.envVar ?? 'KITH_PASSPHRASE';
      const fromEnv = env[envVar];
      if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
      if (!process.stdin.isTTY) {
        throw new KithError('InvalidInput', `No ${prompt.toLowerCase()} was given.`, {
          hint: `Set ${envVar} in the environment, or run the command in a terminal to be asked.`,
        });
      }
      const first = await readHidden(`${prompt}: `);
      if (options.confirm === true) {
        const second = await readHidden(`${prompt} (again): `);
        if (first !== second) throw new KithError('InvalidInput', 'The two entries did not match.', { hint: 'Run the command again.' });
      }
      return first;
    },
  };
}

/** Reads a line from the terminal without echoing it. */
function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: KithError) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error === undefined) resolve(value);
      else reject(error);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new KithError('Aborted', 'Cancelled.'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else if (value.length < 1024) value += char;
      }
    };
    stdin.on('data', onData);
  });
}
