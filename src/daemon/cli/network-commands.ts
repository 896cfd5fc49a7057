// `kith status`, `kith invite`, `kith accept`.
import { invalidInput } from '../../base/errors.ts';
import { arg, print, type Command, type CommandContext } from './commands.ts';
import { formatStatus } from './format.ts';

function wholeNumber(ctx: CommandContext, name: string, min: number, max: number): number | undefined {
  const value = ctx.flags[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,6}$/.test(value) || Number(value) < min || Number(value) > max) {
    throw invalidInput(`--${name} takes a whole number from ${min} to ${max}.`);
  }
  return Number(value);
}

export const networkCommands: Readonly<Record<string, Command>> = {
  status: {
    usage: 'kith status',
    summary: 'Your node: PeerId, addresses, reachability, relays, connected contacts (direct or via a relay)',
    arity: [0, 0],
    async run(ctx) {
      const status = await ctx.client.call('node.status', {});
      print(ctx, status, () => formatStatus(status));
    },
  },
  invite: {
    usage: 'kith invite [--uses N] [--hours H] [--hide-name]',
    summary: 'Make a signed invite code for someone to become your contact (--hide-name: do not tell them your name)',
    options: { uses: { type: 'string' }, hours: { type: 'string' }, 'hide-name': { type: 'boolean' } },
    arity: [0, 0],
    async run(ctx) {
      const uses = wholeNumber(ctx, 'uses', 1, 1000);
      const hours = wholeNumber(ctx, 'hours', 1, 720);
      const hide = ctx.flags['hide-name'] === true;
      const invite = await ctx.client.call('invites.create', { ...(uses === undefined ? {} : { uses }), ...(hours === undefined ? {} : { hours }), ...(hide ? { shareName: false } : {}) });
      print(ctx, invite, () =>
        [
          `Invite (${invite.uses === 1 ? 'one use' : `${invite.uses} uses`}, until ${invite.expires}):`,
          '',
          invite.code,
          '',
          `Link: ${invite.link}`,
          '',
          'The other person runs `kith accept CODE` (their node must be running too).',
        ].join('\n'),
      );
    },
  },
  accept: {
    usage: 'kith accept CODE [--hide-name]',
    summary: "Accept an invite: you become each other's contacts (--hide-name: do not tell them your name)",
    options: { 'hide-name': { type: 'boolean' } },
    arity: [1, 1],
    async run(ctx) {
      const contact = await ctx.client.call('invites.accept', { code: arg(ctx, 0), ...(ctx.flags['hide-name'] === true ? { shareName: false } : {}) });
      print(ctx, contact, () => `${contact.petname} (${contact.kind}) is now your contact: ${contact.peerId}.`);
    },
  },
};
