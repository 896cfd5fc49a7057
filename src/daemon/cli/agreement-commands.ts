// `kith agree`, `kith agreements`, `kith agreement end`, and the vendor side's
// `kith vendor profile` / `kith vendor show`.
import type { AgreementView, VendorProfileView } from '../../api/methods/agreements.ts';
import { invalidInput } from '../../base/errors.ts';
import { arg, print, type Command } from './commands.ts';

function agreementLines(a: AgreementView): string {
  const state = a.status === 'active' ? 'in force' : `ended ${a.ended ?? ''}${a.vendorTold === false ? ' (vendor not told yet)' : ''}`;
  return [
    `${a.id}  ${a.role === 'customer' ? 'with vendor' : 'with customer'} ${a.with.petname}  [${state}]`,
    `  purpose: ${a.purpose}`,
    ...(a.terms.length === 0 ? [] : [`  terms:   ${a.terms.join(' ')}`]),
    `  signed:  ${a.signers.length === 2 ? 'by both sides' : `${a.signers.length} signature(s)`}`,
    ...(a.grants.length === 0 ? [] : [`  grants:  ${a.grants.join(', ')}`]),
    ...(a.receipts === false ? ['  e-receipts: declined'] : []),
  ].join('\n');
}

function policyText(p: VendorProfileView['policy']): string {
  if (p.accepts.length === 0) return '(none: every proffer is refused)';
  return p.accepts
    .map((id) => {
      if (id === 'delete-after' && p.minDeleteAfterDays !== undefined) return `delete-after (${p.minDeleteAfterDays} days or more)`;
      if (id === 'breach-notice' && p.shortestBreachNoticeHours !== undefined) return `breach-notice (${p.shortestBreachNoticeHours} hours or more)`;
      return id;
    })
    .join(', ');
}

function profileLines(p: VendorProfileView): string {
  return [
    `${p.name}${p.site === undefined ? '' : `  ${p.site}`}`,
    `  categories: ${p.categories.length === 0 ? '(none)' : p.categories.join(', ')}`,
    `  accepts:    ${policyText(p.policy)}`,
    `  did:        ${p.did}`,
  ].join('\n');
}

export const agreementCommands: Readonly<Record<string, Command>> = {
  agree: {
    usage: 'kith agree VENDOR --purpose TEXT [--terms PRESET,...] [--clause TEXT]...',
    summary: 'Proffer your terms to a vendor; its node countersigns them or says which clause it refuses',
    options: { purpose: { type: 'string' }, terms: { type: 'string' }, clause: { type: 'string', multiple: true } },
    arity: [1, 1],
    async run(ctx) {
      const purpose = ctx.flags['purpose'];
      if (typeof purpose !== 'string') throw invalidInput('Say what the agreement is for with --purpose.', 'For example: --purpose "Delivery of my order".');
      const terms = ctx.flags['terms'];
      const clause = ctx.flags['clause'];
      const outcome = await ctx.client.call('agreements.propose', {
        vendor: arg(ctx, 0),
        purpose,
        ...(typeof terms === 'string' ? { terms } : {}),
        ...(Array.isArray(clause) ? { clauses: clause } : {}),
      });
      if (!outcome.accepted) ctx.fail();
      print(ctx, outcome, () =>
        outcome.accepted
          ? `Agreed: countersigned by ${outcome.agreement.with.petname}. Share under it with \`kith grant\`.\n${agreementLines(outcome.agreement)}`
          : `${outcome.vendor} refused these terms under its policy:\n${outcome.refused.map((r) => `  ${r.id}: ${r.text}`).join('\n')}\nPropose again without them, or ask the vendor to accept them.`,
      );
    },
  },
  agreements: {
    usage: 'kith agreements',
    summary: 'Your agreements with vendors (or, on a vendor node, with customers)',
    arity: [0, 0],
    async run(ctx) {
      const list = await ctx.client.call('agreements.list', {});
      print(ctx, list, () => (list.length === 0 ? 'No agreements yet. Proffer your terms to a vendor with `kith agree`.' : list.map(agreementLines).join('\n\n')));
    },
  },
  'agreement end': {
    usage: 'kith agreement end ID',
    summary: 'End an agreement: its grants are revoked and the vendor deletes the data',
    arity: [1, 1],
    async run(ctx) {
      const ended = await ctx.client.call('agreements.end', { id: arg(ctx, 0) });
      const told = ended.vendorTold === false ? ' The vendor is told when it is next reachable.' : '';
      print(ctx, ended, () => `Ended. ${ended.revoked.length} grant(s) revoked; \`kith grants\` shows the deletion receipts.${told}\n${agreementLines(ended)}`);
    },
  },
  'agreement receipts': {
    usage: 'kith agreement receipts ID on|off',
    summary: 'Take (on) or decline (off) e-receipts from the vendor of an agreement; taken unless you say off',
    arity: [2, 2],
    async run(ctx) {
      const choice = arg(ctx, 1);
      if (choice !== 'on' && choice !== 'off') throw invalidInput('Say on or off.', 'For example: kith agreement receipts a1b2c3d4e5f60718 off');
      const result = await ctx.client.call('agreements.receipts', { id: arg(ctx, 0), accept: choice === 'on' });
      print(ctx, result, () => (result.receipts ? `E-receipts from this vendor are taken under agreement ${result.id}.` : `E-receipts from this vendor are declined under agreement ${result.id}.`));
    },
  },
  'vendor profile': {
    usage: "kith vendor profile [--name N] [--site URL|''] [--categories a,b] [--accept CLAUSE,...]  (--site '' removes the site)",
    summary: "This vendor node's profile and the terms it countersigns by itself (shown, or changed)",
    options: { name: { type: 'string' }, site: { type: 'string' }, categories: { type: 'string' }, accept: { type: 'string' } },
    arity: [0, 0],
    async run(ctx) {
      const { name, site, categories, accept } = ctx.flags;
      const change = {
        ...(typeof name === 'string' ? { name } : {}),
        ...(typeof site === 'string' ? { site } : {}),
        ...(typeof categories === 'string' ? { categories: categories.split(',').map((c) => c.trim()).filter((c) => c) } : {}),
        ...(typeof accept === 'string' ? { accepts: accept } : {}),
      };
      const profile = Object.keys(change).length === 0 ? await ctx.client.call('vendor.profile.get', {}) : await ctx.client.call('vendor.profile.set', change);
      print(ctx, profile, () => profileLines(profile));
    },
  },
  'vendor show': {
    usage: 'kith vendor show VENDOR',
    summary: "A vendor contact's signed profile and the terms it accepts",
    arity: [1, 1],
    async run(ctx) {
      const profile = await ctx.client.call('vendor.profile.get', { vendor: arg(ctx, 0) });
      print(ctx, profile, () => profileLines(profile));
    },
  },
};
