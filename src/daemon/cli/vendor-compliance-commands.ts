// `kith vendors compliance [VENDOR]`: a person's view of how each vendor kept their terms
// (the Compliance panel of the Vendors screen shows the same, from vendors.compliance).
import type { VendorComplianceView } from '../../api/methods/vendor-compliance.ts';
import { print, type Command } from './commands.ts';

const VERDICT_WORDS = { 'on-time': 'answered on time', late: 'answered late', never: 'never answered', waiting: 'not answered yet' } as const;

function deletionLine(d: VendorComplianceView['deletions'][number], what: string): string {
  const answered = d.answered === undefined ? '' : `, deletion receipt ${d.answered}`;
  return `  ${what} for grant ${d.grant} (${d.purpose}): due ${d.due}${answered}: ${VERDICT_WORDS[d.verdict]}`;
}

export function complianceText(c: VendorComplianceView): string {
  const lines = [`${c.vendor.petname}  score ${c.score}/100${c.factors.length === 0 ? ' (nothing late, missing or disputed)' : ''}`];
  for (const f of c.factors) lines.push(`  ${f.points} ${f.reason}`);
  for (const a of c.agreements) lines.push(`  agreement ${a.id}  [${a.status === 'active' ? 'in force' : a.status === 'ended' ? `ended ${a.ended ?? ''}` : a.status}]  ${a.purpose}`);
  if (c.holds.length === 0) lines.push('  holds nothing of yours now');
  for (const h of c.holds) lines.push(`  holds ${h.records.length} record(s) under grant ${h.grant} (${h.purpose})`);
  for (const d of c.deletions) lines.push(deletionLine(d, 'deletion asked'));
  for (const d of c.retention) lines.push(deletionLine(d, `deletion after ${d.days} days`));
  for (const d of c.disputes) lines.push(`  agreement ${d.agreement} disputed ${d.time}: ${d.reason}`);
  return lines.join('\n');
}

export const vendorComplianceCommands: Readonly<Record<string, Command>> = {
  'vendors compliance': {
    usage: 'kith vendors compliance [VENDOR]',
    summary: 'How each vendor kept your terms: agreements, what it holds, deletions on time or late or never, disputes, a score',
    arity: [0, 1],
    async run(ctx) {
      const vendor = ctx.args[0];
      const all = await ctx.client.call('vendors.compliance', vendor === undefined ? {} : { vendor });
      print(ctx, all, () => (all.length === 0 ? 'No vendors yet: connect to one with its invite link (`kith accept LINK`).' : all.map(complianceText).join('\n\n')));
    },
  },
};
