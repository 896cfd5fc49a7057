// `kith grant`, `kith grants`, `kith revoke`, `kith shared`, `kith receipts`.
import type { GrantView, SharedView } from '../../api/methods/sharing.ts';
import { invalidInput } from '../../base/errors.ts';
import { arg, print, type Command } from './commands.ts';
import { describeFile } from './shared-file-commands.ts';

function grantLines(g: GrantView): string {
  const state = g.revoked !== undefined ? `revoked ${g.revoked}` : g.live ? 'live' : `expired ${g.expires ?? ''}`;
  const holders = g.holders
    .map((h) => `${h.petname} (${[h.upToDate ? 'up to date' : 'waiting for delivery', h.receipt ? 'receipt' : '', h.deleted ? 'deleted' : ''].filter((x) => x).join(', ')})`)
    .join('; ');
  return [
    `${g.id}  to ${g.to.kind} ${g.to.name}  [${state}]`,
    `  records: ${g.records.map((r) => (r.fields === undefined ? r.id : `${r.id} (${r.fields.join(', ')})`)).join(', ')}`,
    `  purpose: ${g.purpose}`,
    ...(g.terms.length === 0 ? [] : [`  terms:   ${g.terms.join(' ')}`]),
    `  holders: ${holders.length === 0 ? '(nobody yet)' : holders}`,
  ].join('\n');
}

function sharedLine(s: SharedView): string {
  const what = s.revoked !== undefined ? '(revoked: deleted)' : s.record.deleted ? '(deleted by its owner)' : JSON.stringify(s.record.data);
  const file = s.file === undefined ? '' : `\n  file: ${describeFile(s.file)}`;
  return `${s.from.petname}: ${s.record.type} ${s.record.id} v${s.record.version} ${what}\n  for "${s.grant.purpose}"${s.grant.terms.length > 0 ? ` — ${s.grant.terms.join(' ')}` : ''}${file}`;
}

export const sharingCommands: Readonly<Record<string, Command>> = {
  grant: {
    usage: 'kith grant CONTACT|CIRCLE RECORD-ID... --purpose TEXT [--terms PRESET,...] [--clause TEXT]... [--fields F,...] [--expires WHEN]',
    summary: 'Share records with a contact or circle, for a purpose, under your terms',
    options: { purpose: { type: 'string' }, terms: { type: 'string' }, clause: { type: 'string', multiple: true }, fields: { type: 'string' }, expires: { type: 'string' } },
    arity: [2, 201],
    async run(ctx) {
      const purpose = ctx.flags['purpose'];
      if (typeof purpose !== 'string') throw invalidInput('Say what the data is for with --purpose.', 'For example: --purpose "Delivery of my order".');
      const terms = ctx.flags['terms'];
      const fields = ctx.flags['fields'];
      const expires = ctx.flags['expires'];
      const clause = ctx.flags['clause'];
      const grant = await ctx.client.call('grants.create', {
        to: arg(ctx, 0),
        records: ctx.args.slice(1),
        purpose,
        ...(typeof terms === 'string' ? { terms } : {}),
        ...(Array.isArray(clause) ? { clauses: clause } : {}),
        ...(typeof fields === 'string' ? { fields: fields.split(',').map((f) => f.trim()).filter((f) => f) } : {}),
        ...(typeof expires === 'string' ? { expires } : {}),
      });
      print(ctx, grant, () => `Granted.\n${grantLines(grant)}`);
    },
  },
  grants: {
    usage: 'kith grants',
    summary: 'What you share, with whom, and who complied',
    arity: [0, 0],
    async run(ctx) {
      const grants = await ctx.client.call('grants.list', {});
      print(ctx, grants, () => (grants.length === 0 ? 'You share nothing yet. Share with `kith grant`.' : grants.map(grantLines).join('\n\n')));
    },
  },
  revoke: {
    usage: 'kith revoke GRANT-ID',
    summary: 'End a grant: holders stop getting updates and delete the data',
    arity: [1, 1],
    async run(ctx) {
      const grant = await ctx.client.call('grants.revoke', { grant: arg(ctx, 0) });
      print(ctx, grant, () => `Revoked. Holders are being told; \`kith grants\` shows who has deleted.\n${grantLines(grant)}`);
    },
  },
  shared: {
    usage: 'kith shared',
    summary: 'What contacts have shared with you, with its purpose and terms',
    arity: [0, 0],
    async run(ctx) {
      const shared = await ctx.client.call('shared.list', {});
      print(ctx, shared, () => (shared.length === 0 ? 'Nothing has been shared with you yet.' : shared.map(sharedLine).join('\n')));
    },
  },
  receipts: {
    usage: 'kith receipts',
    summary: 'Consent receipts (countersigned by holders) and deletion receipts',
    arity: [0, 0],
    async run(ctx) {
      const receipts = await ctx.client.call('receipts.list', {});
      print(ctx, receipts, () => (receipts.length === 0 ? 'No receipts yet.' : receipts.map((r) => `${r.time}  ${r.kind.padEnd(8)} grant ${r.grant}  holder ${r.holder}`).join('\n')));
    },
  },
};
