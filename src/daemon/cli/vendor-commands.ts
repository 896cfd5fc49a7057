// The vendor console on the command line: `kith vendor customers`, `kith vendor holdings
// DID`, `kith vendor export`, `kith vendor receipt DID JSON`, `kith vendor compliance`.
// Clients of the contract's vendor.* methods, like the UI.
import type { ComplianceView } from '../../api/methods/receipts.ts';
import type { HoldingsView } from '../../api/methods/vendor.ts';
import { invalidInput } from '../../base/errors.ts';
import { arg, integerFlag, jsonArgument, pathArg, print, type Command } from './commands.ts';

function complianceText(c: ComplianceView): string {
  const who = (d: { customer: string; name?: string }) => `${d.name ?? '(no name shared)'} ${d.customer}`;
  const lines = ['Deletions owed:'];
  if (c.owed.length === 0) lines.push('  none');
  for (const d of c.owed) lines.push(`  grant ${d.grant} of ${who(d)}: due ${d.due}${d.overdue ? ' (overdue: carried out at the next sweep)' : ''}  [${d.reason}${d.days === undefined ? '' : ` ${d.days} days`}]`);
  lines.push('Deletions answered:');
  if (c.answered.length === 0) lines.push('  none');
  for (const d of c.answered) {
    const receipt = d.by === 'revocation' ? 'receipt returned with the revocation' : d.delivered === undefined ? 'deletion receipt on its way' : `deletion receipt delivered ${d.delivered}`;
    lines.push(`  grant ${d.grant} of ${who(d)}: due ${d.due}, deleted ${d.done} (${d.by === 'revocation' ? 'revoked first' : 'on schedule'}); ${receipt}`);
  }
  return lines.join('\n');
}

function holdingsText(h: HoldingsView): string {
  const lines = [`${h.customer.name ?? '(no name shared)'}  ${h.customer.did}`, `  customer since ${h.customer.since}`];
  for (const a of h.agreements) lines.push(`  agreement ${a.id}  [${a.status === 'active' ? 'in force' : `ended ${a.ended ?? ''}`}]  ${a.purpose}`);
  for (const g of h.grants) {
    lines.push(`  grant ${g.id}${g.agreement === undefined ? '' : ` (agreement ${g.agreement})`}  ${g.purpose ?? ''}${g.revoked === undefined ? '' : `  [ended ${g.revoked}: data deleted]`}`);
    for (const r of h.records.filter((r) => r.grant === g.id)) {
      const state = r.revoked !== undefined ? 'deleted (revoked, or the terms’ deletion date came)' : r.deleted ? 'deleted by the customer' : JSON.stringify(r.data);
      lines.push(`    ${r.id}  ${r.type.padEnd(10)} v${r.version}  ${state}`);
      for (const v of r.versions) lines.push(`      v${v.version}  shared ${v.sharedAt}  received ${v.receivedAt}`);
    }
  }
  for (const d of h.scheduledDeletions) lines.push(`  deletion owed for grant ${d.grant} by ${d.due} (${d.reason})${d.done === undefined ? '' : `, done ${d.done}`}`);
  return lines.join('\n');
}

export const vendorCommands: Readonly<Record<string, Command>> = {
  'vendor customers': {
    usage: 'kith vendor customers [--search TEXT] [--limit N] [--offset N]',
    summary: "A vendor node's customers, newest first: agreements in force, records shared now, since when",
    options: { search: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' } },
    arity: [0, 0],
    async run(ctx) {
      const search = ctx.flags['search'];
      const limit = integerFlag(ctx, 'limit', 1);
      const offset = integerFlag(ctx, 'offset', 0);
      const customers = await ctx.client.call('vendor.customers', { ...(typeof search === 'string' ? { search } : {}), ...(limit === undefined ? {} : { limit }), ...(offset === undefined ? {} : { offset }) });
      print(ctx, customers, () =>
        customers.length === 0
          ? 'No customers yet: they appear when someone makes an agreement with this node or shares with it.'
          : customers.map((c) => `${c.did}  ${c.name ?? '(no name shared)'}  ${c.agreements} agreement(s), ${c.records} record(s), since ${c.since}`).join('\n'),
      );
    },
  },
  'vendor holdings': {
    usage: 'kith vendor holdings DID',
    summary: 'Everything this vendor node holds about one customer: agreements, grants, records and every version',
    arity: [1, 1],
    async run(ctx) {
      const holdings = await ctx.client.call('vendor.holdings', { customer: arg(ctx, 0) });
      print(ctx, holdings, () => holdingsText(holdings));
    },
  },
  'vendor export': {
    usage: 'kith vendor export --format csv|jsonl [FILE] [--force]',
    summary: 'Export what customers share under live grants: CSV for CRM imports, or JSON Lines; standard output without FILE',
    options: { format: { type: 'string' }, force: { type: 'boolean' } },
    arity: [0, 1],
    async run(ctx) {
      const format = ctx.flags['format'];
      if (format !== 'csv' && format !== 'jsonl') throw invalidInput('Say which format with --format csv or --format jsonl.');
      const outPath = ctx.args.length === 1 ? pathArg(ctx, 0) : undefined;
      const result = await ctx.client.call('vendor.export', { format, ...(outPath === undefined ? {} : { outPath, overwrite: ctx.flags['force'] === true }) });
      if (result.content !== undefined) {
        // The export itself is the output (for a pipe); --json is for the file case's summary.
        process.stdout.write(result.content);
        return;
      }
      print(ctx, { rows: result.rows, path: result.path }, () => `Wrote ${result.rows} row(s) to ${result.path ?? ''}.`);
    },
  },
  'vendor receipt': {
    usage: 'kith vendor receipt DID JSON  (JSON may be - for standard input)',
    summary: 'Sign an e-receipt and send it to a customer with an agreement: {"orderId","date","items":[{"name","quantity","price":{"value","currency"}}],"total"}',
    arity: [2, 2],
    async run(ctx) {
      const order = jsonArgument(arg(ctx, 1), 'The e-receipt');
      const sent = await ctx.client.call('vendor.receipt', { customer: arg(ctx, 0), order });
      print(ctx, sent, () => `Signed e-receipt ${sent.id} for order ${sent.orderId} (${sent.total.value} ${sent.total.currency}); it reaches the customer now, or when they are next online.`);
    },
  },
  'vendor receipts': {
    usage: 'kith vendor receipts [DID]',
    summary: 'The e-receipts this vendor node sent, and what each customer answered',
    arity: [0, 1],
    async run(ctx) {
      const customer = ctx.args[0];
      const list = await ctx.client.call('vendor.receipts', customer === undefined ? {} : { customer });
      print(ctx, list, () =>
        list.length === 0
          ? 'No e-receipts sent yet. Send one with `kith vendor receipt DID JSON`.'
          : list.map((r) => `${r.created}  ${r.orderId}  ${r.total.value} ${r.total.currency}  to ${r.customer}  ${r.status}${r.code === undefined ? '' : ` (${r.code})`}`).join('\n'),
      );
    },
  },
  'vendor compliance': {
    usage: 'kith vendor compliance',
    summary: "Deletions customers' terms scheduled (delete after N days): owed with due dates, and answered with deletion receipts",
    arity: [0, 0],
    async run(ctx) {
      const compliance = await ctx.client.call('vendor.compliance', {});
      print(ctx, compliance, () => complianceText(compliance));
    },
  },
  'vendor webhook add': {
    usage: 'kith vendor webhook add URL',
    summary: 'Send CRM webhooks (Standard Webhooks) to URL; prints its id and signing secret, once',
    arity: [1, 1],
    async run(ctx) {
      const added = await ctx.client.call('vendor.webhooks.add', { url: arg(ctx, 0) });
      print(ctx, added, () => `Added webhook ${added.id}.\nSigning secret (shown only now; verify webhook-signature with it):\n${added.secret}`);
    },
  },
  'vendor webhook list': {
    usage: 'kith vendor webhook list',
    summary: 'The webhook endpoints, and which were disabled (410 Gone)',
    arity: [0, 0],
    async run(ctx) {
      const list = await ctx.client.call('vendor.webhooks.list', {});
      print(ctx, list, () => (list.length === 0 ? 'No webhooks. Add one with `kith vendor webhook add URL`.' : list.map((w) => `${w.id}  ${w.url}${w.enabled ? '' : `  [disabled: ${w.disabledReason ?? ''}]`}`).join('\n')));
    },
  },
  'vendor webhook rm': {
    usage: 'kith vendor webhook rm ID',
    summary: 'Remove a webhook endpoint and its queued deliveries',
    arity: [1, 1],
    async run(ctx) {
      const id = arg(ctx, 0);
      await ctx.client.call('vendor.webhooks.remove', { id });
      print(ctx, { removed: id }, () => `Removed webhook ${id}.`);
    },
  },
  'vendor webhook test': {
    usage: 'kith vendor webhook test ID',
    summary: 'Send a webhook.test event to one endpoint (see it in `kith vendor webhook deliveries`)',
    arity: [1, 1],
    async run(ctx) {
      const id = arg(ctx, 0);
      await ctx.client.call('vendor.webhooks.test', { id });
      print(ctx, { queued: id }, () => `Queued a webhook.test event for ${id}.`);
    },
  },
  'vendor webhook deliveries': {
    usage: 'kith vendor webhook deliveries',
    summary: 'The webhook delivery log, newest first',
    arity: [0, 0],
    async run(ctx) {
      const log = await ctx.client.call('vendor.webhooks.deliveries', {});
      print(ctx, log, () =>
        log.length === 0
          ? 'No webhook deliveries yet.'
          : log.map((d) => `${d.created}  ${d.id}  ${d.type.padEnd(18)} -> ${d.endpoint}  ${d.status} (${d.attempts} attempt(s)${d.lastStatus === undefined ? '' : `, last HTTP ${d.lastStatus}`}${d.lastError === undefined ? '' : `: ${d.lastError}`})`).join('\n'),
      );
    },
  },
};
