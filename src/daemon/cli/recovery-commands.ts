// `kith recovery setup|status|start|approve|cancel`: social recovery from the command line.
import type { HeldShareView, RecoverySessionView, RecoveryStatusView } from '../../api/methods/recovery.ts';
import { invalidInput } from '../../base/errors.ts';
import { arg, print, type Command, type CommandContext } from './commands.ts';

function friendsFlag(ctx: CommandContext): string[] {
  const value = ctx.flags['friends'];
  const names = (Array.isArray(value) ? value : typeof value === 'string' ? [value] : []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v.length > 0);
  if (names.length === 0) throw invalidInput('--friends names your recovery friends: contacts, comma-separated (names, DIDs or PeerIds).');
  return names;
}

function thresholdFlag(ctx: CommandContext): number {
  const value = ctx.flags['threshold'];
  if (typeof value !== 'string' || !/^\d{1,2}$/.test(value)) throw invalidInput('--threshold takes how many friends together can recover your key (2 or more).');
  return Number(value);
}

function ownerLines(status: RecoveryStatusView): string[] {
  const { setup } = status;
  if (setup === undefined) return ['You have no recovery friends yet. Choose some with `kith recovery setup --friends A,B,C --threshold 2`.'];
  const held = setup.friends.filter((f) => f.holds).length;
  return [
    `Recovery: any ${setup.threshold} of your ${setup.friends.length} friends can help you recover (set up ${setup.created}); ${held} of ${setup.friends.length} confirmed holding their share.`,
    ...setup.friends.map((f) => `  ${f.petname.padEnd(20)} ${f.holds ? `holds it (confirmed ${f.confirmed ?? ''})` : 'not confirmed yet (it is sent when they are online)'}`),
    ...(setup.dropping.length === 0 ? [] : [`Still to be told to delete an old share: ${setup.dropping.map((f) => f.petname).join(', ')}.`]),
  ];
}

function heldLines(held: readonly HeldShareView[]): string[] {
  if (held.length === 0) return [];
  return ['You hold recovery shares for:', ...held.map((h) => `  ${h.owner.petname.padEnd(20)} since ${h.since} (${h.threshold} of ${h.friends} friends needed)`)];
}

function sessionLines(session: RecoverySessionView): string[] {
  if (session.state === 'none') return ['No recovery is under way on this device. Start one with `kith recovery start`.'];
  if (session.state === 'recovered') return [`Recovered: you are ${session.identity?.did ?? ''} again (PeerId ${session.identity?.peerId ?? ''}).`, 'Bring your data back with `kith import BUNDLE` if you have an export, then `kith recovery recall` for what your contacts still hold.'];
  if (session.state === 'failed') return [`The recovery failed: ${session.problem ?? 'see the daemon’s output'}.`];
  const count = session.approvals.length;
  return [
    `Waiting for approvals: ${count} of ${session.threshold ?? '?'}${session.threshold === undefined ? ' (the first approval tells how many are needed)' : ''}.`,
    ...session.approvals.map((a) => `  approved by ${a.name ?? a.peerId} at ${a.received}`),
    ...(session.refused === 0 ? [] : [`${session.refused} approval${session.refused === 1 ? ' was' : 's were'} refused.`]),
    '',
    'Give each friend this code (read it out, or send it another way you trust):',
    '',
    session.code ?? '',
  ];
}

export const recoveryCommands: Readonly<Record<string, Command>> = {
  'recovery setup': {
    usage: 'kith recovery setup --friends A,B,C --threshold K',
    summary: 'Give friends (contacts) each a share of your key; any K of them can help you recover it; replaces an earlier setup',
    options: { friends: { type: 'string', multiple: true }, threshold: { type: 'string' } },
    arity: [0, 0],
    async run(ctx) {
      const status = await ctx.client.call('recovery.setup', { friends: friendsFlag(ctx), threshold: thresholdFlag(ctx) });
      print(ctx, status, () => [...ownerLines(status), '', 'Each friend gets their share when their node is online; `kith recovery status` shows who confirmed.'].join('\n'));
    },
  },
  'recovery status': {
    usage: 'kith recovery status',
    summary: 'Your recovery friends and who holds a share; the shares you hold for others; on a recovering device, the approvals so far',
    arity: [0, 0],
    async run(ctx) {
      const session = await ctx.client.call('recovery.session', {});
      const { initialized } = await ctx.client.call('identity.status', {});
      if (!initialized) {
        print(ctx, { session }, () => sessionLines(session).join('\n'));
        return;
      }
      const owner = await ctx.client.call('recovery.status', {});
      const held = await ctx.client.call('recovery.held', {});
      print(ctx, { ...owner, held, session }, () => [...(session.state === 'none' ? [] : [...sessionLines(session), '']), ...ownerLines(owner), ...(held.length === 0 ? [] : ['', ...heldLines(held)])].join('\n'));
    },
  },
  'recovery start': {
    usage: 'kith recovery start',
    summary: 'On a new device (empty data folder, `kith start` running): wait for friends to approve, and show the code to give them',
    arity: [0, 0],
    async run(ctx) {
      const passphrase = await ctx.secrets.ask('New passphrase', { confirm: true });
      const session = await ctx.client.call('recovery.start', { passphrase });
      print(ctx, session, () => [...sessionLines(session), '', 'Each friend runs `kith recovery approve CODE`. Follow along with `kith recovery status`.'].join('\n'));
    },
  },
  'recovery approve': {
    usage: 'kith recovery approve CODE [--for CONTACT]',
    summary: "Approve a friend's recovery (check with them first!): send your share to the new device their code names",
    options: { for: { type: 'string' } },
    arity: [1, 1],
    async run(ctx) {
      const name = ctx.flags['for'];
      const result = await ctx.client.call('recovery.approve', { code: arg(ctx, 0), ...(typeof name === 'string' ? { for: name } : {}) });
      print(ctx, result, () =>
        result.status === 'recovered'
          ? `Approved: ${result.owner.petname} has their identity back.`
          : `Approved: ${result.owner.petname}'s new device has ${result.approvals ?? '?'} of the ${result.threshold ?? '?'} approvals it needs.`,
      );
    },
  },
  'recovery recall': {
    usage: 'kith recovery recall',
    summary: 'After a recovery: get back from your contacts the records you had shared with them (checked, whole ones only)',
    arity: [0, 0],
    async run(ctx) {
      const result = await ctx.client.call('recovery.recall', {});
      print(ctx, result, () =>
        [
          `${result.records === 1 ? 'One record' : `${result.records} records`} came back.`,
          ...result.contacts.map((c) => `  ${c.petname.padEnd(20)} ${c.error === undefined ? `${c.returned} back${c.skipped > 0 ? `, ${c.skipped} not (some fields only, or already here)` : ''}` : `not reached: ${c.error}`}`),
        ].join('\n'),
      );
    },
  },
  'recovery cancel': {
    usage: 'kith recovery cancel',
    summary: 'End the recovery session on this device',
    arity: [0, 0],
    async run(ctx) {
      const session = await ctx.client.call('recovery.cancel', {});
      print(ctx, session, () => 'The recovery session has ended.');
    },
  },
};
