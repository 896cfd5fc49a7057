// Every `kith` command: its usage line and how it maps onto the API contract. The CLI is
// only a client of the contract, so anything here is also possible from the UI.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Client } from '../../api/client.ts';
import { MAX_RECORD_BYTES } from '../../api/records.ts';
import { isEncryptedBundle } from '../../app/bundle/encrypted-bundle.ts';
import { invalidInput, KithError } from '../../base/errors.ts';
import { parseJson } from '../../base/schema.ts';
import type { EventSubscription } from '../http-events.ts';
import type { SecretSource } from './passphrase.ts';
import type { Terminal } from './progress-bar.ts';
import * as fmt from './format.ts';

export interface CommandContext {
  readonly client: Client;
  readonly secrets: SecretSource;
  readonly json: boolean;
  readonly args: readonly string[];
  readonly flags: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly out: (text: string) => void;
  /** Set a non-zero exit code without an error message (e.g. `verify` of a bad file). */
  readonly fail: () => void;
  /** The node's live events (in process, or the daemon's /events). */
  readonly events?: EventSubscription;
  /** Standard output, when it is a terminal (never for a pipe or a file): where a progress bar may go. */
  readonly terminal?: Terminal;
}

export interface Command {
  readonly usage: string;
  readonly summary: string;
  /** Options this command accepts, besides the global --json and --data-dir. */
  readonly options?: Readonly<Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>>;
  readonly arity: readonly [min: number, max: number];
  run(ctx: CommandContext): Promise<void>;
}

export function print(ctx: CommandContext, value: unknown, human: () => string): void {
  ctx.out(ctx.json ? JSON.stringify(value, null, 2) : human());
}

/** The JSON argument of `data set/update` (and `vendor receipt`): bounded before parsing, `-` reads stdin. */
export function jsonArgument(text: string, what = 'The record data'): unknown {
  const source = text === '-' ? readFileSync(0, 'utf8') : text;
  if (Buffer.byteLength(source) > MAX_RECORD_BYTES) {
    throw invalidInput(`${what} is larger than ${MAX_RECORD_BYTES / 1024} KiB.`, what === 'The record data' ? 'Store large content as a document: kith doc add FILE.' : undefined);
  }
  return parseJson(source, what);
}

export function arg(ctx: CommandContext, index: number): string {
  const value = ctx.args[index];
  if (value === undefined) throw invalidInput('A required argument is missing.');
  return value;
}

/** A file argument, made absolute: a running daemon does not share this shell's folder. */
export function pathArg(ctx: CommandContext, index: number): string {
  return resolve(arg(ctx, index));
}

/** What an encrypted bundle's passphrase is asked as, and the variable scripts set instead. */
const BUNDLE_PASSPHRASE = 'Bundle passphrase';
export const BUNDLE_PASSPHRASE_ENV = 'KITH_EXPORT_PASSPHRASE';

/**
 * Whether FILE is an encrypted bundle, read here to know whether to ask for its passphrase
 * (the node checks it again). A file that cannot be read is left for the node to report.
 */
async function encryptedFile(path: string): Promise<boolean> {
  return isEncryptedBundle(path).catch(() => false);
}

/** No secret source (no terminal, nothing in the environment) -> undefined; anything else is thrown. */
function unlessNoSecret(error: unknown): undefined {
  if (error instanceof KithError && error.code === 'InvalidInput') return undefined;
  throw error;
}

export function integerFlag(ctx: CommandContext, name: string, min: number): number | undefined {
  const value = ctx.flags[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value) || Number(value) < min) {
    throw invalidInput(`--${name} takes a whole number of at least ${min}.`);
  }
  return Number(value);
}

export const coreCommands: Readonly<Record<string, Command>> = {
  init: {
    usage: 'kith init',
    summary: 'Create your identity (an Ed25519 key, your did:key and PeerId)',
    arity: [0, 0],
    async run(ctx) {
      const passphrase = await ctx.secrets.ask('New passphrase', { confirm: true });
      const created = await ctx.client.call('identity.init', { passphrase });
      print(ctx, created, () =>
        [
          fmt.formatIdentity(created),
          '',
          'Your recovery phrase (shown once; write it down and keep it offline):',
          '',
          `  ${created.recoveryPhrase}`,
          '',
          'Anyone with these 24 words can become you. `kith restore` rebuilds your identity from them.',
        ].join('\n'),
      );
    },
  },
  restore: {
    usage: 'kith restore',
    summary: 'Rebuild your identity from its 24-word recovery phrase (asked, or KITH_RECOVERY_PHRASE)',
    arity: [0, 0],
    async run(ctx) {
      const recoveryPhrase = await ctx.secrets.ask('Recovery phrase', { envVar: 'KITH_RECOVERY_PHRASE' });
      const passphrase = await ctx.secrets.ask('New passphrase', { confirm: true });
      const restored = await ctx.client.call('identity.restore', { recoveryPhrase, passphrase });
      print(ctx, restored, () => `Restored.\n${fmt.formatIdentity(restored)}`);
    },
  },
  whoami: {
    usage: 'kith whoami',
    summary: 'Show your DID and PeerId (the same key)',
    arity: [0, 0],
    async run(ctx) {
      const identity = await ctx.client.call('identity.whoami', {});
      print(ctx, identity, () => fmt.formatIdentity(identity));
    },
  },
  'data set': {
    usage: 'kith data set TYPE JSON',
    summary: 'Add a record: name, email, phone, address, birthdate, preference, purchase, contact, event or custom',
    arity: [2, 2],
    async run(ctx) {
      const data = jsonArgument(arg(ctx, 1));
      const record = await ctx.client.call('data.set', { type: arg(ctx, 0), data } as never);
      print(ctx, record, () => `Added ${record.type} ${record.id} (v${record.version}).`);
    },
  },
  'data update': {
    usage: 'kith data update ID JSON',
    summary: "Replace a record's data (a new signed version; history is kept)",
    arity: [2, 2],
    async run(ctx) {
      const data = jsonArgument(arg(ctx, 1));
      const record = await ctx.client.call('data.update', { id: arg(ctx, 0), data });
      print(ctx, record, () => `Updated ${record.type} ${record.id} to v${record.version}.`);
    },
  },
  'data get': {
    usage: 'kith data get ID',
    summary: 'Show a record (with --json, its signed credential too)',
    arity: [1, 1],
    async run(ctx) {
      const record = await ctx.client.call('data.get', { id: arg(ctx, 0) });
      print(ctx, record, () => fmt.formatRecord(record));
    },
  },
  'data list': {
    usage: 'kith data list [TYPE]',
    summary: 'List your current records',
    arity: [0, 1],
    async run(ctx) {
      const type = ctx.args[0];
      const records = await ctx.client.call('data.list', type === undefined ? {} : { type });
      print(ctx, records, () =>
        records.length === 0 ? 'No records yet. Add one with `kith data set TYPE JSON`.' : records.map(fmt.formatRecordLine).join('\n'),
      );
    },
  },
  'data history': {
    usage: 'kith data history ID',
    summary: 'Every signed version of a record',
    arity: [1, 1],
    async run(ctx) {
      const versions = await ctx.client.call('data.history', { id: arg(ctx, 0) });
      print(ctx, versions, () => versions.map(fmt.formatHistoryLine).join('\n'));
    },
  },
  'data rm': {
    usage: 'kith data rm ID',
    summary: 'Delete a record (a signed tombstone stays in its history)',
    arity: [1, 1],
    async run(ctx) {
      const record = await ctx.client.call('data.remove', { id: arg(ctx, 0) });
      print(ctx, record, () => `Deleted ${record.type} ${record.id} (tombstone v${record.version}).`);
    },
  },
  'doc add': {
    usage: 'kith doc add FILE [--name NAME] [--media-type TYPE] [--replace ID]',
    summary: 'Store a file of any size as a document (--replace: as the new version of document ID)',
    options: { name: { type: 'string' }, 'media-type': { type: 'string' }, replace: { type: 'string' } },
    arity: [1, 1],
    async run(ctx) {
      const name = ctx.flags['name'];
      const mediaType = ctx.flags['media-type'];
      const replaces = ctx.flags['replace'];
      const record = await ctx.client.call('doc.add', {
        path: pathArg(ctx, 0),
        ...(typeof name === 'string' ? { name } : {}),
        ...(typeof mediaType === 'string' ? { mediaType } : {}),
        ...(typeof replaces === 'string' ? { replaces } : {}),
      });
      print(ctx, record, () => `${record.version > 1 ? 'Replaced' : 'Added'} document ${record.id}: ${fmt.summarize(record)}.`);
    },
  },
  'doc get': {
    usage: 'kith doc get ID OUT [--force]',
    summary: "Write a document's file to OUT (its hash is checked)",
    options: { force: { type: 'boolean' } },
    arity: [2, 2],
    async run(ctx) {
      const written = await ctx.client.call('doc.get', { id: arg(ctx, 0), outPath: pathArg(ctx, 1), overwrite: ctx.flags['force'] === true });
      print(ctx, written, () => `Wrote ${written.path} (${fmt.formatBytes(written.size)}, sha256 ${written.sha256}).`);
    },
  },
  log: {
    usage: 'kith log [--verify] [--from N] [--limit N] [--kind KIND] [--person CONTACT] [--record ID]',
    summary: 'Show the audit trail in sentences, by day (--person, --record: only what concerns them), or check all of it with --verify',
    options: { verify: { type: 'boolean' }, from: { type: 'string' }, limit: { type: 'string' }, kind: { type: 'string' }, person: { type: 'string' }, record: { type: 'string' } },
    arity: [0, 0],
    async run(ctx) {
      if (ctx.flags['verify'] === true) {
        const report = await ctx.client.call('log.verify', {});
        print(ctx, report, () => fmt.formatChainReport(report));
        if (!report.ok) ctx.fail();
        return;
      }
      const from = integerFlag(ctx, 'from', 0);
      const limit = integerFlag(ctx, 'limit', 1);
      const kind = ctx.flags['kind'];
      const person = ctx.flags['person'];
      const record = ctx.flags['record'];
      const query = { ...(from === undefined ? {} : { from }), ...(limit === undefined ? {} : { limit }), ...(typeof kind === 'string' ? { kind } : {}) };
      const filtered = typeof person === 'string' || typeof record === 'string';
      // --json stays the signed entries as they are (scripts rely on it); a person reads sentences.
      if (ctx.json && !filtered) {
        print(ctx, await ctx.client.call('log.list', query), () => '');
        return;
      }
      const items = await ctx.client.call('log.activity', {
        from: from ?? 0,
        ...query,
        ...(typeof person === 'string' ? { person } : {}),
        ...(typeof record === 'string' ? { record } : {}),
      });
      print(ctx, items, () => (items.length === 0 ? (filtered ? 'Nothing in the audit trail concerns that.' : 'The audit trail is empty.') : fmt.formatActivity(items)));
    },
  },
  export: {
    usage: 'kith export FILE [--force] [--encrypt]',
    summary: `Write everything to one signed, portable bundle; --encrypt seals it under a passphrase (asked twice, or ${BUNDLE_PASSPHRASE_ENV})`,
    options: { force: { type: 'boolean' }, encrypt: { type: 'boolean' } },
    arity: [1, 1],
    async run(ctx) {
      const passphrase = ctx.flags['encrypt'] === true ? await ctx.secrets.ask(BUNDLE_PASSPHRASE, { confirm: true, envVar: BUNDLE_PASSPHRASE_ENV }) : undefined;
      const summary = await ctx.client.call('bundle.export', {
        path: pathArg(ctx, 0),
        overwrite: ctx.flags['force'] === true,
        ...(passphrase === undefined ? {} : { passphrase }),
      });
      print(ctx, summary, () => fmt.formatBundle(passphrase === undefined ? 'Exported to' : 'Exported (encrypted) to', summary));
    },
  },
  import: {
    usage: 'kith import FILE',
    summary: `Restore a bundle into this (empty) locker; an encrypted one asks its passphrase (or ${BUNDLE_PASSPHRASE_ENV})`,
    arity: [1, 1],
    async run(ctx) {
      const path = pathArg(ctx, 0);
      const passphrase = (await encryptedFile(path)) ? await ctx.secrets.ask(BUNDLE_PASSPHRASE, { envVar: BUNDLE_PASSPHRASE_ENV }) : undefined;
      const summary = await ctx.client.call('bundle.import', { path, ...(passphrase === undefined ? {} : { passphrase }) });
      print(ctx, summary, () => fmt.formatBundle('Imported from', summary));
    },
  },
  verify: {
    usage: 'kith verify FILE',
    summary: `Check a credential or bundle file offline (exit 0 valid, 1 not); an encrypted bundle asks its passphrase (or ${BUNDLE_PASSPHRASE_ENV})`,
    arity: [1, 1],
    async run(ctx) {
      const path = pathArg(ctx, 0);
      // Without a passphrase (none in the environment, no terminal) the answer says it is encrypted.
      const passphrase = (await encryptedFile(path)) ? await ctx.secrets.ask(BUNDLE_PASSPHRASE, { envVar: BUNDLE_PASSPHRASE_ENV }).catch(unlessNoSecret) : undefined;
      const result = await ctx.client.call('verify.file', { path, ...(passphrase === undefined ? {} : { passphrase }) });
      const what = result.encrypted === true ? `encrypted ${result.kind}` : result.kind;
      print(ctx, result, () =>
        result.valid
          ? `Valid ${what}, signed by ${result.signers.join(', ')}.${result.note === undefined ? '' : `\nNote: ${result.note}.`}`
          : result.encrypted === true && passphrase === undefined
            ? `NOT checked: ${result.reason ?? 'the bundle is encrypted'}.\nSet ${BUNDLE_PASSPHRASE_ENV}, or run it in a terminal to be asked.`
            : `NOT valid: ${result.reason ?? 'it does not verify'}.`,
      );
      if (!result.valid) ctx.fail();
    },
  },
};
