// `kith request`, `kith inbox`, `kith approve`, `kith deny`, `kith requests`.
import type { RequestView } from '../../api/methods/requests.ts';
import { invalidInput } from '../../base/errors.ts';
import { arg, print, type Command, type CommandContext } from './commands.ts';

function requestLines(r: RequestView, inbox: boolean): string {
  const state = r.status === 'pending' ? 'pending' : `${r.status} ${r.answered ?? ''}`.trim();
  const what = `${r.types.join(', ')}${r.fields === undefined ? '' : ` (only ${r.fields.join(', ')})`}`;
  return [
    `${r.id}  ${inbox ? 'from' : 'to'} ${r.peer.petname}  [${state}]`,
    `  asks for: ${what}`,
    `  purpose:  ${r.purpose}`,
    `  keeps it: ${r.retentionDays === undefined ? 'no limit stated' : `${r.retentionDays} days`}`,
    ...(r.available === undefined ? [] : [`  yours:    ${r.available.length === 0 ? '(no records of these types)' : r.available.map((a) => `${a.id} (${a.type})`).join(', ')}`]),
    ...(r.grant === undefined ? [] : [`  grant:    ${r.grant}${r.records === undefined ? '' : ` — records ${r.records.join(', ')}`}`]),
    ...(r.reason === undefined ? [] : [`  reason:   ${r.reason}`]),
  ].join('\n');
}

function fieldsFlag(ctx: CommandContext): string[] | undefined {
  const fields = ctx.flags['fields'];
  return typeof fields === 'string' ? fields.split(',').map((f) => f.trim()).filter((f) => f) : undefined;
}

function retentionFlag(ctx: CommandContext): number | undefined {
  const value = ctx.flags['retention'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,4}d?$/.test(value) || Number.parseInt(value, 10) < 1) {
    throw invalidInput('--retention takes a number of days, such as 30.');
  }
  return Number.parseInt(value, 10);
}

export const requestCommands: Readonly<Record<string, Command>> = {
  request: {
    usage: 'kith request CONTACT TYPE... --purpose TEXT [--retention DAYS] [--fields F,...]',
    summary: 'Ask a contact for their data of some types, for a purpose',
    options: { purpose: { type: 'string' }, retention: { type: 'string' }, fields: { type: 'string' } },
    arity: [2, 20],
    async run(ctx) {
      const purpose = ctx.flags['purpose'];
      if (typeof purpose !== 'string') throw invalidInput('Say what you need the data for with --purpose.', 'For example: --purpose "Delivering your order".');
      const retentionDays = retentionFlag(ctx);
      const fields = fieldsFlag(ctx);
      const sent = await ctx.client.call('requests.ask', {
        contact: arg(ctx, 0),
        types: ctx.args.slice(1),
        purpose,
        ...(retentionDays === undefined ? {} : { retentionDays }),
        ...(fields === undefined ? {} : { fields }),
      });
      print(ctx, sent, () => `Asked. ${sent.peer.petname} will see it in their inbox; \`kith requests\` shows the answer.\n${requestLines(sent, false)}`);
    },
  },
  requests: {
    usage: 'kith requests',
    summary: 'Requests you sent, and their answers',
    arity: [0, 0],
    async run(ctx) {
      const sent = await ctx.client.call('requests.list', {});
      print(ctx, sent, () => (sent.length === 0 ? 'You have asked nobody for data. Ask with `kith request`.' : sent.map((r) => requestLines(r, false)).join('\n\n')));
    },
  },
  inbox: {
    usage: 'kith inbox',
    summary: 'Requests for your data, to approve or deny',
    arity: [0, 0],
    async run(ctx) {
      const inbox = await ctx.client.call('inbox.list', {});
      print(ctx, inbox, () => (inbox.length === 0 ? 'Nobody has asked you for data.' : inbox.map((r) => requestLines(r, true)).join('\n\n')));
    },
  },
  approve: {
    usage: 'kith approve REQUEST-ID [RECORD-ID...] [--fields F,...]',
    summary: 'Approve a request (all your records of the types asked for, or only those named)',
    options: { fields: { type: 'string' } },
    arity: [1, 201],
    async run(ctx) {
      const fields = fieldsFlag(ctx);
      const records = ctx.args.slice(1);
      const approved = await ctx.client.call('inbox.approve', {
        id: arg(ctx, 0),
        ...(records.length === 0 ? {} : { records }),
        ...(fields === undefined ? {} : { fields }),
      });
      print(ctx, approved, () => `Approved: grant ${approved.grant ?? ''} shares it; \`kith grants\` shows delivery.\n${requestLines(approved, true)}`);
    },
  },
  deny: {
    usage: 'kith deny REQUEST-ID [--reason TEXT]',
    summary: 'Deny a request; the requester is told',
    options: { reason: { type: 'string' } },
    arity: [1, 1],
    async run(ctx) {
      const reason = ctx.flags['reason'];
      const denied = await ctx.client.call('inbox.deny', { id: arg(ctx, 0), ...(typeof reason === 'string' ? { reason } : {}) });
      print(ctx, denied, () => `Denied. ${denied.peer.petname} is being told.\n${requestLines(denied, true)}`);
    },
  },
};
