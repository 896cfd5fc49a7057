// `kith shared get`, `kith shared fetch`: the files of documents shared with you.
import type { SharedFileView } from '../../api/methods/sharing.ts';
import { resolve } from 'node:path';
import { arg, print, type Command } from './commands.ts';
import { formatBytes } from './format.ts';

/** "here", "fetching 3.1 MiB of 12 MiB", "waiting to retry (Unreachable)"… */
export function describeFile(file: SharedFileView): string {
  switch (file.state) {
    case 'here':
      return `here (${formatBytes(file.size)})`;
    case 'fetching':
      return `fetching, ${formatBytes(file.received ?? 0)} of ${formatBytes(file.size)}`;
    case 'waiting':
      return file.error === undefined ? `not here yet (${formatBytes(file.size)}), fetching soon` : `not here yet: the last try failed (${file.error}), trying again ${file.retryAt ?? 'soon'}`;
    case 'on-request':
      return `not fetched (${formatBytes(file.size)}): get it with \`kith shared fetch\` or \`kith shared get\``;
    case 'offline':
      return `not here (${formatBytes(file.size)}): start your node (\`kith start\`) to fetch it`;
    case 'unavailable':
      return 'not here, and the grant has expired: its owner no longer sends it';
  }
}

export const sharedFileCommands: Readonly<Record<string, Command>> = {
  'shared get': {
    usage: 'kith shared get ID OUT [--force]',
    summary: "Save the file of a document shared with you to OUT (fetched first if it is not here; its hash is checked)",
    options: { force: { type: 'boolean' } },
    arity: [2, 2],
    async run(ctx) {
      const written = await ctx.client.call('shared.get', { id: arg(ctx, 0), outPath: resolve(arg(ctx, 1)), overwrite: ctx.flags['force'] === true });
      print(ctx, written, () => `Wrote ${written.path}: ${written.name} (${formatBytes(written.size)}, sha256 ${written.sha256}).`);
    },
  },
  'shared fetch': {
    usage: 'kith shared fetch ID',
    summary: 'Fetch the file of a document shared with you now, whatever its size',
    arity: [1, 1],
    async run(ctx) {
      const file = await ctx.client.call('shared.fetch', { id: arg(ctx, 0) });
      print(ctx, file, () => `The file is ${describeFile(file)}.`);
    },
  },
};
